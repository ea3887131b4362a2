"""How long the statutory steps took, against the timescales in force (issue 9, point 5).

Three measures, each from the start of its own statutory clock (`pathway.rules.timescales`), counted in working
days after the day the clock starts (R56):

- **referral to decision**: from the referral to the decision on it (`referral_decision`, 1 working day);
- **decision to strategy discussion**: from a decision to hold one (outcome `strategy_discussion`) to the first
  strategy discussion held on or after it (`strategy_discussion`, 1 working day; the same day at immediate risk);
- **strategy discussion to initial conference**: from the latest strategy discussion of a section 47 enquiry to
  its initial conference (`initial_conference`, 15 working days), for enquiries that needed one.

A step that happened by its due date is *within* the timescale, after it *over*; a step not taken whose due date
has passed by the day the figures are read is *overdue*; one not yet due is left out.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from macpu.pathway.rules.case import Case
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, Length, TimescaleCode, due_date
from macpu.workingdays.rules.working_days import OutsideCalendar, WorkingCalendar


class Measure(StrEnum):
    REFERRAL_TO_DECISION = "referral_to_decision"
    DECISION_TO_STRATEGY_DISCUSSION = "decision_to_strategy_discussion"
    STRATEGY_DISCUSSION_TO_CONFERENCE = "strategy_discussion_to_initial_conference"


MEASURE_TITLES = {
    Measure.REFERRAL_TO_DECISION: "Referral to decision",
    Measure.DECISION_TO_STRATEGY_DISCUSSION: "Decision to strategy discussion",
    Measure.STRATEGY_DISCUSSION_TO_CONFERENCE: "Strategy discussion to initial conference",
}


class Standing(StrEnum):
    WITHIN = "within"
    OVER = "over"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Timing:
    measure: Measure
    started_on: dt.date  # the day the clock started: the figures' period is chosen by it
    due: dt.date
    done_on: dt.date | None
    standing: Standing
    working_days: int | None  # from the clock's start to the step; None when not done


def _timing(
    measure: Measure,
    code: TimescaleCode,
    started_on: dt.date,
    done_on: dt.date | None,
    calendar: WorkingCalendar,
    lengths: dict[TimescaleCode, Length],
    as_of: dt.date,
) -> Timing | None:
    try:
        due = due_date(DEFAULT_TIMESCALES[code], started_on, calendar, lengths.get(code))
        days = calendar.between(started_on, done_on) if done_on is not None and done_on >= started_on else None
    except OutsideCalendar:
        return None
    if done_on is None:
        return Timing(measure, started_on, due, None, Standing.OVERDUE, None) if due < as_of else None
    standing = Standing.WITHIN if done_on <= due else Standing.OVER
    return Timing(measure, started_on, due, done_on, standing, days)


def case_timings(
    case: Case, calendar: WorkingCalendar, lengths: dict[TimescaleCode, Length], as_of: dt.date
) -> list[Timing]:
    """Every measured step of the case whose clock started on or before `as_of`."""
    found: list[Timing | None] = []
    discussions = sorted((d.record for d in case.discussions), key=lambda record: record.order)
    for referral in case.referrals:
        start = referral.record.occurred_on
        if start > as_of:
            continue
        decided = referral.decision.occurred_on if referral.decision else None
        decided = decided if decided is not None and decided <= as_of else None
        found.append(
            _timing(
                Measure.REFERRAL_TO_DECISION, TimescaleCode.REFERRAL_DECISION, start, decided, calendar, lengths, as_of
            )
        )
        if referral.decision is None or referral.outcome != "strategy_discussion" or decided is None:
            continue
        held = next((d.occurred_on for d in discussions if d.order >= referral.decision.order), None)
        code = (
            TimescaleCode.STRATEGY_DISCUSSION_IMMEDIATE_RISK
            if referral.immediate_risk
            else TimescaleCode.STRATEGY_DISCUSSION
        )
        held = held if held is not None and held <= as_of else None
        found.append(_timing(Measure.DECISION_TO_STRATEGY_DISCUSSION, code, decided, held, calendar, lengths, as_of))
    for enquiry in case.enquiries:
        needed = enquiry.initial_conference is not None or enquiry.needs_conference
        if not needed or enquiry.latest_discussion_on > as_of:
            continue
        held_on = enquiry.initial_conference.occurred_on if enquiry.initial_conference else None
        held_on = held_on if held_on is not None and held_on <= as_of else None
        found.append(
            _timing(
                Measure.STRATEGY_DISCUSSION_TO_CONFERENCE,
                TimescaleCode.INITIAL_CONFERENCE,
                enquiry.latest_discussion_on,
                held_on,
                calendar,
                lengths,
                as_of,
            )
        )
    return [timing for timing in found if timing is not None]
