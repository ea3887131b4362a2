"""A child's statutory pathway, worked out from their pathway events (ADR 0013).

`case_of(records)` folds the events, in the chronology's order, into the steps of Working Together
2023: referrals with their decision and feedback, strategy discussions, section 47 enquiries,
conferences, plans, core groups, visits, allocations and closures. It accepts whatever the sources
reported: an event that does not fit the sequence (a decision with no referral, a review with no
plan) is kept as a `SequenceBreach` for the gap rules to show, never dropped or refused here.

An **episode** of work runs from a referral (or a transfer-in notification) to a case closure;
what is still open is read from the episode that is open now.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from macpu.events.rules.information_shared import is_disclosure
from macpu.pathway.rules.plans import PlanHistory, plan_history
from macpu.pathway.rules.records import StepRecord, in_order

CHILD_PROTECTION_PLANS = ("child_protection", "unborn_child_protection")


@dataclass(frozen=True)
class SequenceBreach:
    record: StepRecord
    message: str


@dataclass(frozen=True)
class Referral:
    record: StepRecord
    decision: StepRecord | None = None
    feedback: StepRecord | None = None

    @property
    def referrer_type(self) -> str:
        return str(self.record.details.get("referrer_type", ""))

    @property
    def professional(self) -> bool:
        return self.referrer_type == "professional"

    @property
    def outcome(self) -> str:
        return str(self.decision.details.get("outcome", "")) if self.decision else ""

    @property
    def immediate_risk(self) -> bool:
        return bool(self.decision and self.decision.details.get("immediate_risk"))


@dataclass(frozen=True)
class StrategyDiscussion:
    record: StepRecord
    distributed: StepRecord | None = None

    @property
    def held_on(self) -> dt.date:
        return self.record.occurred_on

    @property
    def starts_enquiry(self) -> bool:
        return self.record.details.get("outcome") == "section_47"

    @property
    def attending_orgs(self) -> tuple[str, ...]:
        return tuple(str(a.get("org", "")) for a in self.record.details.get("attendees", ()))


@dataclass(frozen=True)
class Enquiry:
    """A section 47 enquiry: started by a strategy discussion, joined by the later ones held while it is open."""

    discussions: tuple[StepRecord, ...]
    outcome: StepRecord | None = None
    initial_conference: StepRecord | None = None

    @property
    def started_on(self) -> dt.date:
        return self.discussions[0].occurred_on

    @property
    def latest_discussion_on(self) -> dt.date:
        return max(discussion.occurred_on for discussion in self.discussions)

    @property
    def needs_conference(self) -> bool:
        """Open until the initial conference, or until it concludes without one."""
        if self.initial_conference is not None:
            return False
        return self.outcome is None or self.outcome.details.get("outcome") == "icpc_required"

    @property
    def is_open(self) -> bool:
        return self.outcome is None and self.initial_conference is None


@dataclass(frozen=True)
class Assessment:
    """A child and family assessment, due 45 working days from the referral it follows (R20)."""

    referral: StepRecord
    completed: StepRecord | None = None


@dataclass(frozen=True)
class Action:
    """An action agreed at a strategy discussion, conference or core group: who does what by when (R16)."""

    source: StepRecord
    action_id: str
    text: str
    org: str
    due: dt.date
    completed: StepRecord | None = None

    @property
    def key(self) -> str:
        """The action's name across the case: its record and its id within it."""
        return f"{self.source.id}:{self.action_id}"


@dataclass(frozen=True)
class Allocation:
    role: str
    name: str
    org: str
    since: dt.date
    until: dt.date | None = None


@dataclass(frozen=True)
class Episode:
    """From the referral or transfer-in that opened the work to the closure that ended it (None: open)."""

    opened_by: StepRecord
    closed_by: StepRecord | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_by is None


