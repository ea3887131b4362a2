"""T2 Hidden or unknown adults: unknown or unchecked adults while work is open, and adults joining during a plan."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, HouseholdAdult, Mention, defaults
from macpu.gaps.rules.t02_hidden_adults import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)
DEAN = Mention("p-dean", "parent_partner", "Dean Marsh")


MOVED_IN = D(2025, 11, 1)


def dean(*, known: bool = False, checked: bool = False, since: dt.date = MOVED_IN) -> HouseholdAdult:
    return HouseholdAdult("p-dean", "Dean Marsh", "parent_partner", since, None, ("Y01001",), known, checked)


def plan() -> GapRecord:
    return rec("plan_started", D(2026, 1, 5), plan_type="child_protection")


def test_an_unknown_unchecked_adult_during_a_plan_fires_and_a_known_checked_one_does_not() -> None:
    # given: the GP records the mother's partner moving in before the plan
    joined = rec("household_change", D(2025, 11, 1), "Y01001", people=(DEAN,), change="joined")
    records = [joined, plan()]
    # when
    [finding] = RULE.evaluate(facts(records, D(2026, 3, 1), household=(dean(),)), T)
    # then
    assert finding.rule == "T2"
    assert finding.evidence == (joined,)
    assert finding.arose_on == D(2026, 1, 5)
    assert finding.explanation == (
        "Dean Marsh (a parent's partner), recorded in the child's household by Riverside Medical Practice on "
        "1 November 2025, is not on children's social care's household composition and has no police or agency "
        "checks recorded, while a child protection plan is open."
    )
    assert RULE.evaluate(facts(records, D(2026, 3, 1), household=(dean(known=True, checked=True),)), T) == []
    [unchecked] = RULE.evaluate(facts(records, D(2026, 3, 1), household=(dean(known=True),)), T)
    assert "has no police or agency checks recorded" in unchecked.explanation


def test_nothing_fires_without_open_work_or_once_the_adult_has_left() -> None:
    joined = rec("household_change", D(2025, 11, 1), "Y01001", people=(DEAN,), change="joined")
    assert RULE.evaluate(facts([joined], D(2026, 3, 1), household=(dean(),)), T) == []
    left = HouseholdAdult("p-dean", "Dean Marsh", "parent_partner", D(2025, 11, 1), D(2026, 2, 1), (), False, False)
    assert RULE.evaluate(facts([joined, plan()], D(2026, 3, 1), household=(left,)), T) == []


def test_an_open_assessment_or_enquiry_is_enough() -> None:
    joined = rec("household_change", D(2025, 11, 1), "Y01001", people=(DEAN,), change="joined")
    referral = rec("referral", D(2026, 2, 2), referrer_type="professional")
    decision = rec("referral_decision", D(2026, 2, 3), ref=referral.id, outcome="assessment")
    [finding] = RULE.evaluate(facts([joined, referral, decision], D(2026, 3, 1), household=(dean(),)), T)
    assert finding.explanation.endswith("while an assessment is open.")


def test_an_adult_joining_during_a_plan_fires_even_when_checked() -> None:
    joined = rec("household_change", D(2026, 2, 10), "NBP", people=(DEAN,), change="joined")
    household = (dean(known=True, checked=True, since=D(2026, 2, 10)),)
    [finding] = RULE.evaluate(facts([plan(), joined], D(2026, 3, 1), household=household), T)
    assert finding.explanation == (
        "Dean Marsh (a parent's partner) joined the household on 10 February 2026 (recorded by Northbridge Police), "
        "during the child protection plan that started on 5 January 2026."
    )
    assert finding.arose_on == D(2026, 2, 10)


def test_the_same_evidence_has_the_same_key_and_another_agency_a_new_one() -> None:
    joined = rec("household_change", D(2025, 11, 1), "Y01001", people=(DEAN,), change="joined")
    again = rec("health_appointment", D(2026, 2, 1), "Y01001", people=(DEAN,), outcome="attended")
    police = rec("police_incident", D(2026, 2, 20), "NBP", people=(DEAN,), domestic_abuse=False)
    household = (dean(),)
    [before] = RULE.evaluate(facts([joined, plan()], D(2026, 2, 1), household=household), T)
    [same] = RULE.evaluate(facts([joined, plan(), again], D(2026, 2, 10), household=household), T)
    [more] = RULE.evaluate(facts([joined, plan(), again, police], D(2026, 3, 1), household=household), T)
    assert same.key == before.key  # the GP saying so again is not new
    assert more.key != before.key
    assert "Northbridge Police on 20 February 2026" in more.explanation


def test_an_open_section_47_enquiry_is_enough() -> None:
    joined = rec("household_change", D(2025, 11, 1), "Y01001", people=(DEAN,), change="joined")
    referral = rec("referral", D(2026, 2, 2), referrer_type="professional")
    discussion = rec("strategy_discussion", D(2026, 2, 3), attendees=[], outcome="section_47")
    [finding] = RULE.evaluate(facts([joined, referral, discussion], D(2026, 3, 1), household=(dean(),)), T)
    assert finding.explanation.endswith("while a section 47 enquiry is open.")
    assert finding.arose_on == D(2026, 2, 3)
