"""The feed's optional participation fields: checked like every other field, and sent by the synthetic area."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from macpu.events.rules.feed_format import EventSubmission, parse_event
from macpu.synthetic.feed import generate_feed
from macpu.synthetic.population import generate_population

LONDON = ZoneInfo("Europe/London")
AS_OF = dt.date(2026, 11, 1)


def _shared(**details: Any) -> dict[str, Any]:
    return {
        "record_id": "GP-1",
        "org": "Y01001",
        "type": "information_shared",
        "occurred_at": "2026-03-06",
        "subject": {"nhs_number": "9990000026", "nhs_number_verified": True},
        "ref": "SD-1",
        "details": {"with": ["873"], "lawful_basis": "public_task", **details},
    }


def test_requested_on_must_be_a_real_date() -> None:
    problems = parse_event(_shared(requested_on="2026-02-30"), today=AS_OF, london=LONDON)
    assert isinstance(problems, list)
    assert [problem.field for problem in problems] == ["details.requested_on"]
    assert isinstance(parse_event(_shared(requested_on="2026-03-04"), today=AS_OF, london=LONDON), EventSubmission)


def test_conferences_and_core_groups_may_name_who_was_invited_and_who_came() -> None:
    conference = _shared() | {
        "type": "conference",
        "ref": None,
        "details": {"kind": "initial", "invited": ["873", "NBP"], "attendees": [{"org": "873", "role": "chair"}]},
    }
    del conference["ref"]
    assert isinstance(parse_event(conference, today=AS_OF, london=LONDON), EventSubmission)
    core_group = conference | {"type": "core_group", "details": {"invited": ["873"], "attendees": []}}
    assert isinstance(parse_event(core_group, today=AS_OF, london=LONDON), EventSubmission)


def test_the_synthetic_area_sends_invitations_attendance_and_answers_to_requests() -> None:
    events = list(generate_feed(generate_population(children=300, seed=2026, start_date=AS_OF), seed=2026, as_of=AS_OF))
    conferences = [e for e in events if e["type"] == "conference"]
    assert conferences
    assert all("invited" in e["details"] and "attendees" in e["details"] for e in conferences)
    assert all("invited" in e["details"] for e in events if e["type"] == "core_group")
    answers = [e for e in events if e["type"] == "information_shared" and "requested_on" in e["details"]]
    assert answers
    assert all(e["occurred_at"][:10] > e["details"]["requested_on"] for e in answers)
