"""T1 Was not brought: at the threshold, just below it, and one missed appointment that is enough."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, defaults
from macpu.gaps.rules.t01_was_not_brought import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def wnb(day: dt.date, org: str = "Y01001") -> GapRecord:
    return rec("health_appointment", day, org, service="gp", outcome="was_not_brought")


def test_two_not_brought_within_90_days_fire_and_one_does_not() -> None:
    first, second = wnb(D(2026, 3, 2)), wnb(D(2026, 5, 29), "RNB")
    [finding] = RULE.evaluate(facts([first, second], D(2026, 5, 30)), T)
    assert finding.rule == "T1"
    assert finding.explanation == (
        "Not brought to 2 health appointments (2 in 90 days): 2 March 2026 by Riverside Medical Practice, "
        "29 May 2026 by Northbridge Hospitals."
    )
    assert RULE.evaluate(facts([second], D(2026, 5, 30)), T) == []
    assert RULE.evaluate(facts([first, second], D(2026, 6, 1)), T) == []  # 91 days apart by then


def test_one_is_enough_for_a_baby_or_a_child_on_a_plan() -> None:
    missed = wnb(D(2026, 5, 29))
    [baby] = RULE.evaluate(facts([missed], D(2026, 5, 30), born=D(2025, 9, 1)), T)
    assert "the child was under one" in baby.explanation
    [before] = RULE.evaluate(facts([missed], D(2026, 5, 30), born=D(2025, 6, 15)), T)
    [after] = RULE.evaluate(facts([missed], D(2026, 7, 1), born=D(2025, 6, 15)), T)  # one now; missed as a baby
    assert after.evidence == before.evidence
    plan = rec("plan_started", D(2026, 1, 5), plan_type="child_protection")
    [on_plan] = RULE.evaluate(facts([plan, missed], D(2026, 5, 30)), T)
    assert "child protection plan" in on_plan.explanation


def test_three_carer_cancellations_fire_and_two_do_not() -> None:
    cancelled = [
        rec("health_appointment", D(2026, 3, day), "Y01001", service="gp", outcome="cancelled_by_carer")
        for day in (2, 9, 16)
    ]
    [finding] = RULE.evaluate(facts(cancelled, D(2026, 3, 20)), T)
    assert finding.explanation.startswith("Carers cancelled or moved 3 health appointments in 90 days")
    assert RULE.evaluate(facts(cancelled[:2], D(2026, 3, 20)), T) == []


def test_the_same_evidence_has_the_same_key_and_new_evidence_a_new_one() -> None:
    first, second, third = wnb(D(2026, 3, 2)), wnb(D(2026, 4, 2)), wnb(D(2026, 5, 2))
    [before] = RULE.evaluate(facts([first, second], D(2026, 4, 10)), T)
    [again] = RULE.evaluate(facts([first, second], D(2026, 4, 20)), T)
    [more] = RULE.evaluate(facts([first, second, third], D(2026, 5, 10)), T)
    assert before.key == again.key
    assert more.key != before.key
