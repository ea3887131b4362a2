"""Writes of local timescales: an administrator sets an area's own length, or returns it to the national default.

Each change is audited in the same transaction as `pathway.timescale_changed`, with the old and new value.
"""

import uuid
from typing import Any

from django.db import IntegrityError, transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.organisations.models import Area
from macpu.pathway.models import LocalTimescale
from macpu.pathway.rules.local_timescales import length_errors
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, TimescaleCode, Unit

SOURCE_MAX_LENGTH = LocalTimescale._meta.get_field("source").max_length or 300


def _require_timescale_manager(actor: Actor) -> None:
    if not role_grants(actor.role, Permission.TIMESCALES_MANAGE):
        raise NotPermitted("Only a system administrator may change the area's timescales.")


def _value(row: LocalTimescale | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"amount": row.amount, "unit": row.unit, "source": row.source}


def _unit_and_errors(code: TimescaleCode, amount: int, unit: str, source: str) -> tuple[Unit | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not source:
        errors["source"] = "Enter where the local value comes from"
    elif len(source) > SOURCE_MAX_LENGTH:
        errors["source"] = f"The source must be {SOURCE_MAX_LENGTH} characters or fewer"
    try:
        known = Unit(unit)
    except ValueError:
        return None, {"unit": "Choose working days, weeks or calendar months", **errors}
    return known, {**length_errors(DEFAULT_TIMESCALES[code], amount, known), **errors}


def _record(actor: Actor, area: Area, code: TimescaleCode, row_id: uuid.UUID, old: Any, new: Any) -> None:
    trail.record(
        actor=actor,
        action=AuditAction.TIMESCALE_CHANGED,
        target_type="local_timescale",
        target_id=row_id,
        details={"area": area.la_code, "code": code.value, "old": old, "new": new},
    )


@transaction.atomic
def local_timescale_set(
    *, actor: Actor, area: Area, code: TimescaleCode, amount: int, unit: str, source: str
) -> LocalTimescale:
    """Make `amount` `unit` the area's length for `code`, replacing the national default (or its last value)."""
    _require_timescale_manager(actor)
    source = source.strip()
    known_unit, errors = _unit_and_errors(code, amount, unit, source)
    if errors or known_unit is None:
        raise InvalidInput(errors)
    row = LocalTimescale.objects.select_for_update().filter(area=area, code=code.value).first()
    old = _value(row)
    if row is None:
        row = LocalTimescale(area=area, code=code.value)
    row.amount, row.unit, row.source, row.set_by = amount, known_unit.value, source, actor.label
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Another administrator set the same timescale a moment ago.
        raise InvalidInput({"amount": "This timescale was changed a moment ago: reload it and try again"}) from None
    _record(actor, area, code, row.id, old, _value(row))
    return row


@transaction.atomic
def local_timescale_remove(*, actor: Actor, area: Area, code: TimescaleCode) -> None:
    """Return the area to the national default for `code`."""
    _require_timescale_manager(actor)
    row = LocalTimescale.objects.select_for_update().filter(area=area, code=code.value).first()
    if row is None:
        raise NotFound(f"The area uses the national default for {code.value} already")
    row_id, old = row.id, _value(row)
    row.delete()
    _record(actor, area, code, row_id, old, None)
