"""T14 No access: 2 visits in a row that did not get in, within 30 days, during an enquiry or plan."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t14_no_access import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)
PLAN = rec("plan_started", D(2026, 3, 2), plan_type="child_in_need")


def visit(day: dt.date, outcome: str, org: str = "873") -> GapRecord:
    return rec("visit", day, org, outcome=outcome)


def test_two_in_a_row_within_30_days_fire() -> None:
    first, second = visit(D(2026, 4, 1), "no_access"), visit(D(2026, 5, 1), "refused", "RNB")
    [finding] = RULE.evaluate(facts([PLAN, first, second], D(2026, 5, 2)), T)
    assert finding.rule == "T14"
    assert finding.arose_on == D(2026, 5, 1)
    assert finding.recipients == (
        Recipient.LEAD_PRACTITIONER,
        Recipient.LEAD_PRACTITIONER_MANAGER,
        Recipient.RECORDING_SAFEGUARDING_LEAD,
    )
    assert finding.explanation == (
        "2 visits in a row did not get in to see the child within 30 days, while a child in need plan is open: "
        "1 April 2026 by Northbridge Children's Services (no access), 1 May 2026 by Northbridge Hospitals "
        "(refused). Consider with the core group whether the family is avoiding agencies."
    )


def test_31_days_apart_a_visit_between_or_no_plan_do_not_fire() -> None:
    first, second = visit(D(2026, 4, 1), "no_access"), visit(D(2026, 5, 2), "cancelled_by_family")
    assert RULE.evaluate(facts([PLAN, first, second], D(2026, 5, 3)), T) == []
    seen = visit(D(2026, 4, 15), "seen")
    assert RULE.evaluate(facts([PLAN, first, seen, visit(D(2026, 4, 20), "refused")], D(2026, 5, 3)), T) == []
    assert RULE.evaluate(facts([first, visit(D(2026, 4, 20), "refused")], D(2026, 5, 3)), T) == []


def test_the_same_evidence_has_the_same_key_and_another_refusal_a_new_one() -> None:
    first, second = visit(D(2026, 4, 1), "no_access"), visit(D(2026, 4, 10), "refused")
    [once] = RULE.evaluate(facts([PLAN, first, second], D(2026, 4, 11)), T)
    [later] = RULE.evaluate(facts([PLAN, first, second], D(2026, 6, 1)), T)
    [more] = RULE.evaluate(facts([PLAN, first, second, visit(D(2026, 4, 20), "no_access")], D(2026, 4, 21)), T)
    assert once.key == later.key
    assert more.key != once.key
