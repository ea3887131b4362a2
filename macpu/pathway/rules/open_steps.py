"""What is due next in a child's case, and by when: each open step with its due date.

Read from the case (`case.py`) whenever it is needed, with the area's own lengths where it has set
them, so nothing stores a due date that a late event or a changed timescale would make wrong. Only
the open episode has open steps: closing a case ends what was due in it (whether it was closed too
soon is a question for the gap rules, T15).
"""

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from macpu.core.dates import in_words
from macpu.pathway.rules.case import Case, ProtectionPlan
from macpu.pathway.rules.deadlines import DEFAULT_DUE_SOON_WITHIN, Deadline
from macpu.pathway.rules.review_schedule import review_schedule
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, Length, TimescaleCode, due_date
from macpu.workingdays.rules.working_days import WorkingCalendar

ACTION = "action"
CONFERENCE_REPORT = "conference_report"
# Reports for a conference are due before it: local procedures ask for them 48 hours before an initial conference
# and 3 working days before a review (brief 2.1 [ERSCP]); macpu counts 2 and 3 working days before its due date.
REPORT_DAYS_BEFORE = {"initial": 2, "transfer_in": 2, "review": 3}
_CONFERENCE_KINDS = {
    TimescaleCode.INITIAL_CONFERENCE.value: "initial",
    TimescaleCode.TRANSFER_IN_CONFERENCE.value: "transfer_in",
    TimescaleCode.FIRST_REVIEW_CONFERENCE.value: "review",
    TimescaleCode.LATER_REVIEW_CONFERENCE.value: "review",
}
T = TimescaleCode
_TIMESCALE_CODES = frozenset(code.value for code in TimescaleCode)


@dataclass(frozen=True)
class OpenStep:
    """A step that is due: `kind` is a timescale's code, "action" for an agreed action with its own date, or
    "conference_report" for an organisation's report for a conference that is due."""

    kind: str
    title: str
    clock_started: dt.date
    due: dt.date
    owner_org: str
    follows_record: str

    @property
    def key(self) -> str:
        """The step within the child's case: the same step read tomorrow has the same key."""
        return f"{self.kind}:{self.follows_record}:{self.owner_org}:{self.title}"[:300]

    @property
    def timescale(self) -> TimescaleCode | None:
        return TimescaleCode(self.kind) if self.kind in _TIMESCALE_CODES else None

    def deadline(self, today: dt.date, calendar: WorkingCalendar) -> Deadline:
        timescale = DEFAULT_TIMESCALES[self.timescale] if self.timescale else None
        warn = timescale.warn_within_working_days if timescale else None
        return Deadline(self.due, today, calendar, warn if warn is not None else DEFAULT_DUE_SOON_WITHIN)


@dataclass(frozen=True)
class _Clock:
    calendar: WorkingCalendar
    lengths: Mapping[TimescaleCode, Length]

    def due(self, code: TimescaleCode, start: dt.date) -> dt.date:
        return due_date(DEFAULT_TIMESCALES[code], start, self.calendar, self.lengths.get(code))

    def step(self, code: TimescaleCode, title: str, start: dt.date, owner: str, follows: str) -> OpenStep:
        return OpenStep(code.value, title, start, self.due(code, start), owner, follows)


def open_steps(
    case: Case, calendar: WorkingCalendar, lengths: Mapping[TimescaleCode, Length] | None = None
) -> list[OpenStep]:
    """Every step due in the open episode, soonest first; `lengths` are the area's own, where it has any."""
    if not case.is_open:
        return []
    clock = _Clock(calendar, lengths or {})
    steps = [
        *_referral_steps(case, clock),
        *_strategy_steps(case, clock),
        *_enquiry_steps(case, clock),
        *_plan_steps(case, clock),
        *_action_steps(case),
    ]
    steps += list(_report_steps(case, calendar, steps))
    return sorted(steps, key=lambda step: (step.due, step.title))


def _referral_steps(case: Case, clock: _Clock) -> Iterator[OpenStep]:
    for referral in case.referrals:
        record = referral.record
        if not case.in_open_episode(record):
            continue
        received = in_words(record.occurred_on)
        if referral.decision is None:
            yield clock.step(
                T.REFERRAL_DECISION,
                f"Decide on the referral received {received}",
                record.occurred_on,
                record.org,
                record.id,
            )
            continue
        decided = referral.decision.occurred_on
        if referral.professional and referral.feedback is None:
            yield clock.step(
                T.REFERRER_FEEDBACK,
                f"Tell the referrer the outcome of the referral received {received}",
                decided,
                record.org,
                record.id,
            )
        if referral.outcome == "strategy_discussion" and not any(d.held_on >= decided for d in case.discussions):
            code = T.STRATEGY_DISCUSSION_IMMEDIATE_RISK if referral.immediate_risk else T.STRATEGY_DISCUSSION
            yield clock.step(
                code,
                f"Hold the strategy discussion decided on {in_words(decided)}",
                decided,
                record.org,
                referral.decision.id,
            )
    for assessment in case.assessments:
        if assessment.completed is None and case.in_open_episode(assessment.referral):
            start = assessment.referral.occurred_on
            yield clock.step(
                T.ASSESSMENT,
                f"Complete the assessment of the referral received {in_words(start)}",
                start,
                assessment.referral.org,
                assessment.referral.id,
            )


