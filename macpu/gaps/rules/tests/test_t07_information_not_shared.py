"""T7 Information held but not shared: within a working day during a plan, and before a meeting."""

import datetime as dt
from typing import Any

from macpu.gaps.rules.base import GapRecord, defaults
from macpu.gaps.rules.t07_information_not_shared import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)
TO_SOCIAL_CARE: dict[str, Any] = {"with": ["873"]}  # `with` is a keyword in Python


def on_a_plan() -> list[GapRecord]:
    return [
        rec("plan_started", D(2026, 1, 5), plan_type="child_protection"),
        rec("allocation", D(2026, 1, 5), role="lead_practitioner", name="Amara Okafor", change="allocated"),
    ]


def school_concern(**details: Any) -> GapRecord:
    return rec("concern", D(2026, 3, 6), "123456", safeguarding_relevant=True, categories=["neglect"], **details)


def test_a_record_unshared_after_one_working_day_on_a_plan_fires_and_not_before() -> None:
    # given: a Friday concern is due to be shared by Monday
    concern = school_concern()
    records = [*on_a_plan(), concern]
    # when
    [finding] = RULE.evaluate(facts(records, D(2026, 3, 10)), T)
    # then
    assert finding.rule == "T7"
    assert finding.evidence == (concern,)
    assert finding.arose_on == D(2026, 3, 10)
    assert finding.explanation == (
        "Hillside Primary School's concern of 6 March 2026, marked safeguarding-relevant, has not been shared with "
        "the lead practitioner (Amara Okafor) (due by 9 March 2026, while the child is under a section 47 enquiry "
        "or protection plan)."
    )
    assert RULE.evaluate(facts(records, D(2026, 3, 9)), T) == []


def test_sharing_with_social_care_ends_it_and_other_records_do_not_count() -> None:
    concern = school_concern()
    shared = rec("information_shared", D(2026, 3, 11), "123456", ref=concern.id, **TO_SOCIAL_CARE)
    assert RULE.evaluate(facts([*on_a_plan(), concern, shared], D(2026, 3, 12)), T) == []
    told = school_concern(shared_with=["873"])
    assert RULE.evaluate(facts([*on_a_plan(), told], D(2026, 3, 12)), T) == []
    routine = rec("concern", D(2026, 3, 6), "123456", categories=["neglect"])
    assert RULE.evaluate(facts([*on_a_plan(), routine], D(2026, 3, 12)), T) == []
    assert RULE.evaluate(facts([school_concern()], D(2026, 3, 12)), T) == []  # no enquiry or plan open


def test_a_decision_not_to_share_the_record_does_not_end_it() -> None:
    concern = school_concern()
    withheld = rec(
        "information_shared", D(2026, 3, 9), "123456", ref=concern.id, decision="not_shared",
        reason="Mother asked us not to", **TO_SOCIAL_CARE,
    )  # fmt: skip
    [finding] = RULE.evaluate(facts([*on_a_plan(), concern, withheld], D(2026, 3, 12)), T)
    assert finding.evidence == (concern,)


def test_a_strategy_discussion_held_without_a_record_of_the_last_90_days_fires() -> None:
    gp = rec("unscheduled_care", D(2026, 1, 2), "Y01001", safeguarding_relevant=True, setting="out_of_hours")
    referral = rec("referral", D(2026, 3, 30), referrer_type="professional")
    held = rec("strategy_discussion", D(2026, 4, 1), attendees=[], outcome="section_47")
    [finding] = RULE.evaluate(facts([gp, referral, held], D(2026, 4, 2)), T)
    assert finding.evidence == (gp, held)
    assert finding.explanation == (
        "Riverside Medical Practice's unscheduled care of 2 January 2026, marked safeguarding-relevant, has not "
        "been shared with children's social care; the strategy discussion on 1 April 2026 went ahead without it."
    )
    older = rec("unscheduled_care", D(2026, 1, 1), "Y01001", safeguarding_relevant=True, setting="out_of_hours")
    assert (
        RULE.evaluate(facts([older, referral, held], D(2026, 4, 2)), T) == []
    )  # 90 days before: outside "the last 90 days"


def test_the_same_evidence_has_the_same_key_and_a_further_meeting_a_new_one() -> None:
    gp = rec("unscheduled_care", D(2026, 3, 2), "Y01001", safeguarding_relevant=True, setting="out_of_hours")
    referral = rec("referral", D(2026, 3, 30), referrer_type="professional")
    held = rec("strategy_discussion", D(2026, 4, 1), attendees=[], outcome="section_47")
    conference = rec("conference", D(2026, 4, 20), kind="initial", plan=False)
    [before] = RULE.evaluate(facts([gp, referral, held], D(2026, 4, 2)), T)
    [again] = RULE.evaluate(facts([gp, referral, held], D(2026, 4, 10)), T)
    [more] = RULE.evaluate(facts([gp, referral, held, conference], D(2026, 4, 21)), T)
    assert before.key == again.key
    assert more.key != before.key
    assert more.explanation.endswith(
        "the strategy discussion on 1 April 2026 went ahead without it and the initial child protection "
        "conference on 20 April 2026 went ahead without it."
    )


def test_a_record_added_during_the_enquiry_that_led_to_the_plan_still_counts() -> None:
    referral = rec("referral", D(2026, 2, 2), referrer_type="professional")
    discussion = rec("strategy_discussion", D(2026, 2, 3), attendees=[], outcome="section_47")
    concern = rec("concern", D(2026, 2, 10), "123456", safeguarding_relevant=True, categories=["neglect"])
    conference = rec("conference", D(2026, 2, 24), kind="initial", plan=True)
    plan = rec("plan_started", D(2026, 2, 24), plan_type="child_protection")
    [finding] = RULE.evaluate(facts([referral, discussion, concern, conference, plan], D(2026, 3, 2)), T)
    assert finding.evidence == (concern, conference)
    assert "(due by 11 February 2026, while the child is under a section 47 enquiry" in finding.explanation
    ended = rec("plan_ended", D(2026, 3, 1), plan_type="child_protection")
    closed = rec("case_closed", D(2026, 3, 1))
    assert (
        RULE.evaluate(facts([referral, discussion, concern, conference, plan, ended, closed], D(2026, 3, 2)), T) == []
    )
