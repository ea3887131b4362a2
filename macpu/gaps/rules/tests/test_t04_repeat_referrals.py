"""T4 Repeat referrals: three closed below threshold in 12 months, and a re-referral after closure."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, defaults
from macpu.gaps.rules.t04_repeat_referrals import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def decided(day: dt.date, outcome: str) -> list[GapRecord]:
    referral = rec("referral", day, referrer_type="professional", referrer_org="123456")
    return [referral, rec("referral_decision", day, ref=referral.id, outcome=outcome)]


def test_three_referrals_closed_in_twelve_months_fire_and_two_do_not() -> None:
    # given
    records = [
        *decided(D(2025, 7, 1), "no_further_action"),
        *decided(D(2025, 11, 3), "signposted"),
        *decided(D(2026, 6, 2), "no_further_action"),
    ]
    # when
    [finding] = RULE.evaluate(facts(records, D(2026, 6, 5)), T)
    # then
    assert finding.rule == "T4"
    assert finding.evidence == tuple(records)
    assert finding.explanation == (
        "3 referrals in 12 months each ended with no further action or signposting: "
        "1 July 2025 by Northbridge Children's Services (no further action), "
        "3 November 2025 by Northbridge Children's Services (signposted), "
        "2 June 2026 by Northbridge Children's Services (no further action). "
        "Review the chronology before deciding."
    )
    assert RULE.evaluate(facts(records, D(2026, 7, 1)), T) == []  # the first is 12 months old by then
    assert RULE.evaluate(facts(records[2:], D(2026, 6, 5)), T) == []


def test_a_referral_going_to_assessment_does_not_count() -> None:
    records = [
        *decided(D(2025, 7, 1), "assessment"),
        *decided(D(2025, 11, 3), "signposted"),
        *decided(D(2026, 6, 2), "no_further_action"),
    ]
    assert RULE.evaluate(facts(records, D(2026, 6, 5)), T) == []


def test_a_re_referral_within_twelve_months_of_closure_fires_and_later_does_not() -> None:
    first = decided(D(2025, 1, 6), "assessment")
    closure = rec("case_closed", D(2025, 4, 30), reason="Assessment complete")
    again = rec("referral", D(2026, 4, 30), referrer_type="family")
    [finding] = RULE.evaluate(facts([*first, closure, again], D(2026, 5, 1)), T)
    assert finding.evidence == (closure, again)
    assert finding.explanation == (
        "Referred again on 30 April 2026 (Northbridge Children's Services), 365 days after the case was closed on "
        "30 April 2025 by Northbridge Children's Services. Review the chronology before deciding."
    )
    late = rec("referral", D(2026, 5, 1), referrer_type="family")
    assert RULE.evaluate(facts([*first, closure, late], D(2026, 5, 2)), T) == []


def test_a_re_referral_within_thirty_days_says_the_case_may_have_closed_too_soon() -> None:
    first = decided(D(2025, 1, 6), "assessment")
    closure = rec("case_closed", D(2025, 4, 30), reason="Assessment complete")
    again = rec("referral", D(2025, 5, 30), referrer_type="neighbour")
    [finding] = RULE.evaluate(facts([*first, closure, again], D(2025, 6, 1)), T)
    assert "only 30 days after the case was closed on 30 April 2025" in finding.explanation
    assert "it may have been closed too soon" in finding.explanation
    assert finding.arose_on == D(2025, 5, 30)


def test_the_same_evidence_has_the_same_key_and_new_evidence_a_new_one() -> None:
    records = [*decided(D(2025, 9, 1), "signposted"), *decided(D(2025, 11, 3), "signposted")]
    records += decided(D(2026, 1, 5), "no_further_action")
    fourth = decided(D(2026, 3, 2), "no_further_action")
    [before] = RULE.evaluate(facts(records, D(2026, 1, 10)), T)
    [again] = RULE.evaluate(facts(records, D(2026, 2, 10)), T)
    [more] = RULE.evaluate(facts(records + fourth, D(2026, 3, 10)), T)
    assert before.key == again.key
    assert more.key != before.key
