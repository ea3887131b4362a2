"""T15 Case closed with open concerns: another agency's concern in 30 days, or an open community referral in 90."""

import datetime as dt
from typing import Any

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t15_closed_with_open_concerns import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)
OPENED = rec("referral", D(2026, 1, 5), referrer_type="professional", referrer_org="123456")


def closed(day: dt.date, **details: Any) -> GapRecord:
    return rec("case_closed", day, reason="No further concerns.", **details)


def school_concern(day: dt.date) -> GapRecord:
    return rec("concern", day, "123456", categories=["neglect"])


def test_closing_within_30_days_of_another_agencys_concern_without_sign_off_fires() -> None:
    concern, closure = school_concern(D(2026, 9, 1)), closed(D(2026, 10, 1))
    [finding] = RULE.evaluate(facts([OPENED, concern, closure], D(2026, 10, 2)), T)
    assert finding.rule == "T15"
    assert finding.arose_on == D(2026, 10, 1)
    assert finding.evidence == (closure, concern)
    assert finding.recipients == (Recipient.LEAD_PRACTITIONER_MANAGER,)
    assert finding.explanation == (
        "Northbridge Children's Services closed the case on 1 October 2026 without a manager's sign-off stating "
        "that these were considered: a concern on 1 September 2026 by Hillside Primary School."
    )


def test_a_concern_31_days_before_or_a_signed_off_closure_does_not_fire() -> None:
    concern = school_concern(D(2026, 8, 31))
    assert RULE.evaluate(facts([OPENED, concern, closed(D(2026, 10, 1))], D(2026, 10, 2)), T) == []
    recent = school_concern(D(2026, 9, 20))
    signed = closed(D(2026, 10, 1), manager_sign_off=True, rationale="School's concern met by early help.")
    assert RULE.evaluate(facts([OPENED, recent, signed], D(2026, 10, 2)), T) == []
    unexplained = closed(D(2026, 10, 1), manager_sign_off=True)
    [finding] = RULE.evaluate(facts([OPENED, recent, unexplained], D(2026, 10, 2)), T)
    assert "with a manager's sign-off but no rationale" in finding.explanation


def test_an_undecided_community_referral_from_the_last_90_days_fires() -> None:
    neighbour = rec("referral", D(2026, 7, 3), referrer_type="neighbour")
    [finding] = RULE.evaluate(facts([OPENED, neighbour, closed(D(2026, 10, 1))], D(2026, 10, 2)), T)
    assert "a referral from a neighbour received on 3 July 2026, with no decision" in finding.explanation
    older = rec("referral", D(2026, 7, 2), referrer_type="neighbour")
    assert RULE.evaluate(facts([OPENED, older, closed(D(2026, 10, 1))], D(2026, 10, 2)), T) == []


def test_the_same_evidence_has_the_same_key_and_a_new_concern_a_new_one() -> None:
    concern, closure = school_concern(D(2026, 9, 1)), closed(D(2026, 10, 1))
    [first] = RULE.evaluate(facts([OPENED, concern, closure], D(2026, 10, 2)), T)
    [again] = RULE.evaluate(facts([OPENED, concern, closure], D(2026, 11, 2)), T)
    police = rec("police_incident", D(2026, 9, 25), "NBP", safeguarding_relevant=True, domestic_abuse=True)
    [more] = RULE.evaluate(facts([OPENED, concern, police, closure], D(2026, 10, 2)), T)
    assert first.key == again.key
    assert more.key != first.key
    assert "a police incident on 25 September 2026 by Northbridge Police" in more.explanation
    reopened = rec("referral", D(2026, 10, 20), referrer_type="professional")
    assert RULE.evaluate(facts([OPENED, concern, closure, reopened], D(2026, 10, 21)), T) == []
