"""Raising a professional disagreement, escalating it and recording its outcome (R52, R53; ADR 0021).

Each is a `disagreement` event of the actor's organisation, written through the feed's one write path
(`events.services.by_hand.event_record_for_child`), which audits it in the same transaction: an agency's own system
can send the same events in its feed. The child's row is locked first, so that two people escalating the same
disagreement at once are taken one after the other, each against the disagreement as the other left it.
"""

import uuid
from typing import Any

from django.db import transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.disagreements.rules.disagreement import (
    STAGES,
    SUBJECTS,
    escalation_refusal,
    resolution_refusal,
)
from macpu.disagreements.selectors import (
    ShownDisagreement,
    decisions_to_dispute,
    disagreement_child,
    disagreement_of_child,
    open_disagreement_about,
)
from macpu.events.models import Event, EventStatus
from macpu.events.services.by_hand import event_record_for_child
from macpu.people.models import Person
from macpu.people.selectors.children import child_get

TEXT_MAX = 5000
PARTIES_ONLY = (
    "Only the organisations party to a disagreement (the one that raised it and the one whose decision it disputes) "
    "escalate it or record its outcome."
)


def _may_record(actor: Actor) -> None:
    if not role_grants(actor.role, Permission.CHILD_RECORD):
        raise NotPermitted("Your role may not record a professional disagreement.")


def _text(value: str, field: str, missing: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput({field: missing})
    if len(text) > TEXT_MAX:
        raise InvalidInput({field: f"Use {TEXT_MAX} characters or fewer"})
    return text


def _lock(child: Person) -> None:
    Person.objects.select_for_update().filter(id=child.id).first()  # one change at a time to a child's disagreements


def _record(actor: Actor, child: Person, ref: dict[str, str], details: dict[str, Any]) -> Event:
    details = {**details, "practitioner": (actor.display_name or actor.label)[:200]}
    fields = {
        "type": "disagreement",
        "occurred_at": clock.now().isoformat(),
        "safeguarding_relevant": True,
        "ref": ref,
        "details": details,
    }
    outcome = event_record_for_child(actor=actor, child=child, fields=fields)
    if outcome.errors or outcome.event is None:
        raise InvalidInput({error.field: error.message for error in outcome.errors})
    return outcome.event


def _ref(event: Event) -> dict[str, str]:
    return {"org": event.organisation.code, "record_id": event.record_id}


def disagreement_raise(
    *, actor: Actor, child_id: uuid.UUID, decision_id: uuid.UUID, subject: str, about: str
) -> ShownDisagreement:
    """Raise a disagreement, at practitioner stage, with another organisation's decision about the child.

    Returns the disagreement as it now stands (its id is its first event's). InvalidInput names each field at fault; nothing is recorded
    unless all is well. A decision with a disagreement open already is refused: escalate that one instead.
    """
    _may_record(actor)
    child = child_get(actor=actor, child_id=child_id)  # a refusal is audited in its own transaction
    errors: dict[str, str] = {}
    if subject not in SUBJECTS:
        errors["subject"] = "Select what the disagreement is about"
    if not about.strip():
        errors["about"] = "Say what you disagree with and why"
    elif len(about.strip()) > TEXT_MAX:
        errors["about"] = f"Use {TEXT_MAX} characters or fewer"
    with transaction.atomic():
        _lock(child)
        choices = {choice.id: choice for choice in decisions_to_dispute(actor=actor, child=child)}
        decision = choices.get(decision_id)
        if decision is None:
            errors["decision"] = "Select a decision of another organisation about this child"
        elif open_disagreement_about(actor=actor, child=child, decision_id=decision_id):
            errors["decision"] = (
                "A disagreement with this decision is open already: escalate it or record its outcome on its page"
            )
        if errors:
            raise InvalidInput(errors)
        disputed = Event.objects.select_related("organisation").get(id=decision_id, status=EventStatus.ACTIVE)
        details = {
            "stage": STAGES[0],
            "status": "raised",
            "subject": subject,
            "about": about.strip(),
            "against": disputed.organisation.code,
        }
        event = _record(actor, child, _ref(disputed), details)
        return disagreement_of_child(actor=actor, child=child, disagreement_id=event.id)


def _party(actor: Actor, shown: ShownDisagreement) -> None:
    if actor.organisation_code not in shown.disagreement.parties:
        raise NotPermitted(PARTIES_ONLY)


def disagreement_escalate(*, actor: Actor, disagreement_id: uuid.UUID, reason: str) -> ShownDisagreement:
    """Escalate the disagreement to its next stage (practitioner, manager, senior manager, partnership), with why.

    Only its parties may; one resolved, or at partnership stage, is refused naming `stage`.
    """
    _may_record(actor)
    child = disagreement_child(actor=actor, disagreement_id=disagreement_id)
    with transaction.atomic():
        _lock(child)
        shown = disagreement_of_child(actor=actor, child=child, disagreement_id=disagreement_id)
        _party(actor, shown)
        text = _text(reason, "reason", "Say why it needs the next stage")
        refused = escalation_refusal(shown.disagreement)
        if refused:
            raise InvalidInput({"stage": refused})
        following = shown.disagreement.next_stage
        assert following is not None  # noqa: S101  # escalation_refusal refuses the last stage
        latest = Event.objects.select_related("organisation").get(id=shown.disagreement.latest.id)
        _record(actor, child, _ref(latest), {"stage": following, "status": "escalated", "about": text})
        return disagreement_of_child(actor=actor, child=child, disagreement_id=disagreement_id)


def disagreement_resolve(*, actor: Actor, disagreement_id: uuid.UUID, outcome: str) -> ShownDisagreement:
    """Record how the disagreement was resolved, at the stage it reached. Only its parties may, once."""
    _may_record(actor)
    child = disagreement_child(actor=actor, disagreement_id=disagreement_id)
    with transaction.atomic():
        _lock(child)
        shown = disagreement_of_child(actor=actor, child=child, disagreement_id=disagreement_id)
        _party(actor, shown)
        text = _text(outcome, "outcome", "Say how it was resolved: what was agreed, and by whom")
        refused = resolution_refusal(shown.disagreement)
        if refused:
            raise InvalidInput({"outcome": refused})
        latest = Event.objects.select_related("organisation").get(id=shown.disagreement.latest.id)
        details = {"stage": shown.disagreement.stage, "status": "resolved", "outcome": text}
        _record(actor, child, _ref(latest), details)
        return disagreement_of_child(actor=actor, child=child, disagreement_id=disagreement_id)