@dataclass(frozen=True)
class Case:
    referrals: tuple[Referral, ...]
    discussions: tuple[StrategyDiscussion, ...]
    enquiries: tuple[Enquiry, ...]
    assessments: tuple[Assessment, ...]
    conferences: tuple[StepRecord, ...]
    core_groups: tuple[StepRecord, ...]
    visits: tuple[StepRecord, ...]
    transfers_in: tuple[StepRecord, ...]
    reports: tuple[StepRecord, ...]
    actions: tuple[Action, ...]
    allocations: tuple[Allocation, ...]
    episodes: tuple[Episode, ...]
    plans: PlanHistory
    breaches: tuple[SequenceBreach, ...]
    records: tuple[StepRecord, ...] = ()

    def record(self, record_id: str) -> StepRecord | None:
        return next((record for record in self.records if record.id == record_id), None)

    @property
    def open_episode(self) -> Episode | None:
        return self.episodes[-1] if self.episodes and self.episodes[-1].is_open else None

    @property
    def is_open(self) -> bool:
        return self.open_episode is not None

    def in_open_episode(self, record: StepRecord) -> bool:
        episode = self.open_episode
        return episode is not None and record.order >= episode.opened_by.order

    def open_enquiry(self) -> Enquiry | None:
        return next((e for e in reversed(self.enquiries) if e.is_open and self.in_open_episode(e.discussions[0])), None)

    def enquiry_awaiting_conference(self) -> Enquiry | None:
        candidates = [e for e in self.enquiries if e.needs_conference and self.in_open_episode(e.discussions[0])]
        return candidates[-1] if candidates else None

    def protection_plan(self) -> "ProtectionPlan | None":
        """The open child protection plan (unborn included), with the conference that made it, if any."""
        plan = self.plans.open_of(*CHILD_PROTECTION_PLANS)
        if plan is None:
            return None
        making = [
            c
            for c in self.conferences
            if c.occurred_on <= plan.started_on and c.details.get("kind") in ("initial", "transfer_in")
        ]
        reviews = tuple(
            c for c in self.conferences if c.details.get("kind") == "review" and c.occurred_on >= plan.started_on
        )
        return ProtectionPlan(plan.started_on, plan.plan_type, making[-1] if making else None, reviews)

    def current_allocations(self) -> tuple[Allocation, ...]:
        return tuple(a for a in self.allocations if a.until is None)

    def lead_practitioner(self) -> Allocation | None:
        leads = [
            a
            for a in self.current_allocations()
            if a.role in ("lead_child_protection_practitioner", "lead_practitioner")
        ]
        return leads[-1] if leads else None


@dataclass(frozen=True)
class ProtectionPlan:
    started_on: dt.date
    plan_type: str
    conference: StepRecord | None  # the initial or transfer-in conference that made it
    reviews: tuple[StepRecord, ...]

    @property
    def counted_from(self) -> dt.date:
        return self.conference.occurred_on if self.conference else self.started_on


