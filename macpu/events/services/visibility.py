"""Who may read an entry's content: changed by its recording organisation, with a reason; widening a sealed entry
waits for a second person of that organisation (`events.rules.visibility`). Every step is audited."""

import uuid

from django.db import transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.selectors import member_ids_by_organisation
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.models import Event, EventStatus, Sensitivity, VisibilityChange, VisibilityChangeStatus
from macpu.events.rules.visibility import APPROVERS, may_approve, needs_second_person
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import Outgoing, notifications_send
from macpu.people.models import Address


def _own_entry(actor: Actor, event_id: uuid.UUID) -> Event:
    """The entry, if the actor's organisation recorded it: no one else changes who reads it (others: not found)."""
    event = Event.objects.select_for_update().filter(id=event_id, status=EventStatus.ACTIVE).first()
    if event is None or actor.organisation_id is None or event.organisation_id != actor.organisation_id:
        raise NotFound
    return event


def _apply(actor: Actor, change: VisibilityChange, event: Event) -> None:
    event.sensitivity = change.new_sensitivity
    event.save(update_fields=["sensitivity", "updated_at"])
    if event.type == "address_change":  # the address the move made follows its entry (a refuge sealed later)
        Address.objects.filter(
            person_id=event.child_id,
            recorded_by_id=event.organisation_id,
            valid_from=event.occurred_on,
            postcode=str(event.details.get("postcode", "")),
        ).update(sensitivity=change.new_sensitivity)
    change.status = VisibilityChangeStatus.APPLIED
    trail.record(
        actor=actor,
        action=AuditAction.VISIBILITY_CHANGED,
        target_type="event",
        target_id=event.id,
        child_id=event.child_id,
        details={"from": change.old_sensitivity, "to": change.new_sensitivity, "change": str(change.id)},
    )


def _ask_a_second_person(actor: Actor, change: VisibilityChange, event: Event) -> None:
    approvers: set[uuid.UUID] = set()
    for role in APPROVERS:
        approvers |= member_ids_by_organisation(role=role, organisation_ids=[event.organisation_id]).get(
            event.organisation_id, set()
        )
    if actor.user_id is not None:
        approvers.discard(actor.user_id)  # a second person: never the one asking
    notifications_send(
        [
            Outgoing(
                recipient_ids=approvers,
                kind=NotificationKind.VISIBILITY_APPROVAL,
                message="A colleague asks to let more people read a sealed entry: it needs your approval",
                child_id=event.child_id,
                organisation_id=event.organisation_id,
                link="/visibility-requests/",
            )
        ]
    )


def visibility_change(*, actor: Actor, event_id: uuid.UUID, sensitivity: str, reason: str) -> VisibilityChange:
    """Narrow or widen who may read the entry, saying why: applied at once, or waiting for a second person when a
    sealed entry is widened."""
    if not role_grants(actor.role, Permission.CHILD_RECORD):
        raise NotPermitted("Your role may not change who reads an entry")
    errors = {}
    if sensitivity not in Sensitivity.values:
        errors["sensitivity"] = "Choose standard, restricted or sealed"
    if not reason.strip():
        errors["reason"] = "Say why the entry should be read by more or fewer people"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        event = _own_entry(actor, event_id)
        if sensitivity == event.sensitivity:
            raise InvalidInput({"sensitivity": f"The entry is already {sensitivity}"})
        second = needs_second_person(event.sensitivity, sensitivity)
        change = VisibilityChange.objects.create(
            event=event,
            old_sensitivity=event.sensitivity,
            new_sensitivity=sensitivity,
            reason=reason.strip(),
            requested_by=actor.display_name or actor.label,
            requested_by_user_id=actor.user_id,
            status=VisibilityChangeStatus.PENDING if second else VisibilityChangeStatus.APPLIED,
        )
        if second:
            trail.record(
                actor=actor,
                action=AuditAction.VISIBILITY_CHANGE_REQUESTED,
                target_type="event",
                target_id=event.id,
                child_id=event.child_id,
                details={"from": event.sensitivity, "to": sensitivity, "change": str(change.id)},
            )
            _ask_a_second_person(actor, change, event)
        else:
            _apply(actor, change, event)
    return change


def visibility_decide(*, actor: Actor, change_id: uuid.UUID, approve: bool, reason: str) -> VisibilityChange:
    """A second person of the recording organisation approves or refuses the widening of a sealed entry."""
    if not reason.strip():
        raise InvalidInput({"reason": "Say why you approve or refuse"})
    with transaction.atomic():
        change = (
            VisibilityChange.objects.select_for_update()
            .select_related("event")
            .filter(id=change_id, status=VisibilityChangeStatus.PENDING)
            .first()
        )
        if change is None or change.event.organisation_id != actor.organisation_id:
            raise NotFound
        if not may_approve(actor.role):
            raise NotPermitted("Only a safeguarding lead or team manager of the organisation may approve")
        if actor.user_id is None or actor.user_id == change.requested_by_user_id:
            raise NotPermitted("A second person must decide: not the one who asked")
        event = Event.objects.select_for_update().get(id=change.event_id)
        if event.sensitivity != change.old_sensitivity:
            raise InvalidInput({"reason": "The entry's visibility changed since this was asked: ask again"})
        change.decided_by, change.decided_at, change.decision_reason = (
            actor.display_name or actor.label,
            clock.now(),
            reason.strip(),
        )
        if approve:
            _apply(actor, change, event)
        else:
            change.status = VisibilityChangeStatus.REFUSED
            trail.record(
                actor=actor,
                action=AuditAction.VISIBILITY_CHANGE_REFUSED,
                target_type="event",
                target_id=event.id,
                child_id=event.child_id,
                details={"change": str(change.id)},
            )
        change.save()
    return change
