"""A professional disagreement worked out from a child's `disagreement` events (R52, R53; ADR 0021).

Brief section 2.6 and R52: a practitioner challenges another organisation's decision; unresolved, the challenge goes
from practitioner to manager, senior manager and partnership stage; the record holds who raised it, against whom,
the decision disputed, every stage with its date, and the outcome. R53 and T10: left open at one stage beyond the
locally set number of working days, it is due to move to the next stage.

Nothing of a disagreement is stored apart from the events. A disagreement is a chain: its first event raises it
(`ref` names the decision disputed); each later event names the decision too, or the earlier disagreement event it
follows. The chain is grouped, its clock started and its due date worked out exactly as the gap rule T10 does
(`gaps/rules/t10_disagreement_not_escalated.py`), with the same number of working days read from the same setting,
so that the disagreement's page and the gap rule never disagree (a property test holds them together).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from macpu.workingdays.rules.working_days import WorkingCalendar

STAGES: tuple[str, ...] = ("practitioner", "manager", "senior_manager", "partnership")
STAGE_NAMES: dict[str, str] = {
    "practitioner": "practitioner",
    "manager": "manager",
    "senior_manager": "senior manager",
    "partnership": "partnership",
}
SUBJECTS: dict[str, str] = {
    "threshold": "Threshold or response to a referral",
    "risk_level": "Level of risk",
    "case_closure": "Case closure",
    "plan_progress": "Progress of a plan",
    "information_sharing": "Information sharing",
    "step_up_down": "Step up or step down",
    "roles": "Roles and responsibilities",
    "other": "Something else",
}
# The decisions a practitioner may dispute: each type of event that records one, in words.
DECISION_TYPES: dict[str, str] = {
    "referral_decision": "decision on a referral",
    "strategy_discussion": "strategy discussion",
    "section_47_outcome": "section 47 outcome",
    "assessment_completed": "assessment",
    "conference": "conference decision",
    "core_group": "core group (progress of the plan)",
    "plan_started": "start of a plan",
    "plan_ended": "ending of a plan",
    "case_closed": "case closure",
    "information_shared": "information-sharing decision",
}


class Status(StrEnum):
    RAISED = "raised"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class DisagreementRecord:
    """One active event as the fold reads it: a disagreement event, or a decision one refers to.

    `id` is the event's id and `ref` the id of the event it refers to, as text; `org` the recording organisation's
    code; `record_id` the source's own id (for a new event's `ref` to name this one).
    """

    id: str
    type: str
    org: str
    occurred_on: dt.date
    recorded_at: dt.datetime
    details: Mapping[str, Any] = field(default_factory=dict)
    ref: str | None = None
    record_id: str = ""

    @property
    def stage(self) -> str:
        return str(self.details.get("stage", ""))

    @property
    def status(self) -> str:
        return str(self.details.get("status", ""))


@dataclass(frozen=True)
class Step:
    """One event of the chain: raised, escalated or resolved, at a stage, on a day, by an organisation."""

    record: DisagreementRecord

    @property
    def stage(self) -> str:
        return self.record.stage

    @property
    def status(self) -> str:
        return self.record.status

    @property
    def on(self) -> dt.date:
        return self.record.occurred_on

    @property
    def org(self) -> str:
        return self.record.org


@dataclass(frozen=True)
class Disagreement:
    """A disagreement as it stands on `as_of`. Its `id` is its first event's."""

    id: str
    steps: tuple[Step, ...]
    disputed: DisagreementRecord | None
    stage: str
    status: Status
    stage_reached_on: dt.date
    due: dt.date | None  # when it must be resolved or escalated; None once resolved
    overdue: bool
    working_days_at_stage: int

    @property
    def raised(self) -> Step:
        return self.steps[0]

    @property
    def raised_by(self) -> str:
        return self.raised.org

    @property
    def against(self) -> str:
        """The organisation whose decision is disputed: as the raising event says, else the decision's own."""
        given = next((str(s.record.details["against"]) for s in self.steps if s.record.details.get("against")), "")
        return given or (self.disputed.org if self.disputed is not None else "")

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(code for code in (self.raised_by, self.against) if code)

    @property
    def subject(self) -> str:
        return next((str(s.record.details["subject"]) for s in self.steps if s.record.details.get("subject")), "")

    @property
    def about(self) -> str:
        return str(self.raised.record.details.get("about", ""))

    @property
    def is_open(self) -> bool:
        return self.status is not Status.RESOLVED

    @property
    def next_stage(self) -> str | None:
        """The stage it would be escalated to; None when resolved or at the last stage already."""
        if not self.is_open or self.stage not in STAGES[:-1]:
            return None
        return STAGES[STAGES.index(self.stage) + 1]

    @property
    def outcome(self) -> str:
        last = self.steps[-1].record.details
        return str(last.get("outcome", "")) if self.status is Status.RESOLVED else ""

    @property
    def resolved_on(self) -> dt.date | None:
        return self.steps[-1].on if self.status is Status.RESOLVED else None

    @property
    def latest(self) -> DisagreementRecord:
        return self.steps[-1].record


