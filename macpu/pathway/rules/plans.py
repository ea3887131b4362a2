"""A child's plans over time: child protection, child in need, looked after and unborn child protection.

A plan starts with `plan_started` and ends with `plan_ended` of the same plan type (which names the
start in `ref` when the source knows it; otherwise it ends the earliest open plan of that type). An
end with no open plan of its type is kept as a breach of the sequence, never dropped: a child's plan
history is what the source reported.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from macpu.pathway.rules.records import StepRecord, in_order

PLAN_TYPES: tuple[str, ...] = ("child_protection", "child_in_need", "looked_after", "unborn_child_protection")
# The plans CP-IS carries (brief section 5): a child in need plan is not one of them.
CPIS_PLAN_TYPES: frozenset[str] = frozenset({"child_protection", "looked_after", "unborn_child_protection"})


@dataclass(frozen=True)
class PlanPeriod:
    """One plan from its start to its end (None while it is open)."""

    plan_type: str
    started_on: dt.date
    start_record: str
    category: str = ""
    legal_status: str = ""
    ended_on: dt.date | None = None
    end_record: str | None = None
    step_down_to: str = ""

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def open_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


@dataclass(frozen=True)
class PlanHistory:
    periods: tuple[PlanPeriod, ...]
    unmatched_ends: tuple[StepRecord, ...]  # plan_ended with no open plan of its type

    def open_plans(self) -> tuple[PlanPeriod, ...]:
        return tuple(period for period in self.periods if period.is_open)

    def open_of(self, *plan_types: str) -> PlanPeriod | None:
        return next((period for period in self.open_plans() if period.plan_type in plan_types), None)


def plan_history(records: Iterable[StepRecord]) -> PlanHistory:
    periods: list[PlanPeriod] = []
    unmatched: list[StepRecord] = []
    for record in in_order([r for r in records if r.type in ("plan_started", "plan_ended")]):
        plan_type = str(record.details.get("plan_type", ""))
        if record.type == "plan_started":
            periods.append(
                PlanPeriod(
                    plan_type=plan_type,
                    started_on=record.occurred_on,
                    start_record=record.id,
                    category=str(record.details.get("category", "")),
                    legal_status=str(record.details.get("legal_status", "")),
                )
            )
            continue
        index = _open_period_ended_by(periods, record, plan_type)
        if index is None:
            unmatched.append(record)
            continue
        periods[index] = replace(
            periods[index],
            ended_on=record.occurred_on,
            end_record=record.id,
            step_down_to=str(record.details.get("step_down_to", "")),
        )
    return PlanHistory(tuple(periods), tuple(unmatched))


def _open_period_ended_by(periods: list[PlanPeriod], end: StepRecord, plan_type: str) -> int | None:
    open_of_type = [i for i, period in enumerate(periods) if period.is_open and period.plan_type == plan_type]
    named = [i for i in open_of_type if periods[i].start_record == end.ref]
    if named:
        return named[0]
    return open_of_type[0] if open_of_type else None
