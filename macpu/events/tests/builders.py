"""Feed events for tests, built as an agency would send them."""

import datetime as dt
from typing import Any

from macpu.core.actor import Actor
from macpu.core.clock import LONDON
from macpu.events.rules.feed_format import EventSubmission, parse_event
from macpu.events.services.recording import RecordOutcome, event_record
from macpu.events.services.session import RecordingSession

MAISIE = {
    "given_name": "Maisie",
    "family_name": "Whitmore",
    "date_of_birth": "2019-03-27",
    "sex": "female",
    "postcode": "NB1 4AA",
}


def feed_event(record_id: str, org: str, type: str = "concern", **fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "record_id": record_id,
        "org": org,
        "type": type,
        "occurred_at": "2026-03-02",
        "subject": dict(MAISIE),
    }
    if type == "concern":
        event["details"] = {"categories": ["neglect"]}
    event.update(fields)
    return event


def submission(payload: dict[str, Any]) -> EventSubmission:
    parsed = parse_event(payload, today=dt.date(2026, 11, 26), london=LONDON)
    assert isinstance(parsed, EventSubmission), parsed
    return parsed


def record(actor: Actor, payload: dict[str, Any]) -> RecordOutcome:
    return event_record(actor=actor, submission=submission(payload), received_via="test", session=RecordingSession())
