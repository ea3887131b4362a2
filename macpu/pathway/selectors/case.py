"""A child's pathway as a reader sees it: the case worked out from their events, what is due, and by when."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.selectors.timeline import visible_child
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.dates import in_words
from macpu.core.errors import NotFound
from macpu.events.models import Event
from macpu.events.rules.describe import event_title
from macpu.organisations.models import Area, Organisation
from macpu.organisations.selectors import area_of_organisation
from macpu.pathway.models import LocalTimescale
from macpu.pathway.rules.case import Allocation, Case, case_of
from macpu.pathway.rules.deadlines import Deadline
from macpu.pathway.rules.open_steps import OpenStep, open_steps
from macpu.pathway.rules.records import StepRecord
from macpu.pathway.rules.timescales import Length, TimescaleCode
from macpu.pathway.selectors.records import step_records
from macpu.people.models import Person
from macpu.workingdays.rules.working_days import WorkingCalendar
from macpu.workingdays.selectors import working_calendar

PLAN_NAMES = {
    "child_protection": "Child protection plan",
    "unborn_child_protection": "Unborn child protection plan",
    "child_in_need": "Child in need plan",
    "looked_after": "Looked after",
}
ALLOCATION_ROLES = {
    "lead_child_protection_practitioner": "lead child protection practitioner",
    "lead_practitioner": "lead practitioner",
    "key_worker": "key worker",
}


@dataclass(frozen=True)
class DueStep:
    """An open step as it stands today, with the name of the organisation it is due from."""

    step: OpenStep
    deadline: Deadline
    owner_name: str

    def as_dict(self) -> dict[str, object]:
        return {
            "step": self.step.kind,
            "title": self.step.title,
            "clock_started": self.step.clock_started.isoformat(),
            "due": self.step.due.isoformat(),
            "state": self.deadline.state.value,
            "working_days_left": self.deadline.working_days_left,
            "owner_org": self.step.owner_org,
            "owner_name": self.owner_name,
        }


@dataclass(frozen=True)
class HistoryRow:
    on: dt.date
    title: str
    recorded_by: str


@dataclass(frozen=True)
class ChildPathway:
    child: Person
    case: Case
    due: tuple[DueStep, ...]
    today: dt.date
    area: Area | None
    org_names: dict[str, str]

    @property
    def lead(self) -> Allocation | None:
        return self.case.lead_practitioner()

    @property
    def problems(self) -> list[str]:
        """What the child's record lacks that the pathway needs now (R23), shown to everyone who sees the pathway."""
        problems = []
        needs_lead = self.case.protection_plan() is not None or self.case.open_enquiry() is not None
        if needs_lead and self.lead is None:
            problems.append("No lead child protection practitioner is allocated for the enquiry or plan (R23).")
        unborn_plan = self.case.plans.open_of("unborn_child_protection")
        if unborn_plan is not None and not self.child.is_unborn:
            problems.append(
                "The baby has been born while the unborn child protection plan is open: record the baby's NHS number, "
                "and review the plan at a conference (R32)."
            )
        return problems

    def org_name(self, code: str) -> str:
        return self.org_names.get(code, code)

    @property
    def lead_label(self) -> str:
        lead = self.lead
        if lead is None:
            return ""
        return f"{lead.name}, {ALLOCATION_ROLES.get(lead.role, lead.role)}, {self.org_name(lead.org)}"

    @property
    def plan_rows(self) -> list[str]:
        rows = []
        for plan in reversed(self.case.plans.periods):
            until = in_words(plan.ended_on) if plan.ended_on else "now"
            name = PLAN_NAMES.get(plan.plan_type, plan.plan_type)
            rows.append(f"{name}: {in_words(plan.started_on)} to {until}")
        return rows

    @property
    def history(self) -> list[HistoryRow]:
        """Every step so far, newest first, as the chronology titles it."""
        return [
            HistoryRow(record.occurred_on, event_title(record.type, record.details), self.org_name(record.org))
            for record in reversed(self.case.records)
        ]

    @property
    def breaches(self) -> list[HistoryRow]:
        return [HistoryRow(b.record.occurred_on, b.message, self.org_name(b.record.org)) for b in self.case.breaches]


def area_lengths(area: Area | None) -> dict[TimescaleCode, Length]:
    """The area's own lengths, for every timescale it has set, in one query."""
    if area is None:
        return {}
    return {TimescaleCode(local.code): local.length for local in LocalTimescale.objects.filter(area=area)}


def responsible_area(case: Case) -> Area | None:
    """The area whose timescales the case runs to: that of the organisation that opened the case, else the
    deployment's only area. It does not depend on who is looking."""
    return area_of_opener(case.episodes[-1].opened_by.org if case.episodes else None)


def area_of_opener(opener: str | None) -> Area | None:
    return area_of_organisation(code=opener)


def due_steps(
    case: Case, today: dt.date, calendar: WorkingCalendar, lengths: dict[TimescaleCode, Length], names: dict[str, str]
) -> tuple[DueStep, ...]:
    steps = open_steps(case, calendar, lengths)
    return tuple(
        DueStep(step, step.deadline(today, calendar), names.get(step.owner_org, step.owner_org)) for step in steps
    )


def org_names(records: list[StepRecord]) -> dict[str, str]:
    """The names of every organisation the records name: those recording them, attending, sent them or given
    actions (each may owe a step)."""
    codes = {record.org for record in records}
    for record in records:
        details = record.details
        codes.update(str(code) for code in (*details.get("invited", ()), *details.get("with", ())))
        codes.update(str(item.get("org", "")) for item in (*details.get("attendees", ()), *details.get("actions", ())))
    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))


def child_pathway(*, actor: Actor, child_id: uuid.UUID, today: dt.date | None = None) -> ChildPathway:
    """The child's pathway for `actor`, audited as a view of the child's record; NotFound if they may not see it."""
    today = today or clock.today()
    with transaction.atomic():
        child = visible_child(actor, child_id)
        if child is not None:
            trail.record(
                actor=actor,
                action=AuditAction.PATHWAY_VIEWED,
                target_type="child",
                target_id=child.id,
                child_id=child.id,
            )
            records = step_records(child.id)
            case = case_of(records)
            area = responsible_area(case)
            names = org_names(records)
            due = due_steps(case, today, working_calendar(), area_lengths(area), names)
    if child is None:
        raise NotFound
    return ChildPathway(child, case, due, today, area, names)


def organisation_choices(child_id: uuid.UUID) -> list[tuple[str, str]]:
    """The organisations a step's form offers, by name: every one that recorded something about the child, and
    those that take part in statutory steps for any child of the area: children's social care, the police, the
    MACPU and the integrated care board (whose designated professionals speak for health when the child's own
    health services have recorded nothing yet)."""
    involved = Event.objects.filter(child_id=child_id).values("organisation_id")
    statutory = Organisation.objects.filter(is_active=True).filter(
        Q(sector__in=["social_care", "police", "multi_agency"]) | Q(type="integrated_care_board")
    )
    rows = (Organisation.objects.filter(id__in=involved) | statutory).distinct().order_by("name")
    return [(code, name) for code, name in rows.values_list("code", "name")]


def open_action_choices(case: Case, names: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (action.key, f"{action.text} ({names.get(action.org, action.org)}, due {in_words(action.due)})")
        for action in case.actions
        if action.completed is None and case.in_open_episode(action.source)
    ]