@dataclass
class _Fold:
    referrals: list[Referral] = field(default_factory=list)
    discussions: list[StrategyDiscussion] = field(default_factory=list)
    enquiries: list[Enquiry] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    conferences: list[StepRecord] = field(default_factory=list)
    core_groups: list[StepRecord] = field(default_factory=list)
    visits: list[StepRecord] = field(default_factory=list)
    transfers_in: list[StepRecord] = field(default_factory=list)
    reports: list[StepRecord] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    breaches: list[SequenceBreach] = field(default_factory=list)

    def breach(self, record: StepRecord, message: str) -> None:
        self.breaches.append(SequenceBreach(record, message))

    def open_episode(self, record: StepRecord) -> None:
        if not self.episodes or not self.episodes[-1].is_open:
            self.episodes.append(Episode(record))

    # One method per event type: each places the event, or records why it does not fit.

    def referral(self, record: StepRecord) -> None:
        self.open_episode(record)
        self.referrals.append(Referral(record))

    def transfer_in_notified(self, record: StepRecord) -> None:
        self.open_episode(record)
        self.transfers_in.append(record)

    def referral_decision(self, record: StepRecord) -> None:
        index = _answered(self.referrals, record, lambda r: r.decision is None)
        if index is None:
            self.breach(record, "A decision on a referral that macpu has no record of")
            return
        referral = replace(self.referrals[index], decision=record)
        self.referrals[index] = referral
        if referral.outcome in ("assessment", "strategy_discussion"):
            self.assessments.append(Assessment(referral.record))

    def referrer_feedback(self, record: StepRecord) -> None:
        index = _answered(self.referrals, record, lambda r: r.feedback is None)
        if index is None:
            self.breach(record, "Feedback to a referrer about a referral that macpu has no record of")
            return
        self.referrals[index] = replace(self.referrals[index], feedback=record)

    def strategy_discussion(self, record: StepRecord) -> None:
        if not self.episodes or not self.episodes[-1].is_open:
            self.breach(record, "A strategy discussion with no open referral or case")
            self.open_episode(record)
        discussion = StrategyDiscussion(record)
        self.discussions.append(discussion)
        self._actions_of(record)
        open_enquiry = next((i for i, e in enumerate(self.enquiries) if e.is_open), None)
        if open_enquiry is not None:  # a later discussion of the same enquiry moves its conference's clock (R19)
            enquiry = self.enquiries[open_enquiry]
            self.enquiries[open_enquiry] = replace(enquiry, discussions=(*enquiry.discussions, record))
        elif discussion.starts_enquiry:
            self.enquiries.append(Enquiry((record,)))

    def information_shared(self, record: StepRecord) -> None:
        if not is_disclosure(record.details):  # a decision not to share sent nothing
            return
        for index, discussion in enumerate(self.discussions):
            if record.ref == discussion.record.id and discussion.distributed is None:
                self.discussions[index] = replace(discussion, distributed=record)

    def section_47_outcome(self, record: StepRecord) -> None:
        index = next((i for i, e in enumerate(self.enquiries) if any(d.id == record.ref for d in e.discussions)), None)
        if index is None:
            index = next((i for i in reversed(range(len(self.enquiries))) if self.enquiries[i].outcome is None), None)
        if index is None:
            self.breach(record, "The outcome of a section 47 enquiry that no strategy discussion started")
            return
        self.enquiries[index] = replace(self.enquiries[index], outcome=record)
        # A section 47 enquiry is carried out through the child and family assessment (WT2023): its outcome
        # concludes the assessment the referral started.
        open_assessment = next(
            (i for i in reversed(range(len(self.assessments))) if self.assessments[i].completed is None), None
        )
        if open_assessment is not None:
            self.assessments[open_assessment] = replace(self.assessments[open_assessment], completed=record)

    def assessment_completed(self, record: StepRecord) -> None:
        index = next((i for i in reversed(range(len(self.assessments))) if self.assessments[i].completed is None), None)
        concluded_by_enquiry = self.assessments and _is_s47_outcome(self.assessments[-1].completed)
        if index is None and concluded_by_enquiry:  # the assessment's own record, after the enquiry concluded it
            index = len(self.assessments) - 1
        if index is None:
            self.breach(record, "An assessment completed that no referral decision started")
            return
        self.assessments[index] = replace(self.assessments[index], completed=record)

    def conference(self, record: StepRecord, plans: PlanHistory) -> None:
        self.conferences.append(record)
        self._actions_of(record)
        kind = record.details.get("kind")
        if kind == "initial":
            index = next((i for i in reversed(range(len(self.enquiries))) if self.enquiries[i].needs_conference), None)
            if index is None:
                self.breach(record, "An initial child protection conference with no section 47 enquiry before it")
                return
            self.enquiries[index] = replace(self.enquiries[index], initial_conference=record)
        elif kind == "review" and not _plan_open_on(plans, record.occurred_on, CHILD_PROTECTION_PLANS):
            self.breach(record, "A review conference for a child with no child protection plan")
        elif kind == "transfer_in" and not self.transfers_in:
            self.breach(record, "A transfer-in conference with no notice that the child moved into the area")

    def core_group(self, record: StepRecord, plans: PlanHistory) -> None:
        self.core_groups.append(record)
        self._actions_of(record)
        if not _plan_open_on(plans, record.occurred_on, CHILD_PROTECTION_PLANS):
            self.breach(record, "A core group for a child with no child protection plan")

    def visit(self, record: StepRecord) -> None:
        self.visits.append(record)

    def conference_report(self, record: StepRecord) -> None:
        self.reports.append(record)

    def allocation(self, record: StepRecord) -> None:
        role = str(record.details.get("role", ""))
        if record.details.get("change") == "allocated":
            self.allocations.append(
                Allocation(role, str(record.details.get("name", "")), record.org, record.occurred_on)
            )
            return
        index = next(
            (i for i in reversed(range(len(self.allocations))) if _ends(self.allocations[i], role, record)), None
        )
        if index is None:
            self.breach(record, "An allocation ended that macpu has no record of")
            return
        self.allocations[index] = replace(self.allocations[index], until=record.occurred_on)

    def action_completed(self, record: StepRecord) -> None:
        action_id = str(record.details.get("action_id", ""))
        for index, action in enumerate(self.actions):
            if action.source.id == record.ref and action.action_id == action_id and action.completed is None:
                self.actions[index] = replace(action, completed=record)
                return
        self.breach(record, "An action completed that macpu has no record of")

    def case_closed(self, record: StepRecord) -> None:
        if not self.episodes or not self.episodes[-1].is_open:
            self.breach(record, "A case closed that was not open")
            return
        self.episodes[-1] = replace(self.episodes[-1], closed_by=record)

    def _actions_of(self, record: StepRecord) -> None:
        for number, action in enumerate(record.details.get("actions", ()), start=1):
            due = _date(action.get("due"))
            if due is not None:
                self.actions.append(
                    Action(
                        record,
                        str(action.get("id") or number),
                        str(action.get("action", "")),
                        str(action.get("org", "")),
                        due,
                    )
                )