def _strategy_steps(case: Case, clock: _Clock) -> Iterator[OpenStep]:
    for discussion in case.discussions:
        if discussion.distributed is None and case.in_open_episode(discussion.record):
            yield clock.step(
                TimescaleCode.STRATEGY_RECORD_DISTRIBUTION,
                f"Send the record of the strategy discussion of {in_words(discussion.held_on)} to every agency involved",
                discussion.held_on,
                discussion.record.org,
                discussion.record.id,
            )


def _enquiry_steps(case: Case, clock: _Clock) -> Iterator[OpenStep]:
    enquiry = case.enquiry_awaiting_conference()
    if enquiry is not None:
        latest = enquiry.discussions[-1]
        yield clock.step(
            TimescaleCode.INITIAL_CONFERENCE,
            f"Hold the initial child protection conference (section 47 enquiry from {in_words(enquiry.started_on)})",
            enquiry.latest_discussion_on,
            latest.org,
            latest.id,
        )
    for notice in case.transfers_in:
        held = any(
            c.details.get("kind") == "transfer_in" and c.occurred_on >= notice.occurred_on for c in case.conferences
        )
        if not held and case.in_open_episode(notice):
            yield clock.step(
                TimescaleCode.TRANSFER_IN_CONFERENCE,
                f"Hold the transfer-in conference (notified {in_words(notice.occurred_on)})",
                notice.occurred_on,
                notice.org,
                notice.id,
            )


def _plan_steps(case: Case, clock: _Clock) -> Iterator[OpenStep]:
    plan = case.protection_plan()
    if plan is None:
        return
    owner = plan.conference.org if plan.conference else (case.referrals[-1].record.org if case.referrals else "")
    follows = plan.conference.id if plan.conference else ""
    start = plan.counted_from
    if not any(group.occurred_on >= start for group in case.core_groups):
        yield clock.step(TimescaleCode.FIRST_CORE_GROUP, "Hold the first core group", start, owner, follows)
    yield _next_review(plan, clock, owner, follows)
    seen = [v.occurred_on for v in case.visits if v.details.get("outcome") in ("seen", "seen_alone")]
    last_seen = max((day for day in seen if day >= plan.started_on), default=plan.started_on)
    yield clock.step(TimescaleCode.VISIT, "Visit and see the child", last_seen, owner, follows)


def _next_review(plan: ProtectionPlan, clock: _Clock, owner: str, follows: str) -> OpenStep:
    held = [review.occurred_on for review in plan.reviews if review.occurred_on >= plan.counted_from]
    schedule = review_schedule(
        plan.counted_from,
        held,
        clock.calendar,
        first_review=clock.lengths.get(T.FIRST_REVIEW_CONFERENCE),
        later_reviews=clock.lengths.get(T.LATER_REVIEW_CONFERENCE),
    )
    code = T.FIRST_REVIEW_CONFERENCE if not held else T.LATER_REVIEW_CONFERENCE
    start = held[-1] if held else plan.counted_from
    title = "Hold the first review conference" if not held else f"Hold review conference {len(held) + 1}"
    return OpenStep(code.value, title, start, schedule[-1].due, owner, follows)


def _action_steps(case: Case) -> Iterator[OpenStep]:
    for action in case.actions:
        if action.completed is None and case.in_open_episode(action.source):
            yield OpenStep(
                ACTION,
                action.text or "Agreed action",
                action.source.occurred_on,
                action.due,
                action.org,
                action.source.id,
            )


def _working_days_before(calendar: WorkingCalendar, day: dt.date, count: int) -> dt.date:
    """The day from which `count` working days end on `day` (the report is due then, the conference `count` later)."""
    earlier = day
    while calendar.between(earlier, day) < count:
        earlier -= dt.timedelta(days=1)
    return earlier


def _participants(case: Case, kind: str) -> set[str]:
    """Who takes part and so owes a report: the enquiry's strategy discussions for an initial conference; the core
    groups of the plan (else the discussions) for a review."""
    enquiry = case.enquiry_awaiting_conference()
    discussions = enquiry.discussions if enquiry and kind == "initial" else ()
    if kind == "review":
        plan = case.protection_plan()
        groups = [g for g in case.core_groups if plan and g.occurred_on >= plan.counted_from]
        discussions = tuple(groups) or tuple(d.record for d in case.discussions[-1:])
    return {str(a.get("org", "")) for record in discussions for a in record.details.get("attendees", ())} - {""}


def _report_steps(case: Case, calendar: WorkingCalendar, steps: list[OpenStep]) -> Iterator[OpenStep]:
    for conference in (step for step in steps if step.kind in _CONFERENCE_KINDS):
        kind = _CONFERENCE_KINDS[conference.kind]
        sent = {
            r.org for r in case.reports if r.details.get("kind") == kind and r.occurred_on >= conference.clock_started
        }
        due = max(conference.clock_started, _working_days_before(calendar, conference.due, REPORT_DAYS_BEFORE[kind]))
        for org in sorted(_participants(case, kind) - sent):
            title = f"Send a report for the {kind.replace('_', '-')} conference due {in_words(conference.due)}"
            yield OpenStep(CONFERENCE_REPORT, title, conference.clock_started, due, org, conference.follows_record)
