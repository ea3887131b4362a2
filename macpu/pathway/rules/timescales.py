"""The default timescales of the child protection pathway, as data, and the due date of each.

Each timescale says what starts its clock, how long it runs, and where that length
comes from (the research brief's section 2.1 table and requirements, with the
brief's own source tags). Some are national (Working Together to Safeguard Children
2023, "WT2023"); others are conventions of English local procedures that the brief
could not find in WT2023, and are marked so (`Basis.LOCAL_PROCEDURE`).

An area's own value will come from configuration later: `due_date` takes it as
`override`, a `Length` only, so the default's source text stays with the default
and the local value's source stays with the local configuration.

Working days never count the day the clock starts (R56, `WorkingCalendar.add`);
calendar months clamp to the end of a shorter month (R22, `add_months`).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from macpu.pathway.rules.calendar_months import add_months
from macpu.workingdays.rules.working_days import WorkingCalendar


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_MONTHS = "calendar_months"
    WEEKS = "weeks"


class Basis(StrEnum):
    """How far the length binds: national guidance, or a local convention used as the default."""

    WORKING_TOGETHER = "working_together_2023"
    LOCAL_PROCEDURE = "local_procedure"


class TimescaleCode(StrEnum):
    REFERRAL_DECISION = "referral_decision"
    REFERRER_FEEDBACK = "referrer_feedback"
    STRATEGY_DISCUSSION = "strategy_discussion"
    STRATEGY_DISCUSSION_IMMEDIATE_RISK = "strategy_discussion_immediate_risk"
    STRATEGY_RECORD_DISTRIBUTION = "strategy_record_distribution"
    ASSESSMENT = "assessment"
    INITIAL_CONFERENCE = "initial_conference"
    FIRST_CORE_GROUP = "first_core_group"
    FIRST_REVIEW_CONFERENCE = "first_review_conference"
    LATER_REVIEW_CONFERENCE = "later_review_conference"
    TRANSFER_IN_CONFERENCE = "transfer_in_conference"
    VISIT = "visit"


@dataclass(frozen=True)
class Length:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"a timescale's length must be 0 or more, not {self.amount}")

    def __str__(self) -> str:
        unit = self.unit.value.replace("_", " ")
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"  # 1 working day, 3 calendar months


@dataclass(frozen=True)
class Timescale:
    code: TimescaleCode
    runs_from: str
    length: Length
    basis: Basis
    source: str
    # Working days before the due date at which the requirements ask for a warning, where they name one.
    warn_within_working_days: int | None = None
    note: str = ""


def _timescale(
    code: TimescaleCode,
    runs_from: str,
    length: Length,
    basis: Basis,
    source: str,
    *,
    warn_within_working_days: int | None = None,
    note: str = "",
) -> tuple[TimescaleCode, Timescale]:
    return code, Timescale(code, runs_from, length, basis, source, warn_within_working_days, note)


def _working_days(amount: int) -> Length:
    return Length(amount, Unit.WORKING_DAYS)


def _months(amount: int) -> Length:
    return Length(amount, Unit.CALENDAR_MONTHS)


_WT = Basis.WORKING_TOGETHER
_LOCAL = Basis.LOCAL_PROCEDURE

DEFAULT_TIMESCALES: Mapping[TimescaleCode, Timescale] = MappingProxyType(
    dict(
        [
            _timescale(
                TimescaleCode.REFERRAL_DECISION,
                "the referral, when it is received",
                _working_days(1),
                _WT,
                "WT2023: acknowledge receipt to the referrer and decide the type of response within 1 working day "
                "(brief 2.1 [Millbrook-KCSIE][Sussex-Referral][TeesWT2013]; R12)",
            ),
            _timescale(
                TimescaleCode.REFERRER_FEEDBACK,
                "the decision on the referral",
                _working_days(1),
                _LOCAL,
                "A professional referrer is told the outcome within 1 working day of the decision "
                "(brief 2.5 [NSCB-Ack][Millbrook-KCSIE]; R13, T9)",
                note="Some partnerships require the outcome within 24 hours of the referral itself.",
            ),
            _timescale(
                TimescaleCode.STRATEGY_DISCUSSION,
                "the decision to hold a strategy discussion (threshold met)",
                _working_days(1),
                _LOCAL,
                "Local procedures: within 24 hours of the decision to hold one "
                "(brief 2.1 [Bucks-Strategy][Tees-Strategy][Wirral-Strategy]; R18)",
                note="WT2023 sets no national deadline for a strategy discussion (brief 2.1, open question 3); "
                "this is a local target, not a statutory one.",
            ),
            _timescale(
                TimescaleCode.STRATEGY_DISCUSSION_IMMEDIATE_RISK,
                "the decision to hold a strategy discussion when the child is at immediate risk",
                _working_days(0),
                _LOCAL,
                "Local procedures: the same day for immediate risk "
                "(brief 2.1 [Bucks-Strategy][Tees-Strategy][Wirral-Strategy]; R18)",
                note="WT2023 sets no national deadline for a strategy discussion; 0 working days is the same day.",
            ),
            _timescale(
                TimescaleCode.STRATEGY_RECORD_DISTRIBUTION,
                "the strategy discussion",
                _working_days(1),
                _LOCAL,
                "Local standard: the record is distributed to attendees and involved agencies (R17)",
            ),
            _timescale(
                TimescaleCode.ASSESSMENT,
                "the referral",
                _working_days(45),
                _WT,
                "WT2023: a child and family assessment takes no longer than 45 working days from the point of "
                "referral; reasons are recorded if exceeded (brief 2.1 [PO-Glossary][TriX-Assessment]; R20)",
            ),
            _timescale(
                TimescaleCode.INITIAL_CONFERENCE,
                "the latest strategy discussion of the section 47 enquiry",
                _working_days(15),
                _WT,
                "WT2023: within 15 working days of the strategy discussion at which section 47 enquiries were "
                "initiated, or of the last one if more than one (brief 2.1 [ERSCP][IoM-ICPC][Lincs-Strategy]"
                "[BSCB-s47]; R19)",
                warn_within_working_days=3,
            ),
            _timescale(
                TimescaleCode.FIRST_CORE_GROUP,
                "the initial child protection conference",
                _working_days(10),
                _LOCAL,
                "Local procedures: within 10 working days of the initial conference "
                "(brief 2.1 [Sefton-Core][Medway-Core]; R21)",
                note="Not verified in WT2023 itself (brief open question 2).",
            ),
            _timescale(
                TimescaleCode.FIRST_REVIEW_CONFERENCE,
                "the initial child protection conference",
                _months(3),
                _WT,
                "WT2023: the first review conference within 3 months of the initial conference "
                "(brief 2.1 [Sussex-Review][SC-Review][Tees-Review]; R22)",
                warn_within_working_days=10,
            ),
            _timescale(
                TimescaleCode.LATER_REVIEW_CONFERENCE,
                "the previous review conference",
                _months(6),
                _WT,
                "WT2023: later reviews at intervals of not more than 6 months while the child has a plan "
                "(brief 2.1 [Sussex-Review][SC-Review]; R22)",
                warn_within_working_days=10,
            ),
            _timescale(
                TimescaleCode.TRANSFER_IN_CONFERENCE,
                "notification that a child with an open section 47 enquiry or plan has moved into the area",
                _working_days(15),
                _LOCAL,
                "Local convention: 15 working days from notification; the originating area stays responsible "
                "until it is held (brief 2.1 [Tees-Transfer][Norfolk-Transfer][Bolton-Transfer]; R54, T13)",
            ),
            _timescale(
                TimescaleCode.VISIT,
                "the last visit at which the child was seen",
                Length(3, Unit.WEEKS),
                _LOCAL,
                "Local procedures: the lead social worker sees a child on a plan at least every 3 or 4 weeks "
                "(brief 2.1 [Wirral-LSW][Sefton-LSW]; R24, T11)",
                # Of the two local intervals, the shorter errs towards seeing the child.
                note="Local only; macpu's default is the shorter of the two local intervals the brief found.",
            ),
        ]
    )
)


def due_date(
    timescale: Timescale, start: dt.date, calendar: WorkingCalendar, override: Length | None = None
) -> dt.date:
    """The day `timescale` (or the area's `override` of its length) runs out, counted from `start`.

    The step is on time if it happens on or before this day. A length in months or weeks
    may end on a weekend or holiday: the brief counts months as calendar months (R22) and
    does not move such a day, so neither does macpu.
    """
    length = override if override is not None else timescale.length
    if length.unit is Unit.WORKING_DAYS:
        return calendar.add(start, length.amount)
    if length.unit is Unit.CALENDAR_MONTHS:
        return add_months(start, length.amount)
    return start + dt.timedelta(weeks=length.amount)


def initial_conference_due(
    strategy_discussions: Iterable[dt.date], calendar: WorkingCalendar, override: Length | None = None
) -> dt.date:
    """The initial conference's due date: counted from the latest strategy discussion of the enquiry (R19)."""
    latest = max(strategy_discussions, default=None)
    if latest is None:
        raise ValueError("an initial conference is due only once a strategy discussion has been held")
    return due_date(DEFAULT_TIMESCALES[TimescaleCode.INITIAL_CONFERENCE], latest, calendar, override)
