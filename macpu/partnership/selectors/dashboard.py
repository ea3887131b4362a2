"""The partnership dashboard: the area's figures for a period, read from the pathway events and the gap findings,
counted and suppressed by the pure rules (`rules/dashboard.py`, `rules/suppression.py`). Aggregates only: no child
is named or identified, in what is returned or in the audit entry of the read."""

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.events.models import Event, EventStatus
from macpu.gaps.models import FindingStatus, GapFinding
from macpu.gaps.rules.registry import all_rules
from macpu.organisations.models import Area, Organisation
from macpu.partnership.rules import dashboard as sections
from macpu.partnership.rules.dashboard import (
    AnswerFact,
    FindingFact,
    PartFact,
    ReferralFact,
    Section,
)
from macpu.partnership.rules.participation import information_answers, meetings_participation
from macpu.partnership.rules.referrals import is_re_referral, referral_outcome, referral_source
from macpu.partnership.rules.suppression import Figure
from macpu.partnership.rules.timings import Timing, case_timings
from macpu.partnership.selectors.disagreements import disagreements_by_stage
from macpu.pathway.rules.case import Case, case_of
from macpu.pathway.rules.records import PATHWAY_TYPES
from macpu.pathway.selectors.case import area_lengths
from macpu.pathway.selectors.records import records_of_children
from macpu.pathway.selectors.tasks import LengthsByOpener
from macpu.workingdays.selectors import working_calendar

LONGEST_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class PartnershipDashboard:
    period: Period
    area: Area | None
    as_of: dt.date
    sections: tuple[Section, ...]

    @property
    def area_code(self) -> str | None:
        return self.area.la_code if self.area else None

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


def period_check(start: dt.date | None, end: dt.date | None) -> Period:
    """The period from `start` to `end`, or InvalidInput naming `from` or `to`."""
    errors: dict[str, list[str]] = {}
    if start is None:
        errors["from"] = ["Enter the first day of the period"]
    if end is None:
        errors["to"] = ["Enter the last day of the period"]
    if start is not None and end is not None:
        if end < start:
            errors["to"] = ["The last day must be the same as or after the first day"]
        elif (end - start).days > LONGEST_PERIOD_DAYS:
            errors["to"] = ["The period must be 3 years or shorter"]
    if errors or start is None or end is None:
        raise InvalidInput(errors)
    return Period(start, end)


def area_named(la_code: str) -> Area | None:
    """The area with DfE number `la_code` ("" for every area), or InvalidInput naming `area`."""
    if not la_code:
        return None
    area = Area.objects.filter(la_code=la_code).first()
    if area is None:
        raise InvalidInput({"area": [f"No area has the code {la_code!r}"]})
    return area


def areas() -> list[Area]:
    return list(Area.objects.order_by("name"))


def default_period(today: dt.date | None = None) -> Period:
    """The last 12 months to today."""
    today = today or clock.today()
    return Period(
        today.replace(year=today.year - 1) + dt.timedelta(days=1)
        if today.month != 2 or today.day != 29
        else dt.date(today.year - 1, 3, 1),
        today,
    )


@dataclass(frozen=True)
class _Register:
    sectors: dict[str, str]
    types: dict[str, str]
    names: dict[str, str]


def _register() -> _Register:
    rows = list(Organisation.objects.values_list("code", "sector", "type", "name"))
    return _Register({c: s for c, s, _, _ in rows}, {c: t for c, _, t, _ in rows}, {c: n for c, _, _, n in rows})


def _area_codes(area: Area | None) -> frozenset[str] | None:
    return None if area is None else frozenset(area.organisations.values_list("code", flat=True))


def _cases(period: Period, org_codes: Collection[str] | None) -> list[Case]:
    """The cases of every child with a pathway event in the period (recorded in the area), all their events read."""
    events = Event.objects.filter(
        status=EventStatus.ACTIVE, type__in=PATHWAY_TYPES, occurred_on__range=(period.start, period.end)
    )
    if org_codes is not None:
        events = events.filter(organisation__code__in=org_codes)
    child_ids: list[uuid.UUID] = list(events.values_list("child_id", flat=True).distinct())
    return [case_of(records) for records in records_of_children(child_ids).values()]


def _in(record_org: str, org_codes: Collection[str] | None) -> bool:
    return org_codes is None or record_org in org_codes


