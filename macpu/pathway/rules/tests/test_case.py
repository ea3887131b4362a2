"""A child's pathway worked out from their events: steps, what is open and due, and the sequence table."""

import datetime as dt
import itertools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from macpu.pathway.rules.case import case_of
from macpu.pathway.rules.deadlines import DeadlineState
from macpu.pathway.rules.open_steps import open_steps
from macpu.pathway.rules.records import StepRecord
from macpu.pathway.rules.timescales import Length, TimescaleCode, Unit
from macpu.pathway.rules.transitions import TRANSITIONS, Step, missing_core_agencies, refusals
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

ENGLAND = bank_holiday_calendar()
D = dt.date
T = TimescaleCode
_ids = itertools.count(1)


def rec(event_type: str, day: dt.date, /, ref: str | None = None, org: str = "873", **details: Any) -> StepRecord:
    number = next(_ids)
    return StepRecord(
        id=f"e{number}",
        type=event_type,
        org=org,
        occurred_on=day,
        recorded_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC) + dt.timedelta(seconds=number),
        details=details,
        ref=ref,
    )


def due_of(records: list[StepRecord], lengths: dict[TimescaleCode, Length] | None = None) -> dict[str, dt.date]:
    return {step.kind: step.due for step in open_steps(case_of(records), ENGLAND, lengths)}


def test_a_referral_waits_for_its_decision_by_the_next_working_day() -> None:
    # R56's vector: received Friday 19 December 2025, decided by Monday 22 December.
    referral = rec("referral", D(2025, 12, 19), referrer_type="professional", referrer_org="123456")
    assert due_of([referral]) == {T.REFERRAL_DECISION: D(2025, 12, 22)}


def test_a_decision_to_hold_a_strategy_discussion_starts_three_clocks() -> None:
    referral = rec("referral", D(2026, 3, 2), referrer_type="professional")
    decision = rec("referral_decision", D(2026, 3, 2), ref=referral.id, outcome="strategy_discussion")
    assert due_of([referral, decision]) == {
        T.REFERRER_FEEDBACK: D(2026, 3, 3),
        T.STRATEGY_DISCUSSION: D(2026, 3, 3),
        T.ASSESSMENT: D(2026, 5, 7),  # 45 working days: Easter and the early May bank holiday counted out
    }


def test_immediate_risk_makes_the_strategy_discussion_due_the_same_day() -> None:
    referral = rec("referral", D(2026, 3, 2), referrer_type="neighbour")
    decision = rec(
        "referral_decision", D(2026, 3, 2), ref=referral.id, outcome="strategy_discussion", immediate_risk=True
    )
    dues = due_of([referral, decision])
    assert dues[T.STRATEGY_DISCUSSION_IMMEDIATE_RISK] == D(2026, 3, 2)
    assert T.REFERRER_FEEDBACK not in dues  # a neighbour is not told the outcome as a professional is


def _enquiry(day: dt.date) -> list[StepRecord]:
    referral = rec("referral", day, referrer_type="professional")
    return [
        referral,
        rec("referral_decision", day, ref=referral.id, outcome="strategy_discussion"),
        rec("referrer_feedback", day, ref=referral.id),
    ]


def test_the_initial_conference_counts_from_the_latest_strategy_discussion() -> None:
    records = _enquiry(D(2025, 12, 18))
    first = rec("strategy_discussion", D(2025, 12, 19), outcome="section_47")
    assert due_of([*records, first])[T.INITIAL_CONFERENCE] == D(2026, 1, 14)  # R19 with section 8's vector
    later = rec("strategy_discussion", D(2026, 1, 5), outcome="section_47")
    assert due_of([*records, first, later])[T.INITIAL_CONFERENCE] == D(2026, 1, 26)
    assert len(case_of([*records, first, later]).enquiries) == 1


def test_the_record_of_a_strategy_discussion_is_due_out_until_it_is_shared() -> None:
    records = _enquiry(D(2026, 3, 2))
    discussion = rec("strategy_discussion", D(2026, 3, 3), outcome="section_47")
    assert due_of([*records, discussion])[T.STRATEGY_RECORD_DISTRIBUTION] == D(2026, 3, 4)
    shared = rec("information_shared", D(2026, 3, 3), ref=discussion.id, lawful_basis="public_task", with_=["NBP"])
    assert T.STRATEGY_RECORD_DISTRIBUTION not in due_of([*records, discussion, shared])
    withheld = rec("information_shared", D(2026, 3, 3), ref=discussion.id, decision="not_shared", reason="Police ask")
    assert T.STRATEGY_RECORD_DISTRIBUTION in due_of([*records, discussion, withheld])  # a decision not to send


