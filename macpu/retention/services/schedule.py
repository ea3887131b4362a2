"""Writes to the schedule and the holds: an area's own periods, holds placed and released. Each audited."""

import datetime as dt
import uuid

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.models import Area
from macpu.people.models import Person, PersonKind
from macpu.retention.models import HoldReason, LegalHold, RetentionPeriod
from macpu.retention.rules.schedule import DEFAULT_PERIODS, Period, RecordType


def period_set(*, actor: Actor, area: Area, record_type: str, until_age: object, years_after_last: object) -> Period:
    """Set the area's period for a record type; the default's own values return it to the default. Audited."""
    try:
        kind = RecordType(record_type)
    except ValueError as error:
        raise NotFound(f"No record type is called {record_type}") from error
    errors = {}
    for name, value in (("until_age", until_age), ("years_after_last", years_after_last)):
        if not isinstance(value, int) or isinstance(value, bool):
            errors[name] = "Enter a whole number of years"
    if errors:
        raise InvalidInput(errors)
    period = Period(until_age=until_age, years_after_last=years_after_last)  # type: ignore[arg-type]
    if problems := period.problems():
        raise InvalidInput(problems)
    with transaction.atomic():
        if period == DEFAULT_PERIODS[kind]:
            RetentionPeriod.objects.filter(area=area, record_type=kind.value).delete()
        else:
            RetentionPeriod.objects.update_or_create(
                area=area,
                record_type=kind.value,
                defaults={
                    "until_age": period.until_age,
                    "years_after_last": period.years_after_last,
                    "set_by": actor.label,
                },
            )
        trail.record(
            actor=actor,
            action=AuditAction.RETENTION_PERIOD_CHANGED,
            target_type="retention_period",
            details={
                "area": area.la_code,
                "record_type": kind.value,
                "until_age": until_age,
                "years_after_last": years_after_last,
            },
        )
    return period


def hold_place(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    reason: str,
    description: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> LegalHold:
    """Place a legal hold on a child's record: while it is in force the record is not disposed of. Audited with the
    child's id and the reason's category (the description stays in the hold)."""
    starts_on = starts_on or clock.today()
    errors = {}
    if reason not in HoldReason.values:
        errors["reason"] = "Select why the record must be kept"
    if not description.strip():
        errors["description"] = "Enter the review, case or request the hold is for, by its reference"
    elif len(description) > 300:
        errors["description"] = "The description must be 300 characters or fewer"
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        if not Person.objects.filter(id=child_id, kind=PersonKind.CHILD).exists():
            raise InvalidInput({"child": "No child has this id or NHS number"})
        hold = LegalHold(
            child_id=child_id,
            reason=reason,
            description=description.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            placed_by=actor.label,
        )
        hold.full_clean()
        hold.save(force_insert=True)
        trail.record(
            actor=actor,
            action=AuditAction.RETENTION_HOLD_PLACED,
            target_type="legal_hold",
            target_id=hold.id,
            child_id=child_id,
            details={
                "reason": reason,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat() if ends_on else None,
            },
        )
    return hold


def hold_release(*, actor: Actor, hold_id: uuid.UUID, reason: str) -> LegalHold:
    """Release a hold (it is kept, marked released, with who and why). Audited."""
    if not reason.strip():
        raise InvalidInput({"release_reason": "Enter why the hold is released"})
    if len(reason) > 300:
        raise InvalidInput({"release_reason": "The reason must be 300 characters or fewer"})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().filter(id=hold_id).first()
        if hold is None:
            raise NotFound("No hold has this id")
        if hold.released_on is not None:
            raise InvalidInput({"release_reason": "This hold is already released"})
        hold.released_on = clock.today()
        hold.released_by = actor.label
        hold.release_reason = reason.strip()
        hold.save(update_fields=["released_on", "released_by", "release_reason", "updated_at"])
        trail.record(
            actor=actor,
            action=AuditAction.RETENTION_HOLD_RELEASED,
            target_type="legal_hold",
            target_id=hold.id,
            child_id=hold.child_id,
            details={"reason": hold.reason},
        )
    return hold
