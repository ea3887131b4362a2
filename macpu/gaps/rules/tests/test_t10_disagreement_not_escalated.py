"""T10 Disagreement not escalated: open at one stage for more than 5 working days."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t10_disagreement_not_escalated import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)
DECISION = rec("referral_decision", D(2026, 3, 4), outcome="no_further_action")


def dispute(day: dt.date, stage: str, status: str, ref: str = DECISION.id) -> GapRecord:
    return rec("disagreement", day, "123456", ref=ref, stage=stage, status=status, about="No strategy discussion.")


def test_open_at_a_stage_for_more_than_five_working_days_fires() -> None:
    # given: the school challenges the decision on Thursday 5 March 2026: it is due to move on by Thursday 12 March
    raised = dispute(D(2026, 3, 5), "practitioner", "raised")
    # when / then
    assert RULE.evaluate(facts([DECISION, raised], D(2026, 3, 12)), T) == []
    [finding] = RULE.evaluate(facts([DECISION, raised], D(2026, 3, 13)), T)
    assert finding.rule == "T10"
    assert finding.arose_on == D(2026, 3, 13)
    assert finding.evidence == (DECISION, raised)
    assert finding.recipients == (Recipient.RECORDING_SAFEGUARDING_LEAD, Recipient.DUTY_MANAGER)
    assert finding.explanation == (
        "A disagreement Hillside Primary School raised on 5 March 2026 with the decision on a referral of "
        '4 March 2026 by Northbridge Children\'s Services ("No strategy discussion.") has been open at '
        "practitioner stage since 5 March 2026 (Hillside Primary School), more than 5 working days: it was due to "
        "be resolved or escalated by 12 March 2026. Escalate it to manager stage, telling the managers of both "
        "organisations."
    )


def test_escalated_or_resolved_in_time_does_not_fire() -> None:
    raised = dispute(D(2026, 3, 5), "practitioner", "raised")
    escalated = dispute(D(2026, 3, 12), "manager", "escalated", ref=raised.id)
    resolved = dispute(D(2026, 3, 20), "manager", "resolved")
    assert RULE.evaluate(facts([DECISION, raised, escalated], D(2026, 3, 19)), T) == []
    assert RULE.evaluate(facts([DECISION, raised, escalated, resolved], D(2026, 4, 30)), T) == []


def test_the_same_evidence_has_the_same_key_and_a_new_stage_a_new_one() -> None:
    raised = dispute(D(2026, 3, 5), "practitioner", "raised")
    escalated = dispute(D(2026, 3, 16), "manager", "escalated", ref=raised.id)
    [late] = RULE.evaluate(facts([DECISION, raised], D(2026, 3, 13)), T)
    [still] = RULE.evaluate(facts([DECISION, raised], D(2026, 3, 16)), T)
    assert late.key == still.key
    assert RULE.evaluate(facts([DECISION, raised, escalated], D(2026, 3, 23)), T) == []
    [stalled] = RULE.evaluate(facts([DECISION, raised, escalated], D(2026, 3, 24)), T)
    assert stalled.key != late.key
    assert "open at manager stage since 16 March 2026" in stalled.explanation
    assert "Escalate it to senior manager stage" in stalled.explanation
