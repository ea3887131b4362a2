"""T8 Domestic abuse history not assessed: an assessment or enquiry concluded without weighing a linked adult's."""

import datetime as dt
from typing import Any

from macpu.gaps.rules.base import GapRecord, Mention, Whose, defaults
from macpu.gaps.rules.t08_domestic_abuse_not_assessed import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)
TO_SOCIAL_CARE: dict[str, Any] = {"with": ["873"]}  # `with` is a keyword in Python
DEAN = Mention("p-dean", "parent_partner", "Dean Marsh")


def assessed(**kwargs: Any) -> list[GapRecord]:
    referral = rec("referral", D(2026, 3, 2), referrer_type="professional")
    decision = rec("referral_decision", D(2026, 3, 2), ref=referral.id, outcome="assessment")
    return [referral, decision, rec("assessment_completed", D(2026, 4, 14), outcome="child_in_need_plan", **kwargs)]


def test_an_assessment_concluded_without_checks_on_an_adult_with_an_order_fires_and_with_checks_does_not() -> None:
    # given
    order = rec("adult_history", D(2024, 5, 2), "NBP", people=(DEAN,), kind="non_molestation_order")
    records = [order, *assessed()]
    # when
    [finding] = RULE.evaluate(facts(records, D(2026, 4, 20)), T)
    # then
    assert finding.rule == "T8"
    assert finding.evidence == (order, records[-1])
    assert finding.arose_on == D(2026, 4, 14)
    assert finding.explanation == (
        "Dean Marsh (a parent's partner) has a history of a non-molestation order (Northbridge Police, 2 May 2024), "
        "but the assessment concluded on 14 April 2026 by Northbridge Children's Services recorded no checks on "
        "this adult and no consideration of it."
    )
    checks = rec("checks_completed", D(2026, 3, 4), "NBP", people=(DEAN,))
    assert RULE.evaluate(facts([order, checks, *assessed()], D(2026, 4, 20)), T) == []


def test_naming_the_adult_or_sharing_the_history_counts_as_considering_it() -> None:
    order = rec("adult_history", D(2024, 5, 2), "NBP", people=(DEAN,), kind="marac")
    assert RULE.evaluate(facts([order, *assessed(people=(DEAN,))], D(2026, 4, 20)), T) == []
    shared = rec("information_shared", D(2026, 3, 5), "NBP", ref=order.id, **TO_SOCIAL_CARE)
    assert RULE.evaluate(facts([order, shared, *assessed()], D(2026, 4, 20)), T) == []


def test_a_decision_not_to_share_the_history_is_not_sharing_it() -> None:
    order = rec("adult_history", D(2024, 5, 2), "NBP", people=(DEAN,), kind="marac")
    withheld = rec(
        "information_shared", D(2026, 3, 5), "NBP", ref=order.id, decision="not_shared", reason="Live operation",
        **TO_SOCIAL_CARE,
    )  # fmt: skip
    [finding] = RULE.evaluate(facts([order, withheld, *assessed()], D(2026, 4, 20)), T)
    assert finding.evidence[0] == order


def test_other_histories_unlinked_adults_and_open_assessments_do_not_fire() -> None:
    offence = rec("adult_history", D(2024, 5, 2), "NBP", people=(DEAN,), kind="child_protection_history")
    assert RULE.evaluate(facts([offence, *assessed()], D(2026, 4, 20)), T) == []
    stranger = Mention("p-x", "other", "Sam Roe")
    siblings = rec("adult_history", D(2024, 5, 2), "NBP", people=(stranger,), kind="violence", whose=Whose.SIBLING)
    assert RULE.evaluate(facts([siblings, *assessed()], D(2026, 4, 20)), T) == []
    order = rec("adult_history", D(2024, 5, 2), "NBP", people=(DEAN,), kind="violence")
    assert RULE.evaluate(facts([order, *assessed()], D(2026, 4, 13)), T) == []  # not concluded yet


def test_the_same_evidence_has_the_same_key_and_new_evidence_a_new_one() -> None:
    order = rec("adult_history", D(2024, 5, 2), "NBP", people=(DEAN,), kind="restraining_order")
    records = [order, *assessed()]
    [before] = RULE.evaluate(facts(records, D(2026, 4, 20)), T)
    [again] = RULE.evaluate(facts(records, D(2026, 5, 20)), T)
    marac = rec("adult_history", D(2026, 5, 1), "NBP", people=(DEAN,), kind="marac")
    [more] = RULE.evaluate(facts([*records, marac], D(2026, 5, 20)), T)
    assert before.key == again.key
    assert more.key != before.key
    assert more.arose_on == D(2026, 5, 1)
