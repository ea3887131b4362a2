"""What a profile must hold to be published: each problem named by its field; timescales described in words."""

from dataclasses import replace

from macpu.practice.rules.profile import (
    Commitment,
    SafeguardingLead,
    Timescale,
    TimeUnit,
    content_errors,
)
from macpu.practice.rules.tests.test_comparison import COUNCIL


def test_a_complete_profile_has_no_errors() -> None:
    assert content_errors(COUNCIL) == {}


def test_missing_text_leads_and_timescales_are_each_named() -> None:
    empty = replace(
        COUNCIL,
        safeguarding_role="",
        escalation_route="",
        leads=(SafeguardingLead("", "", "", ""),),
        timescales={},
        threshold_document_url="http://example.gov.uk",
    )
    errors = content_errors(empty)
    assert errors["safeguarding_role"] == "Enter what the organisation does in safeguarding"
    assert errors["escalation_route"] == "Enter how to escalate a concern or a disagreement"
    assert errors["lead_1_name"] == "Enter safeguarding lead 1's name"
    assert errors["lead_1_office_hours"] == "Enter safeguarding lead 1's office hours"
    assert "lead_1_out_of_hours" not in errors  # optional
    assert set(Commitment) <= set(errors)
    assert errors["threshold_document_url"].startswith("Enter the threshold document's address starting with https://")


def test_no_leads_more_than_three_and_out_of_range_timescales_are_refused() -> None:
    assert content_errors(replace(COUNCIL, leads=()))["leads"] == "Name at least one safeguarding lead"
    four = COUNCIL.leads * 4
    assert content_errors(replace(COUNCIL, leads=four))["leads"] == "Name up to 3 safeguarding leads"
    late = {**COUNCIL.timescales, Commitment.ACKNOWLEDGE_REFERRAL: Timescale(366, TimeUnit.HOURS)}
    assert content_errors(replace(COUNCIL, timescales=late)) == {
        "acknowledge_referral": "The timescale must be a whole number from 0 to 365"
    }


def test_a_threshold_address_needs_a_title() -> None:
    untitled = replace(COUNCIL, threshold_document_title="")
    assert content_errors(untitled) == {"threshold_document_title": "Enter the threshold document's title"}


def test_timescales_read_as_partners_use_them() -> None:
    assert Timescale(1, TimeUnit.WORKING_DAYS).describe(Commitment.ACKNOWLEDGE_REFERRAL) == "Within 1 working day"
    assert Timescale(24, TimeUnit.HOURS).describe(Commitment.ANSWER_INFORMATION_REQUEST) == "Within 24 hours"
    assert Timescale(3, TimeUnit.WORKING_DAYS).describe(Commitment.REPORT_INITIAL_CONFERENCE) == (
        "3 working days before"
    )
