"""The disagreement fold: a chain of events into stages, status, due date and next stage; in step with T10."""

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macpu.disagreements.rules.disagreement import (
    DisagreementRecord,
    Status,
    disagreements_of,
    escalation_refusal,
    resolution_refusal,
)
from macpu.gaps.rules.base import GapRecord
from macpu.gaps.rules.t10_disagreement_not_escalated import RULE
from macpu.gaps.rules.tests.facts import ENGLAND, facts
from macpu.gaps.rules.tests.facts import rec as gap_rec

pytestmark = pytest.mark.pure

D = dt.date
_ids = itertools.count(1)


def rec(kind: str, day: dt.date, org: str = "123456", *, ref: str | None = None, **details: Any) -> DisagreementRecord:
    number = next(_ids)
    moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC) + dt.timedelta(seconds=number)
    return DisagreementRecord(f"d{number}", kind, org, day, moment, details, ref=ref, record_id=f"{org}-{number}")


DECISION = rec("referral_decision", D(2026, 3, 4), "873", outcome="no_further_action")


def fold(records: list[DisagreementRecord], as_of: dt.date, days: int = 5) -> list[Any]:
    return disagreements_of(records, calendar=ENGLAND, working_days_at_stage=days, as_of=as_of)


def test_a_raised_disagreement_is_due_to_move_on_five_working_days_later() -> None:
    # given: a school challenges children's social care's decision on Thursday 5 March 2026
    raised = rec(
        "disagreement", D(2026, 3, 5), ref=DECISION.id, stage="practitioner", status="raised", subject="threshold"
    )
    # when
    [on_time] = fold([DECISION, raised], D(2026, 3, 12))
    [late] = fold([DECISION, raised], D(2026, 3, 13))
    # then
    assert on_time.id == raised.id
    assert (on_time.stage, on_time.status, on_time.due, on_time.overdue) == (
        "practitioner",
        Status.RAISED,
        D(2026, 3, 12),
        False,
    )
    assert late.overdue is True
    assert on_time.disputed == DECISION
    assert (on_time.raised_by, on_time.against, on_time.subject) == ("123456", "873", "threshold")
    assert on_time.parties == frozenset({"123456", "873"})
    assert on_time.next_stage == "manager"
    assert escalation_refusal(on_time) == ""
    assert resolution_refusal(on_time) == ""


def test_escalation_restarts_the_clock_at_the_new_stage_and_follows_the_earlier_event() -> None:
    raised = rec("disagreement", D(2026, 3, 5), ref=DECISION.id, stage="practitioner", status="raised")
    escalated = rec("disagreement", D(2026, 3, 11), "873", ref=raised.id, stage="manager", status="escalated")
    # when: Easter (Good Friday 3 April, Easter Monday 6 April 2026) falls in the next week's count
    [disagreement] = fold([DECISION, raised, escalated], D(2026, 3, 18))
    # then
    assert [step.stage for step in disagreement.steps] == ["practitioner", "manager"]
    assert disagreement.stage_reached_on == D(2026, 3, 11)
    assert disagreement.due == D(2026, 3, 18)
    assert disagreement.overdue is False
    assert disagreement.next_stage == "senior_manager"
    assert disagreement.disputed == DECISION  # reached through the earlier disagreement event


def test_working_days_skip_bank_holidays() -> None:
    raised = rec("disagreement", D(2026, 4, 1), ref=DECISION.id, stage="practitioner", status="raised")
    [disagreement] = fold([DECISION, raised], D(2026, 4, 1))
    assert disagreement.due == D(2026, 4, 10)  # 2, 7, 8, 9, 10 April: Good Friday and Easter Monday skipped


