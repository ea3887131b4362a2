"""The retention schedule as pure rules: which kind of record a child's record is, when it is due for disposal,
and whether it may go on a given day. A child's record is disposed of as a whole (ADR 0014).

The defaults are macpu's, to be set by each deployer with its data protection officer: docs/retention.md gives
the reasoning and the sources behind each one.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class RecordType(StrEnum):
    CHILD_PROTECTION = "child_protection"
    CHILD_CONCERN = "child_concern"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RecordType.CHILD_PROTECTION: "Child protection record (a strategy discussion, section 47 enquiry, conference "
    "or child protection plan)",
    RecordType.CHILD_CONCERN: "Child's record of concerns, referrals and services, without child protection steps",
}

# Event types that make a child's record a child protection record (docs/feed.md).
CHILD_PROTECTION_EVENT_TYPES = frozenset(
    {
        "strategy_discussion",
        "section_47_outcome",
        "conference",
        "conference_report",
        "core_group",
        "plan_started",
        "plan_ended",
    }
)

MAX_AGE = 120
MAX_YEARS_AFTER = 100


@dataclass(frozen=True)
class Period:
    """Keep the record until the child's `until_age` birthday and for `years_after_last` years after the last
    thing recorded, whichever is later."""

    until_age: int
    years_after_last: int

    def problems(self) -> dict[str, str]:
        found = {}
        if not 18 <= self.until_age <= MAX_AGE:
            found["until_age"] = f"Enter an age from 18 to {MAX_AGE}"
        if not 0 <= self.years_after_last <= MAX_YEARS_AFTER:
            found["years_after_last"] = f"Enter a number of years from 0 to {MAX_YEARS_AFTER}"
        return found


DEFAULT_PERIODS: dict[RecordType, Period] = {
    # Regulation 50 of the Care Planning, Placement and Case Review (England) Regulations 2010 keeps a looked-after
    # child's record to their 75th birthday, and IICSA (2022) recommended 75 years for records of child sexual
    # abuse; macpu cannot tell either from its events, so the longer period is its default.
    RecordType.CHILD_PROTECTION: Period(until_age=75, years_after_last=6),
    # Majority plus the Limitation Act 1980's periods, with a margin: local authorities' "DOB+25".
    RecordType.CHILD_CONCERN: Period(until_age=25, years_after_last=6),
}


@dataclass(frozen=True)
class ChildFacts:
    """What the schedule needs to know of one child's record. `born` is the date of birth, or the expected date
    for an unborn child; `last_recorded` is the latest day anything about the child was recorded or happened."""

    born: dt.date | None
    last_recorded: dt.date
    event_types: frozenset[str]


@dataclass(frozen=True)
class Hold:
    starts_on: dt.date
    ends_on: dt.date | None  # open-ended until released

    def in_force(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


class Verdict(StrEnum):
    DUE = "due"
    HELD = "held"  # due, but a legal hold stops its disposal
    KEPT = "kept"  # within its retention period
    NO_BIRTH_DATE = "no_birth_date"  # the period cannot be worked out: kept, and shown for review


@dataclass(frozen=True)
class Decision:
    record_type: RecordType
    verdict: Verdict
    due_on: dt.date | None


def record_type_of(facts: ChildFacts) -> RecordType:
    if facts.event_types & CHILD_PROTECTION_EVENT_TYPES:
        return RecordType.CHILD_PROTECTION
    return RecordType.CHILD_CONCERN


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year (still on the safe side of a
    birthday: the record is kept through the whole of the day before the 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_on(facts: ChildFacts, periods: Iterable[Period]) -> dt.date | None:
    """The first day the record may go under the longest of the periods given (one per area that has a say in the
    child), or None when it cannot be known (no date of birth)."""
    if facts.born is None:
        return None
    days = [
        max(add_years(facts.born, period.until_age), add_years(facts.last_recorded, period.years_after_last))
        for period in periods
    ]
    return max(days) if days else None


def decide(facts: ChildFacts, periods: dict[RecordType, list[Period]], holds: Iterable[Hold], on: dt.date) -> Decision:
    """Whether the child's record may be disposed of on the day: due under its schedule, and no hold in force."""
    record_type = record_type_of(facts)
    due = due_on(facts, periods.get(record_type) or [DEFAULT_PERIODS[record_type]])
    if due is None:
        return Decision(record_type, Verdict.NO_BIRTH_DATE, None)
    if on < due:
        return Decision(record_type, Verdict.KEPT, due)
    if any(hold.in_force(on) for hold in holds):
        return Decision(record_type, Verdict.HELD, due)
    return Decision(record_type, Verdict.DUE, due)
