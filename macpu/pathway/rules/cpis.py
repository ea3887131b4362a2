"""The CP-IS data set (R31, R32): the rows a local authority uploads to Child Protection - Information Sharing.

CP-IS (NHS England, brief section 5) holds, for each child on a child protection plan (CPP), each
unborn child on an unborn child protection plan (UCPP, held under the mother's NHS number) and each
looked-after child (LAC: a care order s31, an interim care order s38, or accommodation under s20):
the NHS number, the plan's type, start date and end date, and the responsible local authority's
name, office-hours number and emergency duty (out-of-hours) number. Every record is keyed on the NHS
number, so a plan without a verified one cannot be sent: its row is held back and the child flagged.

Pure: the selectors give each child's facts, plan history and the authorities that started its plans.
"""

import csv
import datetime as dt
import io
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from macpu.pathway.rules.plans import CPIS_PLAN_TYPES, PlanHistory, PlanPeriod

CPIS_PLAN_CODES: dict[str, str] = {
    "child_protection": "CPP",
    "unborn_child_protection": "UCPP",
    "looked_after": "LAC",
}
CPIS_PLAN_LABELS: dict[str, str] = {
    "CPP": "Child protection plan",
    "UCPP": "Unborn child protection plan",
    "LAC": "Looked after",
}
# Looked-after children CP-IS carries; a looked-after plan whose legal status is not given is sent too.
CPIS_LEGAL_STATUSES: frozenset[str] = frozenset({"s31", "s38", "s20"})

PLAN_WORDS: dict[str, str] = {
    "child_protection": "on a child protection plan",
    "unborn_child_protection": "on an unborn child protection plan",
    "looked_after": "looked after",
}

CSV_HEADER: tuple[str, ...] = (
    "nhs_number",
    "plan_type",
    "start_date",
    "end_date",
    "responsible_authority",
    "office_hours_phone",
    "out_of_hours_phone",
    "mother_nhs_number",
    "expected_date",
)


# A value starting with one of these would be run as a formula if the file were opened in a spreadsheet.
_FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def _as_text(value: str, starts: frozenset[str]) -> str:
    """Free text a spreadsheet would run as a formula is written as text (CSV injection); "+44" stays a number."""
    return f"'{value}" if value[:1] in starts else value


@dataclass(frozen=True)
class ResponsibleAuthority:
    """The organisation that recorded a plan's start, as its organisation record gives it."""

    code: str
    name: str
    office_hours_phone: str
    out_of_hours_phone: str
    is_childrens_social_care: bool = True


@dataclass(frozen=True)
class CpisChild:
    """What CP-IS needs to know of a child: verified NHS numbers only (None when there is none in force).

    An unborn child is filed under the mother's NHS number, with the expected date of delivery.
    """

    reference: str
    nhs_number: str | None
    is_unborn: bool = False
    expected_date: dt.date | None = None
    mother_nhs_number: str | None = None


@dataclass(frozen=True)
class CpisProblem:
    child_reference: str
    message: str


@dataclass(frozen=True)
class CpisRow:
    """One plan as CP-IS holds it. `start_record` is the event that started it (macpu's own key, not sent)."""

    child_reference: str
    start_record: str
    plan_type: str
    nhs_number: str
    started_on: dt.date
    ended_on: dt.date | None
    authority_name: str
    office_hours_phone: str
    out_of_hours_phone: str
    mother_nhs_number: str = ""
    expected_date: dt.date | None = None

    @property
    def plan_label(self) -> str:
        return CPIS_PLAN_LABELS[self.plan_type]

    @property
    def sendable(self) -> bool:
        """Whether CP-IS could file it: the child's NHS number, or for an unborn plan the mother's."""
        return bool(self.mother_nhs_number if self.plan_type == "UCPP" else self.nhs_number)

    def csv_fields(self) -> tuple[str, ...]:
        return (
            self.nhs_number,
            self.plan_type,
            self.started_on.isoformat(),
            self.ended_on.isoformat() if self.ended_on else "",
            _as_text(self.authority_name, _FORMULA_STARTS),
            _as_text(self.office_hours_phone, _FORMULA_STARTS - {"+"}),
            _as_text(self.out_of_hours_phone, _FORMULA_STARTS - {"+"}),
            self.mother_nhs_number,
            self.expected_date.isoformat() if self.expected_date else "",
        )


@dataclass(frozen=True)
class CpisChildRows:
    rows: tuple[CpisRow, ...]
    problems: tuple[CpisProblem, ...]


def is_cpis_plan(period: PlanPeriod) -> bool:
    """A plan CP-IS carries: CPP, UCPP, or looked after under s31, s38 or s20 (or no legal status given)."""
    if period.plan_type not in CPIS_PLAN_TYPES:
        return False
    return period.plan_type != "looked_after" or period.legal_status in CPIS_LEGAL_STATUSES | {""}


def open_cpis_periods(history: PlanHistory) -> tuple[PlanPeriod, ...]:
    """The plans to send in a first extract: every open CP-IS plan."""
    return tuple(period for period in history.open_plans() if is_cpis_plan(period))