def test_resolved_has_no_due_date_an_outcome_and_refuses_escalation() -> None:
    raised = rec("disagreement", D(2026, 3, 5), ref=DECISION.id, stage="practitioner", status="raised")
    resolved = rec(
        "disagreement",
        D(2026, 3, 9),
        "873",
        ref=raised.id,
        stage="practitioner",
        status="resolved",
        outcome="Joint visit.",
    )
    [disagreement] = fold([DECISION, raised, resolved], D(2026, 6, 1))
    assert disagreement.status is Status.RESOLVED
    assert (disagreement.due, disagreement.overdue, disagreement.next_stage) == (None, False, None)
    assert disagreement.outcome == "Joint visit."
    assert disagreement.resolved_on == D(2026, 3, 9)
    assert escalation_refusal(disagreement).startswith("This disagreement has been resolved")
    assert resolution_refusal(disagreement) == "The outcome of this disagreement has been recorded already"


def test_at_partnership_stage_there_is_no_next_stage() -> None:
    raised = rec("disagreement", D(2026, 3, 5), ref=DECISION.id, stage="partnership", status="escalated")
    [disagreement] = fold([DECISION, raised], D(2026, 3, 5))
    assert disagreement.next_stage is None
    assert "partnership stage" in escalation_refusal(disagreement)


def test_the_against_organisation_given_in_the_event_wins_and_two_decisions_make_two_disagreements() -> None:
    other_decision = rec("case_closed", D(2026, 3, 6), "873")
    first = rec("disagreement", D(2026, 3, 7), ref=DECISION.id, stage="practitioner", status="raised", against="NBP")
    second = rec("disagreement", D(2026, 3, 8), "NBP", ref=other_decision.id, stage="practitioner", status="raised")
    loose = rec("disagreement", D(2026, 3, 9), "Y01001", stage="practitioner", status="raised", about="No plan")
    found = fold([DECISION, other_decision, first, second, loose], D(2026, 3, 9))
    assert [(d.id, d.against) for d in found] == [(first.id, "NBP"), (second.id, "873"), (loose.id, "")]
    assert found[2].disputed is None


# --- In step with the gap rule T10: the same chains, the same clock, the same number of working days -------------

_DAYS = st.dates(min_value=D(2026, 1, 5), max_value=D(2026, 12, 18))
_STEP = st.tuples(
    st.integers(min_value=0, max_value=9),  # calendar days after the previous event
    st.sampled_from(["practitioner", "manager", "senior_manager", "partnership"]),
    st.sampled_from(["raised", "escalated", "resolved"]),
    st.booleans(),  # refers to the previous disagreement event, or to the decision
)


def _both(start: dt.date, steps: list[tuple[int, str, str, bool]]) -> tuple[list[DisagreementRecord], list[GapRecord]]:
    decision = gap_rec("referral_decision", start, "873")
    gaps = [decision]
    day = start
    for gap, stage, status, follows in steps:
        day += dt.timedelta(days=gap)
        ref = gaps[-1].id if follows and len(gaps) > 1 else decision.id
        gaps.append(gap_rec("disagreement", day, "123456", ref=ref, stage=stage, status=status))
    ours = [DisagreementRecord(g.id, g.type, g.org, g.occurred_on, g.recorded_at, g.details, ref=g.ref) for g in gaps]
    return ours, gaps


@settings(max_examples=200, deadline=None)
@given(
    start=_DAYS,
    steps=st.lists(_STEP, min_size=1, max_size=6),
    days=st.integers(min_value=1, max_value=15),
    later=st.integers(min_value=0, max_value=40),
)
def test_overdue_exactly_when_t10_fires_with_the_same_due_date(
    start: dt.date, steps: list[tuple[int, str, str, bool]], days: int, later: int
) -> None:
    ours, gaps = _both(start, steps)
    as_of = gaps[-1].occurred_on + dt.timedelta(days=later)
    [disagreement] = fold(ours, as_of, days)
    findings = RULE.evaluate(facts(gaps, as_of), {"working_days_at_stage": days})
    assert disagreement.overdue == bool(findings)
    if findings:
        assert disagreement.due is not None
        assert findings[0].arose_on == disagreement.due + dt.timedelta(days=1)
        assert next(r.id for r in findings[0].evidence if r.type == "disagreement") == disagreement.id
