"""T11 Child not seen: an assessment concluded without seeing the child (alone, from 5), and a plan's visits."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t11_child_not_seen import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def assessed(*visits: GapRecord) -> list[GapRecord]:
    referral = rec("referral", D(2026, 3, 2), referrer_type="professional")
    decision = rec("referral_decision", D(2026, 3, 2), ref=referral.id, outcome="assessment")
    completed = rec("assessment_completed", D(2026, 3, 27), outcome="no_further_action")
    return [referral, decision, *visits, completed]


def visit(day: dt.date, outcome: str, org: str = "873") -> GapRecord:
    return rec("visit", day, org, outcome=outcome)


def test_an_assessment_concluded_without_seeing_the_child_fires() -> None:
    records = assessed(visit(D(2026, 3, 5), "no_access"))
    [finding] = RULE.evaluate(facts(records, D(2026, 3, 30)), T)
    assert finding.rule == "T11"
    assert finding.arose_on == D(2026, 3, 27)
    assert finding.recipients == (Recipient.LEAD_PRACTITIONER_MANAGER, Recipient.CONFERENCE_CHAIR)
    assert finding.explanation == (
        "The assessment concluded on 27 March 2026 (Northbridge Children's Services) with no visit since the "
        "referral of 2 March 2026 recording the child as seen; visits: 5 March 2026 by Northbridge Children's "
        "Services (no access)."
    )


def test_seen_alone_from_five_and_seen_below_five_is_enough() -> None:
    seen = assessed(visit(D(2026, 3, 10), "seen"))
    # 27 March 2026 is the child's 7th birthday: seen with a carer is not enough
    [finding] = RULE.evaluate(facts(seen, D(2026, 3, 30)), T)
    assert "without the child (aged 7) being seen alone" in finding.explanation
    # just 5 on the day it concluded: still not enough; a day short of 5: enough
    assert RULE.evaluate(facts(seen, D(2026, 3, 30), born=D(2021, 3, 27)), T) != []
    assert RULE.evaluate(facts(seen, D(2026, 3, 30), born=D(2021, 3, 28)), T) == []
    assert RULE.evaluate(facts(assessed(visit(D(2026, 3, 10), "seen_alone")), D(2026, 3, 30)), T) == []


def test_a_child_on_a_plan_not_seen_for_more_than_21_days_fires() -> None:
    plan = rec("plan_started", D(2026, 3, 2), plan_type="child_protection")
    seen = visit(D(2026, 3, 5), "seen_alone")
    refused = visit(D(2026, 3, 19), "refused", "RNB")
    assert RULE.evaluate(facts([plan, seen, refused], D(2026, 3, 26)), T) == []  # 21 days
    [finding] = RULE.evaluate(facts([plan, seen, refused], D(2026, 3, 27)), T)
    assert finding.arose_on == D(2026, 3, 27)
    assert finding.evidence == (plan, seen)
    assert finding.explanation == (
        "The child has a child protection plan and was last seen on 5 March 2026 (Northbridge Children's "
        "Services): 22 days ago, longer than the 21 days allowed; visits: 19 March 2026 by Northbridge Hospitals "
        "(refused)."
    )


def test_the_same_evidence_has_the_same_key_and_a_new_visit_a_new_one() -> None:
    plan = rec("plan_started", D(2026, 3, 2), plan_type="child_protection")
    first, second = visit(D(2026, 3, 5), "seen"), visit(D(2026, 3, 30), "seen")
    [lapsed] = RULE.evaluate(facts([plan, first], D(2026, 3, 27)), T)
    [still] = RULE.evaluate(facts([plan, first], D(2026, 3, 29)), T)
    assert RULE.evaluate(facts([plan, first, second], D(2026, 4, 20)), T) == []
    [again] = RULE.evaluate(facts([plan, first, second], D(2026, 4, 21)), T)
    assert lapsed.key == still.key
    assert again.key != lapsed.key
