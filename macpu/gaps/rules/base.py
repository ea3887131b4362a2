"""What every gap rule is given and gives back: the facts of one child as at a day, and findings for a human.

A rule (one module each, T1 to T16 of the brief's section 6) is pure: `evaluate(facts, thresholds)`
returns the findings whose condition holds as at `facts.as_of`, each with the records that show it and
a plain-English explanation. Rules never change anything (R50); the engine (`services.py`) stores,
notifies and reconciles findings.
"""

import datetime as dt
import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

from macpu.core.dates import in_words
from macpu.pathway.rules.case import Case
from macpu.workingdays.rules.working_days import WorkingCalendar


class Whose(StrEnum):
    """Whose record it is, as the rules weigh it."""

    CHILD = "child"
    SIBLING = "sibling"  # a brother or sister (T3 counts siblings' referrals)
    DUPLICATE = "duplicate"  # a record flagged as probably this child, not yet resolved (T16)


@dataclass(frozen=True)
class Mention:
    """A person an event names besides the child, with their role in it."""

    person_id: str
    role: str
    name: str = ""


@dataclass(frozen=True)
class GapRecord:
    """One active event as the rules read it: who recorded it, what, when, and about whom."""

    id: str
    org: str
    org_name: str
    sector: str
    record_id: str
    type: str
    occurred_on: dt.date
    recorded_at: dt.datetime
    details: Mapping[str, Any] = field(default_factory=dict)
    safeguarding_relevant: bool = False
    people: tuple[Mention, ...] = ()
    ref: str | None = None
    whose: Whose = Whose.CHILD
    subject_name: str = ""  # the name on a sibling's or a probable duplicate's record, to say whose it is
    # Who may read its content: a rule weighs every record, but an explanation quotes only a standard one's content
    # (the people told may not read a sealed refuge address or police intelligence).
    sensitivity: str = "standard"

    @property
    def on(self) -> str:
        return in_words(self.occurred_on)

    @property
    def by(self) -> str:
        """Who recorded it, and whose record it is when not the child's own."""
        if self.whose is Whose.DUPLICATE:
            return f"{self.org_name} (the record of '{self.subject_name}', if that is this child)"
        if self.whose is Whose.SIBLING:
            return f"{self.org_name} (about {self.subject_name}, a sibling)"
        return self.org_name


@dataclass(frozen=True)
class HouseholdAdult:
    """An adult some agency records as living with the child (or as a parent's partner), from when, and who said so."""

    person_id: str
    name: str
    relationship: str
    since: dt.date | None
    until: dt.date | None
    recorded_by: tuple[str, ...]  # organisation codes
    known_to_social_care: bool
    checked: bool  # police or agency checks recorded

    def present_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


@dataclass(frozen=True)
class Registered:
    """An organisation as the register knows it: what the rules need to name it and tell its agency."""

    name: str
    sector: str


@dataclass(frozen=True)
class ChildFacts:
    """Everything the rules may weigh about one child, as at `as_of`: only what had occurred by then."""

    child_id: str
    born: dt.date | None
    as_of: dt.date
    calendar: WorkingCalendar
    records: tuple[GapRecord, ...]  # the child's, siblings' and probable duplicates', oldest first
    case: Case
    household: tuple[HouseholdAdult, ...] = ()
    gp_org: str = ""  # the child's registered GP practice, when known
    # Every registered organisation by code: an agency that recorded nothing about the child is still known.
    organisations: Mapping[str, Registered] = field(default_factory=dict)

    def own(self, *types: str) -> list[GapRecord]:
        """The child's own records of these types (all types when none given), probable duplicates included."""
        return [r for r in self.records if r.whose is not Whose.SIBLING and (not types or r.type in types)]

    def of_type(self, *types: str) -> list[GapRecord]:
        return [r for r in self.records if r.type in types]

    def age_on(self, day: dt.date) -> int | None:
        if self.born is None:
            return None
        return day.year - self.born.year - ((day.month, day.day) < (self.born.month, self.born.day))

    def record(self, record_id: str) -> GapRecord | None:
        return self._by_id.get(record_id)

    @cached_property
    def _by_id(self) -> dict[str, GapRecord]:
        """The records by id, the first of each: rules look a record up by id many times a child."""
        found: dict[str, GapRecord] = {}
        for record in self.records:
            found.setdefault(record.id, record)
        return found


