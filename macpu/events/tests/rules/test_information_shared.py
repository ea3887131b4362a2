"""`information_shared`: a share or a decision not to share, checked field by field (R26, R27)."""

import datetime as dt
from typing import Any

import pytest

from macpu.core.clock import LONDON
from macpu.events.rules.describe import event_title
from macpu.events.rules.feed_format import EventSubmission, FieldError, parse_event
from macpu.events.rules.information_shared import is_disclosure

TODAY = dt.date(2026, 11, 26)
SUBJECT = {"given_name": "Maisie", "family_name": "Whitmore", "date_of_birth": "2019-03-27"}


def shared(details: dict[str, Any], **changes: Any) -> EventSubmission | list[FieldError]:
    payload = {
        "record_id": "SHARE-1",
        "org": "NBP",
        "type": "information_shared",
        "occurred_at": "2026-03-02",
        "subject": SUBJECT,
        "details": {"with": ["123456"], **details},
        **changes,
    }
    return parse_event(payload, today=TODAY, london=LONDON)


def errors(details: dict[str, Any], **changes: Any) -> list[str]:
    result = shared(details, **changes)
    assert isinstance(result, list), "expected errors"
    return [str(error) for error in result]


def test_an_old_share_naming_its_record_and_basis_stays_valid() -> None:
    old = shared({"lawful_basis": "public_task", "condition": "DPA 2018 Schedule 1 paragraph 18"}, ref="NBP-INC-1")
    assert isinstance(old, EventSubmission)
    assert is_disclosure(old.details)


def test_a_full_share_and_a_full_decision_not_to_share_are_valid() -> None:
    share = {
        "what": "Police incident of 14 February: domestic abuse, child present",
        "reason": "So the school can support her",
        "lawful_basis": "public_task",
        "article_9_condition": "substantial_public_interest",
        "dpa_condition": "sch1_para18_safeguarding_children",
        "consent": "not_sought",
        "consent_reason": "Asking the mother's partner would put the child at risk",
        "decided_by": "DS Chen",
        "decided_by_role": "detective sergeant",
    }
    assert isinstance(shared(share), EventSubmission)
    withheld = {
        "decision": "not_shared",
        "what": "The mother's counselling notes",
        "reason": "Not relevant to the child's safety; disclosure would be disproportionate",
        "consent": "refused",
        "consent_reason": "The mother asked that they stay with the GP",
        "decided_by": "Dr Ben Adeyemi",
    }
    result = shared(withheld)
    assert isinstance(result, EventSubmission)
    assert not is_disclosure(result.details)


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ({"lawful_basis": "public_task"}, "details.what: Say what was shared or not shared"),
        ({"what": "notes"}, "details.lawful_basis: Give the lawful basis for sharing"),
        ({"what": "notes", "decision": "maybe"}, "details.decision: 'maybe' is not allowed; expected one of"),
        (
            {"what": "notes", "decision": "not_shared", "lawful_basis": "public_task", "reason": "r"},
            "details.lawful_basis: A decision not to share discloses nothing",
        ),
        ({"what": "notes", "decision": "not_shared"}, "details.reason: Say why it was not shared"),
        (
            {"what": "notes", "lawful_basis": "public_task", "consent": "refused"},
            "details.consent_reason: Say what was refused",
        ),
        (
            {"what": "notes", "lawful_basis": "public_task", "consent": "not_sought", "consent_reason": "  "},
            "details.consent_reason: Say why consent was not sought",
        ),
        (
            {"what": "notes", "lawful_basis": "consent", "consent": "refused", "consent_reason": "r"},
            "details.lawful_basis: Consent is the lawful basis only when consent was given",
        ),
        (
            {"what": "notes", "lawful_basis": "public_task", "dpa_condition": "sch8_para4_safeguarding_children"},
            "details.dpa_condition: Schedule 8 is only for law enforcement processing",
        ),
        (
            {"what": "notes", "lawful_basis": "law_enforcement", "article_9_condition": "vital_interests"},
            "details.article_9_condition: Law enforcement processing (DPA 2018 Part 3) has no Article 9",
        ),
        (
            {"what": "notes", "lawful_basis": "public_task", "article_9_condition": "substantial_public_interest"},
            "details.dpa_condition: Article 9(2)(g) needs a Schedule 1 condition",
        ),
        ({"what": "notes", "lawful_basis": "public_task", "consent": "maybe"}, "details.consent: 'maybe' is not"),
        ({"what": "notes", "lawful_basis": "public_task", "shared_by": "me"}, "details.shared_by: is not a field"),
    ],
)
def test_each_problem_names_its_field(details: dict[str, Any], expected: str) -> None:
    assert any(error.startswith(expected) for error in errors(details)), errors(details)


def test_consent_refused_never_blocks_a_share_made_on_another_basis() -> None:
    # R27: lack of consent never blocks sharing to protect a child; the reason is recorded.
    result = shared(
        {
            "what": "The referral",
            "lawful_basis": "public_task",
            "consent": "refused",
            "consent_reason": "Sharing is needed to protect her from significant harm",
        }
    )
    assert isinstance(result, EventSubmission)


def test_the_police_share_sensitive_information_under_schedule_8() -> None:
    details = {
        "what": "Intelligence",
        "lawful_basis": "law_enforcement",
        "dpa_condition": "sch8_para4_safeguarding_children",
    }
    assert isinstance(shared(details), EventSubmission)
    assert any(
        e.startswith("details.dpa_condition: Law enforcement processing uses Schedule 8")
        for e in errors({**details, "dpa_condition": "sch1_para18_safeguarding_children"})
    )


def test_the_chronology_titles_a_decision_not_to_share_as_such() -> None:
    assert event_title("information_shared", {"decision": "not_shared"}) == "Decision not to share information"
    assert event_title("information_shared", {"lawful_basis": "public_task"}).startswith("Information shared")