def _referral_facts(
    cases: list[Case], period: Period, org_codes: Collection[str] | None, register: _Register, as_of: dt.date
) -> list[ReferralFact]:
    facts = []
    for case in cases:
        days = [referral.record.occurred_on for referral in case.referrals]
        facts += [
            ReferralFact(
                referral_source(referral, register.sectors),
                referral_outcome(referral, as_of),
                is_re_referral(referral.record.occurred_on, days),
            )
            for referral in case.referrals
            if period.covers(referral.record.occurred_on) and _in(referral.record.org, org_codes)
        ]
    return facts


def _timings(
    cases: list[Case], period: Period, org_codes: Collection[str] | None, area: Area | None, as_of: dt.date
) -> list[Timing]:
    calendar, by_opener = working_calendar(), LengthsByOpener()
    lengths = area_lengths(area) if area is not None else None
    found = []
    for case in cases:
        in_area = not case.episodes or _in(case.episodes[-1].opened_by.org, org_codes)
        if in_area:
            timings = case_timings(case, calendar, lengths if lengths is not None else by_opener.of(case), as_of)
            found += [t for t in timings if period.covers(t.started_on)]
    return found


def _participation(
    cases: list[Case], period: Period, org_codes: Collection[str] | None, register: _Register
) -> tuple[list[PartFact], list[AnswerFact]]:
    calendar = working_calendar()
    parts, answers = [], []
    for case in cases:
        for meeting in meetings_participation(case):
            if period.covers(meeting.held_on) and _in(meeting.record.org, org_codes):
                parts += [PartFact(register.types.get(p.org, ""), meeting.kind, p) for p in meeting.organisations]
        answers += [
            AnswerFact(register.types.get(answer.org, ""), answer.working_days)
            for answer in information_answers(case, calendar)
            if period.covers(answer.answered_on) and _in(answer.org, org_codes) and answer.working_days is not None
        ]
    return parts, answers


_RESOLVED = (FindingStatus.ACTIONED, FindingStatus.NOT_APPLICABLE, FindingStatus.NO_LONGER_APPLIES)


def _finding_facts(period: Period, org_codes: Collection[str] | None, register: _Register) -> list[FindingFact]:
    names = {rule.id: rule.name for rule in all_rules()}
    facts = []
    rows = GapFinding.objects.filter(arose_on__range=(period.start, period.end)).values_list(
        "rule", "status", "evidence"
    )
    for rule, status, evidence in rows:
        orgs = tuple(sorted({str(item.get("org", "")) for item in evidence if isinstance(item, dict)}))
        if org_codes is not None and not set(orgs) & set(org_codes):
            continue
        state = (
            "resolved" if status in _RESOLVED else "acknowledged" if status == FindingStatus.ACKNOWLEDGED else "open"
        )
        facts.append(FindingFact(rule, names.get(rule, rule), state, tuple(register.names.get(o, o) for o in orgs)))
    return facts


def partnership_dashboard(
    *,
    actor: Actor,
    period: Period,
    area: Area | None,
    today: dt.date | None = None,
    audited_as: AuditAction = AuditAction.PARTNERSHIP_DASHBOARD_VIEWED,
) -> PartnershipDashboard:
    """Every section of the dashboard for `period` and `area` (None: every area), suppressed; the read is audited
    with the period and area only."""
    as_of = min(period.end, today or clock.today())
    org_codes = _area_codes(area)
    register = _register()
    with transaction.atomic():
        trail.record(
            actor=actor,
            action=audited_as,
            target_type="area",
            target_id=area.id if area else None,
            details={
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "area": area.la_code if area else "",
            },
        )
        cases = _cases(period, org_codes)
        referrals = _referral_facts(cases, period, org_codes, register, as_of)
        parts, answers = _participation(cases, period, org_codes, register)
        by_source = sections.referrals_section(referrals)
        referrals_total = by_source.tables[0].table.grand_total or Figure(None)
        built = (
            by_source,
            sections.re_referrals_section(referrals, referrals_total),
            sections.timeliness_section(_timings(cases, period, org_codes, area, as_of)),
            sections.participation_section(parts, answers),
            sections.gap_findings_section(
                _finding_facts(period, org_codes, register), [(rule.id, rule.name) for rule in all_rules()]
            ),
            sections.disagreements_section(disagreements_by_stage(area=area, start=period.start, end=period.end)),
        )
    return PartnershipDashboard(period, area, as_of, built)
