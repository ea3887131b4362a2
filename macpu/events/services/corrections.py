"""Corrections by a data quality officer: an event filed against the wrong child is moved to the right one.

The event keeps its identity, versions and provenance; the move is recorded (`EventMove`) with its
reason, shown on both children's chronologies, and audited under both children.
"""

import uuid

from django.db import transaction

from macpu.access.models import InvolvementBasis
from macpu.access.services import involvement_record
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.events.models import Event, EventMove
from macpu.events.signals import tell_after_commit
from macpu.people.models import Identifier, IdentifierScheme, Person, PersonKind
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number

_NO_CHILD = "No child has that NHS number or macpu id"


def _child(reference: str) -> tuple[Person | None, str]:
    """The child a macpu id or an NHS number names, or why there is none."""
    try:
        child = Person.objects.filter(id=uuid.UUID(reference), kind=PersonKind.CHILD).first()
        return child, "" if child else _NO_CHILD
    except ValueError:
        pass
    try:
        nhs_number = normalise_nhs_number(reference)
    except IdentifierError as error:
        return None, f"Enter the child's NHS number or macpu id: {error}"
    holders = Identifier.objects.filter(
        scheme=IdentifierScheme.NHS_NUMBER, value=nhs_number, valid_to__isnull=True, person__kind=PersonKind.CHILD
    ).values_list("person_id", flat=True)
    found = list(Person.objects.filter(id__in=holders))
    if len(found) > 1:
        return None, "More than one child has that NHS number: use the macpu id"
    return (found[0], "") if found else (None, _NO_CHILD)


def event_move(*, actor: Actor, org: str, record_id: str, to_child: str, reason: str) -> EventMove:
    """Move the event (org, record id) to the child named by `to_child` (NHS number or macpu id)."""
    reason = reason.strip()
    errors: dict[str, str] = {}
    event = Event.objects.filter(organisation__code=org.strip().upper(), record_id=record_id.strip()).first()
    if event is None:
        errors["record_id"] = "No event has that organisation code and record id"
    target, problem = (
        _child(to_child.strip()) if to_child.strip() else (None, "Enter the child's NHS number or macpu id")
    )
    if target is None:
        errors["to_child"] = problem
    if not reason:
        errors["reason"] = "Say why the entry belongs to the other child"
    if event is not None and target is not None and event.child_id == target.id:
        errors["to_child"] = "The entry is already in that child's chronology"
    if errors or event is None or target is None:
        raise InvalidInput(errors)
    with transaction.atomic():
        move = EventMove.objects.create(
            event=event, from_child_id=event.child_id, to_child=target, reason=reason[:2000], moved_by=actor.label
        )
        event.child = target
        event.save(update_fields=["child", "updated_at"])
        involvement_record(
            actor=actor, child_id=target.id, organisation_id=event.organisation_id, basis=InvolvementBasis.RECORDED
        )
        for child_id, direction in ((move.from_child_id, "away"), (target.id, "here")):
            trail.record(
                actor=actor,
                action=AuditAction.EVENT_MOVED,
                target_type="event",
                target_id=event.id,
                child_id=child_id,
                details={"move": str(move.id), "direction": direction},
            )
        tell_after_commit([move.from_child_id, target.id])
    return move