def changed_cpis_periods(
    history: PlanHistory, changed: Collection[str], held_back: Collection[str] = ()
) -> tuple[PlanPeriod, ...]:
    """The CP-IS plans whose start or end is among the `changed` events, and those held back before (by start)."""
    return tuple(
        period
        for period in history.periods
        if is_cpis_plan(period)
        and (period.start_record in changed or period.end_record in changed or period.start_record in held_back)
    )


def cpis_rows(
    *, child: CpisChild, periods: Iterable[PlanPeriod], authorities: Mapping[str, ResponsibleAuthority]
) -> CpisChildRows:
    """The CP-IS rows of one child's `periods`, and what is wrong with them.

    `authorities` maps each plan's start event to the organisation that recorded it. A row without the
    NHS number it is filed under is still returned (not `sendable`), so that it can be held back.
    """
    rows: list[CpisRow] = []
    problems: list[CpisProblem] = []
    for period in periods:
        authority = authorities.get(period.start_record)
        rows.append(_row(child, period, authority))
        problems.extend(CpisProblem(child.reference, message) for message in _row_problems(child, period, authority))
    return CpisChildRows(tuple(rows), tuple(problems))


def _row(child: CpisChild, period: PlanPeriod, authority: ResponsibleAuthority | None) -> CpisRow:
    unborn_plan = period.plan_type == "unborn_child_protection"
    return CpisRow(
        child_reference=child.reference,
        start_record=period.start_record,
        plan_type=CPIS_PLAN_CODES[period.plan_type],
        nhs_number=child.nhs_number or "",
        started_on=period.started_on,
        ended_on=period.ended_on,
        authority_name=authority.name if authority else "",
        office_hours_phone=authority.office_hours_phone if authority else "",
        out_of_hours_phone=authority.out_of_hours_phone if authority else "",
        mother_nhs_number=(child.mother_nhs_number or "") if unborn_plan else "",
        expected_date=child.expected_date if unborn_plan else None,
    )


def _row_problems(child: CpisChild, period: PlanPeriod, authority: ResponsibleAuthority | None) -> list[str]:
    problems = list(_identity_problems(child, period))
    if authority is None:
        return [*problems, f"{_plan_words(period)}: the organisation that started the plan is not known"]
    if not authority.is_childrens_social_care:
        problems.append(
            f"{_plan_words(period)}: the plan was started by {authority.name}, not a children's social care service"
        )
    if not authority.office_hours_phone:
        problems.append(f"{authority.name} has no office-hours phone number in its organisation record")
    if not authority.out_of_hours_phone:
        problems.append(f"{authority.name} has no out-of-hours phone number in its organisation record")
    return problems


def _plan_words(period: PlanPeriod) -> str:
    words = PLAN_WORDS[period.plan_type].capitalize()
    return f"{words} from {period.started_on.isoformat()}"


def _identity_problems(child: CpisChild, period: PlanPeriod) -> list[str]:
    """What keeps CP-IS from filing the plan, or the plan from being right (R31, R32)."""
    words = PLAN_WORDS[period.plan_type]
    if period.plan_type != "unborn_child_protection":
        return [] if child.nhs_number else [f"{words.capitalize()} without a verified NHS number"]
    problems = []
    if not child.mother_nhs_number:
        problems.append(f"{words.capitalize()}, and the mother has no verified NHS number")
    if child.is_unborn and child.expected_date is None:
        problems.append(f"{words.capitalize()} without an expected date of delivery")
    if not child.is_unborn and period.is_open:
        problems.append(
            "Born while on an unborn child protection plan: record the baby's NHS number, "
            "end the unborn plan and start the baby's own plan"
        )
    return problems


def child_flags(child: CpisChild, history: PlanHistory) -> tuple[CpisProblem, ...]:
    """Why a child on an open CP-IS plan cannot be sent as they are (no verified NHS number, a birth)."""
    return tuple(
        CpisProblem(child.reference, message)
        for period in open_cpis_periods(history)
        for message in _identity_problems(child, period)
    )


def unmatched_end_problems(
    reference: str, history: PlanHistory, changed: Collection[str] | None = None
) -> tuple[CpisProblem, ...]:
    """A CP-IS plan end that ends no open plan of its type: there is no start date to send."""
    return tuple(
        CpisProblem(
            reference,
            f"A plan end on {end.occurred_on.isoformat()} ({CPIS_PLAN_CODES[plan_type]}) matches no open plan: "
            "nothing can be sent for it",
        )
        for end in history.unmatched_ends
        if (plan_type := str(end.details.get("plan_type", ""))) in CPIS_PLAN_TYPES
        and (changed is None or end.id in changed)
    )


def csv_text(rows: Iterable[CpisRow]) -> str:
    """The file: a header line, then each row in the order given (CRLF line ends, as RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(row.csv_fields() for row in rows)
    return buffer.getvalue()
