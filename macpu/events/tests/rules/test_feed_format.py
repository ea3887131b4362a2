import datetime as dt
import json
import re
from pathlib import Path

import pytest

from macpu.core.clock import LONDON
from macpu.events.rules.feed_format import EVENT_TYPES, EventSubmission, FieldError, parse_event, parse_line

TODAY = dt.date(2026, 11, 26)
DOC = Path(__file__).resolve().parents[4] / "docs" / "feed.md"
BASE = {
    "record_id": "CPOMS-1",
    "org": "123456",
    "type": "concern",
    "occurred_at": "2026-03-02",
    "subject": {"given_name": "Maisie", "family_name": "Whitmore", "date_of_birth": "2019-03-27"},
    "details": {"categories": ["neglect"]},
}


def parse(**changes: object) -> EventSubmission | list[FieldError]:
    return parse_event({**BASE, **changes}, today=TODAY, london=LONDON)


def errors(**changes: object) -> list[str]:
    result = parse(**changes)
    assert isinstance(result, list), "expected errors"
    return [str(error) for error in result]


def doc_examples() -> list[dict[str, object]]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)]


def test_every_example_in_the_documentation_is_valid_and_every_type_has_one() -> None:
    examples = doc_examples()
    for example in examples:
        assert isinstance(parse_event(example, today=TODAY, london=LONDON), EventSubmission), example["record_id"]
    assert {e["type"] for e in examples} == set(EVENT_TYPES)


def test_a_date_alone_stays_a_date_and_a_date_time_keeps_its_moment() -> None:
    dated = parse()
    assert isinstance(dated, EventSubmission)
    assert (dated.occurred.on, dated.occurred.at) == (dt.date(2026, 3, 2), None)
    timed = parse(occurred_at="2026-06-30T23:30:00+00:00")
    assert isinstance(timed, EventSubmission)
    assert timed.occurred.on == dt.date(2026, 7, 1)  # 00:30 in London, in summer time
    assert timed.occurred.at == dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"occurred_at": "2026-03-02T14:30:00"}, "occurred_at: a date-time must give its offset from UTC"),
        ({"occurred_at": "2026-02-30"}, "occurred_at: '2026-02-30' is not a real date in the form YYYY-MM-DD"),
        ({"colour": "blue"}, "colour: is not a field of this format"),
        ({"type": "incident"}, "type: 'incident' is not allowed; expected one of"),
        ({"details": {"categories": ["neglekt"]}}, "details.categories[0]: 'neglekt' is not allowed"),
        ({"details": {}}, "details.categories: is required"),
        (
            {"subject": {"nhs_number": "9434765918", "nhs_number_verified": True}},
            "subject.nhs_number: This is not a valid NHS number: the check digit does not match",
        ),
        (
            {
                "subject": {
                    "given_name": "Maisie",
                    "family_name": "Whitmore",
                    "date_of_birth": "2019-03-27",
                    "upn": "A801200005001",
                }
            },
            "subject.upn: This is not a valid UPN: the check letter does not match",
        ),
        (
            {"subject": {"nhs_number": "9434765919"}},
            "subject: give given_name, family_name and date_of_birth, or a verified nhs_number",
        ),
        (
            {"subject": {"given_name": "A", "family_name": "B", "date_of_birth": "2030-01-01"}},
            "subject.date_of_birth: is in the future",
        ),
        (
            {"subject": {"unborn": True, "expected_date": "2027-02-01"}},
            "subject.mother: is required for an unborn child",
        ),
        ({"type": "referral_decision", "details": {"outcome": "assessment"}}, "ref: is required"),
        ({"safeguarding_relevant": "yes"}, "safeguarding_relevant: must be true or false"),
        (
            {"type": "disagreement", "details": {"stage": "manager", "status": "escalated", "outcome": "Agreed"}},
            "details.outcome: is given only when status is resolved",
        ),
        (
            {"type": "disagreement", "details": {"stage": "practitioner", "status": "raised", "against": "123456"}},
            "details.against: names the organisation recording it",
        ),
        (
            {"type": "disagreement", "details": {"stage": "practitioner", "status": "raised", "subject": "mood"}},
            "details.subject: 'mood' is not allowed",
        ),
        ({"people": [{"given_name": "Dean", "role": "boyfriend"}]}, "people[0].role: 'boyfriend' is not allowed"),
    ],
)
def test_each_problem_names_its_field_and_says_what_is_wrong(changes: dict[str, object], expected: str) -> None:
    assert any(message.startswith(expected) for message in errors(**changes)), errors(**changes)


def test_a_line_that_is_not_json_is_an_error_of_the_line() -> None:
    assert parse_line("{not json", today=TODAY, london=LONDON) == [
        FieldError("line", "is not valid JSON: Expecting property name enclosed in double quotes at character 2")
    ]


def test_the_same_event_with_its_fields_in_another_order_has_the_same_content_hash() -> None:
    first = parse_line(json.dumps(BASE), today=TODAY, london=LONDON)
    second = parse_line(json.dumps(dict(reversed(list(BASE.items())))), today=TODAY, london=LONDON)
    assert isinstance(first, EventSubmission)
    assert isinstance(second, EventSubmission)
    assert first.content_hash == second.content_hash


def test_codes_are_read_in_upper_case_and_a_ref_to_another_organisation_is_kept_whole() -> None:
    result = parse(org="y01001", ref={"org": "nbp", "record_id": "INC-1"})
    assert isinstance(result, EventSubmission)
    assert (result.org, result.ref.org if result.ref else None, result.ref.record_id if result.ref else None) == (
        "Y01001",
        "NBP",
        "INC-1",
    )


def test_a_source_is_quiet_only_well_beyond_its_own_usual_pattern() -> None:
    from macpu.events.rules.source_watch import assess_source
    from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

    england = bank_holiday_calendar()

    weekdays = {dt.date(2026, 9, d) for d in range(1, 31) if dt.date(2026, 9, d).weekday() < 5}
    daily = assess_source(
        sending_days=weekdays, last_received=dt.date(2026, 9, 30), today=dt.date(2026, 10, 9), calendar=england
    )
    assert (daily.quiet, daily.working_days_silent) == (True, 7)
    assert daily.describe("Riverside Medical Practice") == "Riverside Medical Practice: no events for 7 working days"
    fortnightly = {dt.date(2026, 9, 1), dt.date(2026, 9, 15), dt.date(2026, 9, 29)}
    assert not assess_source(
        sending_days=fortnightly, last_received=dt.date(2026, 9, 29), today=dt.date(2026, 10, 9), calendar=england
    ).quiet
