"""T9 Referrer not told: feedback due 1 working day after the decision, and a decision 1 working day after receipt."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t09_referrer_not_told import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def referral(day: dt.date, referrer_type: str = "professional") -> GapRecord:
    return rec("referral", day, referrer_type=referrer_type, referrer_org="123456", referrer_role="class teacher")


def decision(of: GapRecord, day: dt.date) -> GapRecord:
    return rec("referral_decision", day, ref=of.id, outcome="assessment")


def test_feedback_not_sent_by_the_working_day_after_the_decision_fires() -> None:
    # given: a school's referral on Friday 27 March 2026, decided the same day; Easter Monday is 6 April
    concern = rec("concern", D(2026, 3, 27), "123456", categories=["neglect"])
    received = referral(D(2026, 3, 27))
    decided = decision(received, D(2026, 3, 27))
    records = [concern, received, decided]
    # when / then: feedback is due by Monday 30 March, so nothing is owed on the 30th and a flag stands on the 31st
    assert RULE.evaluate(facts(records, D(2026, 3, 30)), T) == []
    [finding] = RULE.evaluate(facts(records, D(2026, 3, 31)), T)
    assert finding.rule == "T9"
    assert finding.arose_on == D(2026, 3, 31)
    assert finding.recipients == (Recipient.DUTY_MANAGER,)
    assert finding.explanation == (
        "The professional referrer (class teacher, Hillside Primary School) has not been told the outcome of the "
        "referral Northbridge Children's Services received on 27 March 2026: it was decided on 27 March 2026 "
        "(an assessment) and the referrer was to be told by 30 March 2026."
    )


def test_feedback_on_the_working_day_after_the_decision_does_not_fire() -> None:
    received = referral(D(2026, 3, 27))
    decided = decision(received, D(2026, 3, 27))
    told = rec("referrer_feedback", D(2026, 3, 30), ref=received.id)
    assert RULE.evaluate(facts([received, decided, told], D(2026, 4, 20)), T) == []


def test_a_referral_undecided_after_a_working_day_fires_and_a_family_referral_does_not() -> None:
    received = referral(D(2026, 4, 2))  # Thursday before Good Friday: the decision is due Tuesday 7 April
    assert RULE.evaluate(facts([received], D(2026, 4, 7)), T) == []
    [finding] = RULE.evaluate(facts([received], D(2026, 4, 8)), T)
    assert "no decision has been recorded (due by 7 April 2026)" in finding.explanation
    assert RULE.evaluate(facts([referral(D(2026, 4, 2), "neighbour")], D(2026, 4, 8)), T) == []


def test_the_same_evidence_has_the_same_key_and_a_decision_makes_a_new_one() -> None:
    received = referral(D(2026, 4, 2))
    [undecided] = RULE.evaluate(facts([received], D(2026, 4, 8)), T)
    [again] = RULE.evaluate(facts([received], D(2026, 4, 20)), T)
    [decided] = RULE.evaluate(facts([received, decision(received, D(2026, 4, 9))], D(2026, 4, 20)), T)
    assert undecided.key == again.key
    assert decided.key != undecided.key
