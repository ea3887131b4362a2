"""Writes of the working-day calendar: administrators add and remove proclaimed holidays, each audited."""

import datetime as dt

from django.db import IntegrityError, transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.workingdays.models import ProclaimedHoliday
from macpu.workingdays.rules.bank_holidays import FIRST_YEAR, LAST_YEAR
from macpu.workingdays.selectors import bank_holiday_name, proclaimed_holidays

NAME_MAX_LENGTH = ProclaimedHoliday._meta.get_field("name").max_length or 100
SOURCE_MAX_LENGTH = ProclaimedHoliday._meta.get_field("source").max_length or 300


def _require_calendar_manager(actor: Actor) -> None:
    if not role_grants(actor.role, Permission.CALENDAR_MANAGE):
        raise NotPermitted("Only a system administrator may change the working-day calendar.")


def _long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _date_errors(day: dt.date) -> str | None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"The date must be between {FIRST_YEAR} and {LAST_YEAR}"
    if day.weekday() >= 5:
        return f"{_long(day)} is a weekend day, which is never a working day"
    if name := bank_holiday_name(day):
        return f"{_long(day)} is already a bank holiday ({name})"
    if proclaimed_holidays().filter(date=day).exists():
        return f"{_long(day)} is already a proclaimed holiday"
    return None


def _text_errors(name: str, source: str) -> dict[str, str]:
    errors = {}
    if not name:
        errors["name"] = "Enter the holiday's name"
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = f"The name must be {NAME_MAX_LENGTH} characters or fewer"
    if not source:
        errors["source"] = "Enter where the holiday was proclaimed"
    elif len(source) > SOURCE_MAX_LENGTH:
        errors["source"] = f"Where it was proclaimed must be {SOURCE_MAX_LENGTH} characters or fewer"
    return errors


@transaction.atomic
def proclaimed_holiday_add(*, actor: Actor, day: dt.date, name: str, source: str) -> ProclaimedHoliday:
    """Make `day` a non-working day from now on; every deadline computed after this counts it."""
    _require_calendar_manager(actor)
    name, source = name.strip(), source.strip()
    errors = _text_errors(name, source)
    if date_error := _date_errors(day):
        errors = {"date": date_error, **errors}
    if errors:
        raise InvalidInput(errors)
    try:
        with transaction.atomic():
            holiday = ProclaimedHoliday.objects.create(date=day, name=name, source=source, added_by=actor.label)
    except IntegrityError:
        # Another administrator proclaimed the same day a moment ago.
        raise InvalidInput({"date": f"{_long(day)} is already a proclaimed holiday"}) from None
    trail.record(
        actor=actor,
        action=AuditAction.PROCLAIMED_HOLIDAY_ADDED,
        target_type="proclaimed_holiday",
        target_id=holiday.id,
        details={"date": day.isoformat(), "name": name, "source": source},
    )
    return holiday


@transaction.atomic
def proclaimed_holiday_remove(*, actor: Actor, day: dt.date, reason: str = "") -> ProclaimedHoliday:
    """Make `day` a working day again (added in error, or the proclamation withdrawn); the row is kept."""
    _require_calendar_manager(actor)
    reason = reason.strip()
    if len(reason) > SOURCE_MAX_LENGTH:
        raise InvalidInput({"reason": f"The reason must be {SOURCE_MAX_LENGTH} characters or fewer"})
    holiday = proclaimed_holidays().select_for_update().filter(date=day).first()
    if holiday is None:
        raise NotFound(f"No proclaimed holiday is in force on {day.isoformat()}")
    holiday.removed_at, holiday.removed_by, holiday.removal_reason = clock.now(), actor.label, reason
    holiday.save(update_fields=["removed_at", "removed_by", "removal_reason", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.PROCLAIMED_HOLIDAY_REMOVED,
        target_type="proclaimed_holiday",
        target_id=holiday.id,
        details={"date": day.isoformat(), "name": holiday.name, "reason": reason},
    )
    return holiday
