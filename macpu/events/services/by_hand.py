"""Events recorded by hand, in macpu's own forms: the same format and write path as every agency's feed."""

import uuid
from typing import Any

from django.db import transaction

from macpu.core import clock
from macpu.core.actor import Actor
from macpu.events.rules.feed_format import parse_event
from macpu.events.services.recording import EventResult, RecordOutcome, event_record
from macpu.events.services.session import RecordingSession
from macpu.events.signals import tell_after_commit
from macpu.people.models import IdentifierScheme, Person


def _subject(child: Person) -> dict[str, Any]:
    """The child as macpu knows them, so the stored event describes its subject like any feed event."""
    subject: dict[str, Any] = {"local_id": f"macpu:{child.id}"}
    if child.is_unborn:
        return subject | {"given_name": child.given_name, "family_name": child.family_name}
    subject |= {"given_name": child.given_name, "family_name": child.family_name}
    if child.date_of_birth:
        subject["date_of_birth"] = child.date_of_birth.isoformat()
    nhs = child.identifiers.filter(scheme=IdentifierScheme.NHS_NUMBER, valid_to__isnull=True, verified=True).first()
    if nhs is not None:
        subject |= {"nhs_number": nhs.value, "nhs_number_verified": True}
    return subject


def event_record_for_child(*, actor: Actor, child: Person, fields: dict[str, Any]) -> RecordOutcome:
    """Record an event about a child the actor has open, for the actor's own organisation."""
    payload = {
        "record_id": f"macpu-{uuid.uuid4()}",
        "org": actor.organisation_code,
        "author_role": actor.role.replace("_", " "),
        "recorded_at": clock.now().isoformat(),
        "subject": _subject(child),
        **fields,
    }
    parsed = parse_event(payload, today=clock.today(), london=clock.LONDON)
    if isinstance(parsed, list):
        return RecordOutcome(EventResult.REJECTED, errors=tuple(parsed))
    session = RecordingSession()
    with transaction.atomic():
        outcome = event_record(
            actor=actor, submission=parsed, received_via=f"form: {actor.label}", session=session, known_child=child
        )
        tell_after_commit(session.changed_children)
        return outcome