def _is_s47_outcome(record: StepRecord | None) -> bool:
    return record is not None and record.type == "section_47_outcome"


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _ends(allocation: Allocation, role: str, end: StepRecord) -> bool:
    name = str(end.details.get("name", ""))
    return allocation.until is None and allocation.role == role and (not name or allocation.name == name)


def _answered(referrals: list[Referral], answer: StepRecord, waiting: Callable[[Referral], bool]) -> int | None:
    """The referral `answer` names in its ref, else the latest still waiting for that kind of answer."""
    for index, referral in enumerate(referrals):
        if referral.record.id == answer.ref:
            return index
    return next((i for i in reversed(range(len(referrals))) if waiting(referrals[i])), None)


def _plan_open_on(plans: PlanHistory, day: dt.date, plan_types: tuple[str, ...]) -> bool:
    # A conference that ends a plan is held on the day it ends: it still reviews that plan.
    return any(
        p.plan_type in plan_types and p.started_on <= day and (p.ended_on is None or day <= p.ended_on)
        for p in plans.periods
    )


def case_of(records: Iterable[StepRecord]) -> Case:
    ordered = in_order(list(records))
    plans = plan_history(ordered)
    fold = _Fold()
    for record in ordered:
        if record.type in ("conference", "core_group"):
            getattr(fold, record.type)(record, plans)
        elif record.type not in ("plan_started", "plan_ended") and hasattr(fold, record.type):
            getattr(fold, record.type)(record)
    breaches = [*fold.breaches, *(SequenceBreach(r, "A plan ended that was not open") for r in plans.unmatched_ends)]
    return Case(
        referrals=tuple(fold.referrals),
        discussions=tuple(fold.discussions),
        enquiries=tuple(fold.enquiries),
        assessments=tuple(fold.assessments),
        conferences=tuple(fold.conferences),
        core_groups=tuple(fold.core_groups),
        visits=tuple(fold.visits),
        transfers_in=tuple(fold.transfers_in),
        reports=tuple(fold.reports),
        actions=tuple(fold.actions),
        allocations=tuple(fold.allocations),
        episodes=tuple(fold.episodes),
        plans=plans,
        breaches=tuple(sorted(breaches, key=lambda b: b.record.order)),
        records=tuple(ordered),
    )