def _on_a_plan(icpc: dt.date) -> list[StepRecord]:
    records = _enquiry(icpc - dt.timedelta(days=20))
    discussion = rec("strategy_discussion", icpc - dt.timedelta(days=19), outcome="section_47")
    shared = rec("information_shared", icpc - dt.timedelta(days=19), ref=discussion.id)
    conference = rec("conference", icpc, kind="initial", plan=True, category="neglect")
    plan = rec("plan_started", icpc, plan_type="child_protection", category="neglect")
    return [*records, discussion, shared, conference, plan]


def test_a_plan_brings_its_core_group_review_and_visits() -> None:
    records = _on_a_plan(D(2025, 11, 30))  # a Sunday, to clamp: 30 November + 3 months is 28 February
    dues = due_of(records)
    assert dues[T.FIRST_CORE_GROUP] == D(2025, 12, 12)
    assert dues[T.FIRST_REVIEW_CONFERENCE] == D(2026, 2, 28)
    assert dues[T.VISIT] == D(2025, 12, 21)
    assert T.INITIAL_CONFERENCE not in dues


def test_reviews_follow_the_review_actually_held() -> None:
    records = _on_a_plan(D(2026, 1, 15))
    review = rec("conference", D(2026, 4, 20), kind="review", plan=True)
    assert due_of([*records, review])[T.LATER_REVIEW_CONFERENCE] == D(2026, 10, 20)


def test_a_seen_visit_restarts_the_visit_clock_and_a_no_access_visit_does_not() -> None:
    records = _on_a_plan(D(2026, 1, 15))
    seen = rec("visit", D(2026, 2, 2), outcome="seen_alone", child_views="Likes school")
    missed = rec("visit", D(2026, 2, 16), outcome="no_access")
    assert due_of([*records, seen, missed])[T.VISIT] == D(2026, 2, 23)


def test_an_area_s_own_lengths_replace_the_defaults() -> None:
    records = _on_a_plan(D(2026, 1, 15))
    local = {T.FIRST_CORE_GROUP: Length(5, Unit.WORKING_DAYS), T.VISIT: Length(2, Unit.WEEKS)}
    dues = due_of(records, local)
    assert dues[T.FIRST_CORE_GROUP] == D(2026, 1, 22)
    assert dues[T.VISIT] == D(2026, 1, 29)


def test_agreed_actions_are_due_until_completed() -> None:
    records = _enquiry(D(2026, 3, 2))
    actions = [{"id": "checks", "action": "Police checks on the partner", "org": "NBP", "due": "2026-03-05"}]
    discussion = rec("strategy_discussion", D(2026, 3, 3), outcome="section_47", actions=actions)
    [action] = [s for s in open_steps(case_of([*records, discussion]), ENGLAND) if s.kind == "action"]
    assert (action.title, action.owner_org, action.due) == ("Police checks on the partner", "NBP", D(2026, 3, 5))
    done = rec("action_completed", D(2026, 3, 4), ref=discussion.id, org="NBP", action_id="checks")
    assert not [s for s in open_steps(case_of([*records, discussion, done]), ENGLAND) if s.kind == "action"]


def test_closing_the_case_ends_what_was_due_in_it() -> None:
    referral = rec("referral", D(2026, 3, 2), referrer_type="family")
    decision = rec("referral_decision", D(2026, 3, 2), ref=referral.id, outcome="assessment")
    closed = rec("case_closed", D(2026, 3, 20), reason="No further concerns")
    assert due_of([referral, decision]) == {T.ASSESSMENT: D(2026, 5, 7)}
    assert due_of([referral, decision, closed]) == {}


def test_the_feed_s_out_of_sequence_steps_are_kept_as_breaches() -> None:
    review = rec("conference", D(2026, 3, 2), kind="review", plan=True)
    ended = rec("plan_ended", D(2026, 3, 2), plan_type="child_protection")
    initial = rec("conference", D(2026, 3, 3), kind="initial", plan=True)
    case = case_of([review, ended, initial])
    assert [b.record.id for b in case.breaches] == [review.id, ended.id, initial.id]
    assert case.conferences == (review, initial)  # kept, not dropped


def test_a_deadline_is_read_on_the_day() -> None:
    [step] = open_steps(case_of([rec("referral", D(2025, 12, 19), referrer_type="family")]), ENGLAND)
    assert step.deadline(D(2025, 12, 19), ENGLAND).state is DeadlineState.DUE_SOON
    assert step.deadline(D(2025, 12, 23), ENGLAND).state is DeadlineState.OVERDUE