def _ordered(records: Iterable[DisagreementRecord]) -> list[DisagreementRecord]:
    return sorted(records, key=lambda r: (r.occurred_on, r.recorded_at))


def _root(record: DisagreementRecord, by_id: Mapping[str, DisagreementRecord]) -> str:
    """What a disagreement is about: the decision disputed, reached through any earlier disagreement it follows
    (T10's `_root`, on the same records)."""
    seen = {record.id}
    while record.ref:
        earlier = by_id.get(record.ref)
        if earlier is None or earlier.type != "disagreement" or earlier.id in seen:
            return f"ref:{record.ref}"
        seen.add(earlier.id)
        record = earlier
    return f"own:{record.org}:{record.details.get('about') or record.id}"


def chains(records: Sequence[DisagreementRecord]) -> list[list[DisagreementRecord]]:
    """The child's disagreements, each its events oldest first, in the order they were raised."""
    by_id = {record.id: record for record in records}
    grouped: dict[str, list[DisagreementRecord]] = defaultdict(list)
    for record in _ordered(r for r in records if r.type == "disagreement"):
        grouped[_root(record, by_id)].append(record)
    return list(grouped.values())


def _stage_reached(chain: Sequence[DisagreementRecord]) -> DisagreementRecord:
    """The first event of the run at the stage the disagreement is at now (T10's clock)."""
    stage = chain[-1].stage
    first = chain[-1]
    for record in reversed(chain):
        if record.stage != stage:
            break
        first = record
    return first


def _disputed(
    chain: Sequence[DisagreementRecord], by_id: Mapping[str, DisagreementRecord]
) -> DisagreementRecord | None:
    found = (by_id.get(record.ref) for record in chain if record.ref)
    return next((r for r in found if r is not None and r.type != "disagreement"), None)


def fold(
    chain: Sequence[DisagreementRecord],
    by_id: Mapping[str, DisagreementRecord],
    *,
    calendar: WorkingCalendar,
    working_days_at_stage: int,
    as_of: dt.date,
) -> Disagreement:
    """One chain (oldest first, as `chains` gives it) as a Disagreement on `as_of`."""
    latest = chain[-1]
    status = Status(latest.status) if latest.status in Status._value2member_map_ else Status.RAISED
    reached = _stage_reached(chain)
    due = None if status is Status.RESOLVED else calendar.add(reached.occurred_on, working_days_at_stage)
    return Disagreement(
        id=chain[0].id,
        steps=tuple(Step(record) for record in chain),
        disputed=_disputed(chain, by_id),
        stage=latest.stage,
        status=status,
        stage_reached_on=reached.occurred_on,
        due=due,
        overdue=due is not None and as_of > due,
        working_days_at_stage=working_days_at_stage,
    )


def disagreements_of(
    records: Sequence[DisagreementRecord],
    *,
    calendar: WorkingCalendar,
    working_days_at_stage: int,
    as_of: dt.date,
) -> list[Disagreement]:
    """Every disagreement of one child, from its disagreement events and the decisions they refer to."""
    by_id = {record.id: record for record in records}
    return [
        fold(chain, by_id, calendar=calendar, working_days_at_stage=working_days_at_stage, as_of=as_of)
        for chain in chains(records)
    ]


def escalation_refusal(disagreement: Disagreement) -> str:
    """Why it may not be escalated now, or "" when it may."""
    if not disagreement.is_open:
        return "This disagreement has been resolved: record a new one if the concern remains"
    if disagreement.next_stage is None:
        return "This disagreement is at partnership stage, the last of the escalation procedure: record its outcome"
    return ""


def resolution_refusal(disagreement: Disagreement) -> str:
    """Why its outcome may not be recorded now, or "" when it may."""
    return "" if disagreement.is_open else "The outcome of this disagreement has been recorded already"
