"""T3 Concerns from relatives or the community: two closed in six months, and a malicious label without review."""

import datetime as dt
from typing import Any

from macpu.gaps.rules.base import GapRecord, Whose, defaults
from macpu.gaps.rules.t03_community_concerns_dismissed import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def closed(day: dt.date, referrer: str, **kwargs: Any) -> list[GapRecord]:
    referral = rec("referral", day, referrer_type=referrer, **kwargs)
    decision = rec(
        "referral_decision",
        day + dt.timedelta(days=1),
        ref=referral.id,
        whose=referral.whose,
        subject_name=referral.subject_name,
        outcome="no_further_action",
    )
    return [referral, decision]


def test_two_community_referrals_closed_in_six_months_fire_and_one_does_not() -> None:
    # given
    first, second = closed(D(2026, 3, 3), "family"), closed(D(2026, 7, 2), "neighbour")
    # when
    [finding] = RULE.evaluate(facts(first + second, D(2026, 7, 10)), T)
    # then
    assert finding.rule == "T3"
    assert finding.evidence == (*first, *second)
    assert finding.arose_on == D(2026, 7, 3)
    assert finding.explanation == (
        "2 referrals from family or community in 6 months were each closed with no further action: "
        "3 March 2026 by a family member, 2 July 2026 by a neighbour."
    )
    assert RULE.evaluate(facts(second, D(2026, 7, 10)), T) == []
    assert RULE.evaluate(facts(first + second, D(2026, 9, 3)), T) == []  # the first is 6 months old by then
    assert len(RULE.evaluate(facts(first + second, D(2026, 9, 2)), T)) == 1


def test_professional_referrals_and_other_outcomes_do_not_count() -> None:
    first, second = closed(D(2026, 3, 3), "professional"), closed(D(2026, 7, 2), "neighbour")
    assert RULE.evaluate(facts(first + second, D(2026, 7, 10)), T) == []
    referral = rec("referral", D(2026, 3, 3), referrer_type="friend")
    assessed = rec("referral_decision", D(2026, 3, 4), ref=referral.id, outcome="assessment")
    assert RULE.evaluate(facts([referral, assessed, *second], D(2026, 7, 10)), T) == []


def test_a_siblings_referral_counts_and_says_whose_it_was() -> None:
    sibling = closed(D(2026, 3, 3), "anonymous", whose=Whose.SIBLING, subject_name="Cal Smith")
    [finding] = RULE.evaluate(facts(sibling + closed(D(2026, 7, 2), "friend"), D(2026, 7, 10)), T)
    assert "3 March 2026 by an anonymous referrer (about Cal Smith, a sibling), 2 July 2026 by a friend" in (
        finding.explanation
    )


def test_a_malicious_label_without_manager_review_fires_and_with_it_does_not() -> None:
    referral = rec("referral", D(2026, 3, 3), referrer_type="family")
    unreviewed = rec("referral_decision", D(2026, 3, 4), ref=referral.id, outcome="no_further_action", malicious=True)
    [finding] = RULE.evaluate(facts([referral, unreviewed], D(2026, 3, 10)), T)
    assert finding.evidence == (referral, unreviewed)
    assert finding.explanation == (
        "The referral of 3 March 2026, from a family member, was recorded as malicious by Northbridge Children's "
        "Services on 4 March 2026 with no manager review recorded."
    )
    reviewed = rec(
        "referral_decision", D(2026, 3, 4), ref=referral.id, outcome="no_further_action", malicious=True,
        manager_reviewed=True,
    )  # fmt: skip
    assert RULE.evaluate(facts([referral, reviewed], D(2026, 3, 10)), T) == []


def test_the_same_evidence_has_the_same_key_and_new_evidence_a_new_one() -> None:
    first, second, third = (closed(D(2026, month, 2), "family") for month in (2, 4, 6))
    [before] = RULE.evaluate(facts(first + second, D(2026, 4, 10)), T)
    [again] = RULE.evaluate(facts(first + second, D(2026, 5, 10)), T)
    [more] = RULE.evaluate(facts(first + second + third, D(2026, 6, 10)), T)
    assert before.key == again.key
    assert more.key != before.key