class Recipient(StrEnum):
    """Who a finding goes to, as the brief's 'Alert to' column names them; the engine finds the people."""

    LEAD_PRACTITIONER = "lead_practitioner"
    LEAD_PRACTITIONER_MANAGER = "lead_practitioner_manager"
    DUTY_MANAGER = "duty_manager"  # children's social care team managers
    MACPU = "macpu"  # the MACPU's members
    MACPU_POLICE = "macpu_police"  # the MACPU's police member
    RECORDING_SAFEGUARDING_LEAD = "recording_safeguarding_lead"  # the safeguarding lead of an evidence's organisation
    GP = "gp"  # the child's GP practice's safeguarding lead
    CONFERENCE_CHAIR = "conference_chair"
    DATA_QUALITY = "data_quality"
    # The children's services front door of the authority an evidence's `address_change` names (T13: a child with
    # an open enquiry or plan has moved there).
    RECEIVING_LA = "receiving_la"


@dataclass(frozen=True)
class Finding:
    """A flag for a human: the rule, the records that show it, when it arose, what it means and who is told."""

    rule: str
    rule_version: int
    arose_on: dt.date
    evidence: tuple[GapRecord, ...]
    explanation: str
    recipients: tuple[Recipient, ...]

    @property
    def key(self) -> str:
        """The same evidence gives the same key: a finding acted on does not fire again for it (R34-R49)."""
        ids = ",".join(sorted(record.id for record in self.evidence))
        return hashlib.sha256(f"{self.rule}:{ids}".encode()).hexdigest()


class Unit(StrEnum):
    """What a threshold counts, and so the values an area may set it to."""

    DAYS = "days"
    WORKING_DAYS = "working days"
    MONTHS = "calendar months"
    YEARS = "years"  # a child's age
    COUNT = "count"
    POINTS = "points"
    PERCENT = "%"
    SWITCH = "switch"  # 1 on, 0 off
    LA_CODE = "local authority code"  # a 3-digit DfE number, or 0 for the area's own


# The least and most a whole-number threshold of each unit may be: enough for any area's policy, and short of what
# the rules' date arithmetic cannot take (a date before year 1, a count of working days that runs for ever).
_RANGES = {
    Unit.DAYS: (1, 3650),
    Unit.WORKING_DAYS: (1, 2500),
    Unit.MONTHS: (1, 120),
    Unit.YEARS: (1, 17),
    Unit.COUNT: (1, 999),
    Unit.POINTS: (1, 999),
    Unit.PERCENT: (1, 100),
    Unit.SWITCH: (0, 1),
    Unit.LA_CODE: (100, 999),
}


@dataclass(frozen=True)
class Threshold:
    """A number a rule compares with, its default from the brief (or macpu's, justified in docs/gap-rules.md), and
    what it counts. Every threshold is a whole number within its unit's range."""

    name: str
    default: int
    description: str
    unit: Unit = Unit.COUNT

    def allows(self, value: float) -> bool:
        least, most = _RANGES[self.unit]
        if self.unit is Unit.LA_CODE and value == 0:
            return True
        return math.isfinite(value) and value.is_integer() and least <= value <= most

    @property
    def allowed(self) -> str:
        """What an area may set it to, as the settings page's hint and error say: 'a whole number of days from 1
        to 3,650'."""
        least, most = _RANGES[self.unit]
        if self.unit is Unit.SWITCH:
            return "1 to switch it on or 0 to switch it off"
        if self.unit is Unit.LA_CODE:
            return "a 3-digit local authority number, or 0 for the area's own"
        of = "" if self.unit in (Unit.COUNT, Unit.PERCENT) else f" of {self.unit.value}"
        return f"a whole number{of} from {least:,} to {most:,}"

    @property
    def problem(self) -> str:
        return f"{self.description}: enter {self.allowed}"

    def amount(self, value: float) -> str:
        """A value as people read it: '90 days', '1 working day', '90%', '1 (on)', '2'."""
        shown = f"{value:g}"
        if self.unit is Unit.SWITCH:
            return f"{shown} ({'on' if value else 'off'})"
        if self.unit is Unit.PERCENT:
            return f"{shown}%"
        if self.unit in (Unit.COUNT, Unit.LA_CODE):
            return shown
        return f"{shown} {self.unit.value.removesuffix('s') if value == 1 else self.unit.value}"


Thresholds = Mapping[str, int | float]


class Rule(Protocol):
    """A rule module's `RULE`: its id (T1 to T16), name, version, the evidence it rests on, its thresholds."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def thresholds(self) -> Sequence[Threshold]: ...

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]: ...


def defaults(rule: Rule) -> dict[str, int | float]:
    return {threshold.name: threshold.default for threshold in rule.thresholds}


def listed(records: Sequence[GapRecord], describe: Any = None) -> str:
    """'3 March by Northbridge Police, 2 July by Riverside Practice': each record's day and who recorded it."""
    return ", ".join(f"{r.on} by {r.by}" if describe is None else describe(r) for r in records)