# The sequence table for macpu's own forms.


def test_a_conference_before_any_strategy_discussion_is_refused() -> None:
    case = case_of(_enquiry(D(2026, 3, 2)))
    [message] = refusals(Step.INITIAL_CONFERENCE, case, D(2026, 3, 10))
    assert "Record the strategy discussion first" in message


def test_a_plan_ended_twice_is_refused() -> None:
    records = _on_a_plan(D(2026, 1, 15))
    ended = rec("plan_ended", D(2026, 4, 20), plan_type="child_protection")
    assert refusals(Step.PLAN_ENDED, case_of(records), D(2026, 4, 20), plan_type="child_protection") == []
    [message] = refusals(Step.PLAN_ENDED, case_of([*records, ended]), D(2026, 4, 21), plan_type="child_protection")
    assert "ended already" in message


def test_a_step_dated_before_the_one_it_follows_is_refused() -> None:
    case = case_of([rec("referral", D(2026, 3, 2), referrer_type="family")])
    [message] = refusals(Step.REFERRAL_DECISION, case, D(2026, 3, 1))
    assert message == "The date must be on or after 2 March 2026, when the referral was received."


def test_a_case_with_a_plan_is_not_closed() -> None:
    [message] = refusals(Step.CASE_CLOSED, case_of(_on_a_plan(D(2026, 1, 15))), D(2026, 2, 1))
    assert "End it at a review conference" in message


def test_every_step_has_its_row_in_the_table() -> None:
    assert set(TRANSITIONS) == set(Step)


def test_the_core_agencies_of_a_strategy_discussion() -> None:
    assert missing_core_agencies({"social_care", "education"}) == ["the police", "health"]
    assert missing_core_agencies({"social_care", "police", "health"}) == []


_KINDS = st.sampled_from(
    ["referral", "referral_decision", "strategy_discussion", "section_47_outcome", "conference", "plan_started",
     "plan_ended", "core_group", "visit", "case_closed", "referrer_feedback", "assessment_completed"]
)  # fmt: skip


@given(st.lists(st.tuples(_KINDS, st.integers(0, 200)), max_size=25))
def test_any_events_in_any_order_make_a_case_and_nothing_is_lost(steps: list[tuple[str, int]]) -> None:
    details: dict[str, dict[str, Any]] = {
        "conference": {"kind": "initial", "plan": True},
        "strategy_discussion": {"outcome": "section_47"},
    }
    records = [
        rec(kind, D(2026, 1, 1) + dt.timedelta(days=offset), plan_type="child_protection", **details.get(kind, {}))
        for kind, offset in steps
    ]
    case = case_of(records)
    for step in open_steps(case, ENGLAND):
        assert step.due >= step.clock_started
    placed = len(case.conferences) + len(case.core_groups) + len(case.visits) + len(case.discussions)
    assert placed == sum(kind in ("conference", "core_group", "visit", "strategy_discussion") for kind, _ in steps)


def test_those_at_the_strategy_discussion_owe_reports_before_the_conference() -> None:
    records = _enquiry(D(2025, 12, 18))
    attendees = [{"org": "873"}, {"org": "NBP"}, {"org": "Y01001"}]
    discussion = rec("strategy_discussion", D(2025, 12, 19), outcome="section_47", attendees=attendees)
    reports = {
        s.owner_org: s.due
        for s in open_steps(case_of([*records, discussion]), ENGLAND)
        if s.kind == "conference_report"
    }
    assert reports == dict.fromkeys(["873", "NBP", "Y01001"], D(2026, 1, 12))  # 2 working days before 14 January
    sent = rec("conference_report", D(2026, 1, 9), org="NBP", kind="initial")
    owed = {
        s.owner_org for s in open_steps(case_of([*records, discussion, sent]), ENGLAND) if s.kind == "conference_report"
    }
    assert owed == {"873", "Y01001"}


def test_the_section_47_enquiry_concludes_the_assessment_and_its_own_record_may_follow() -> None:
    records = _enquiry(D(2026, 3, 2))
    discussion = rec("strategy_discussion", D(2026, 3, 3), outcome="section_47")
    outcome = rec("section_47_outcome", D(2026, 3, 13), ref=discussion.id, outcome="not_substantiated")
    assert T.ASSESSMENT not in due_of([*records, discussion, outcome])
    completed = rec("assessment_completed", D(2026, 3, 20), outcome="no_further_action")
    case = case_of([*records, discussion, outcome, completed])
    assert case.breaches == ()
    assert case.assessments[-1].completed == completed
