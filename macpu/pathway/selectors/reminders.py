"""Which open steps are owed a reminder today, and who receives it."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Q

from macpu.access.models import NetworkMember
from macpu.access.roles import Role
from macpu.access.selectors import member_ids_by_organisation
from macpu.core import clock
from macpu.events.models import Event, EventStatus
from macpu.organisations.models import Organisation
from macpu.organisations.rules.vocabulary import Sector
from macpu.pathway.models import PathwayReminder
from macpu.pathway.rules.case import case_of
from macpu.pathway.rules.deadlines import DeadlineState
from macpu.pathway.rules.open_steps import OpenStep
from macpu.pathway.rules.records import PATHWAY_TYPES
from macpu.pathway.selectors.case import due_steps
from macpu.pathway.selectors.records import records_of_children
from macpu.pathway.selectors.tasks import LengthsByOpener
from macpu.workingdays.selectors import working_calendar

# A reminder before the due date (when the step is due soon), on it, and once when it is overdue.
REMINDED_STATES = (DeadlineState.DUE_SOON, DeadlineState.DUE_TODAY, DeadlineState.OVERDUE)


@dataclass(frozen=True)
class DueReminder:
    child_id: uuid.UUID
    step: OpenStep
    state: DeadlineState


def reminders_due(today: dt.date) -> list[DueReminder]:
    """Every open step, of every child with a pathway, that is due soon, due today or overdue and not yet reminded."""
    child_ids = (
        Event.objects.filter(type__in=PATHWAY_TYPES, status=EventStatus.ACTIVE).values_list("child_id", flat=True)
    ).distinct()
    records = records_of_children(child_ids)
    calendar, lengths = working_calendar(), LengthsByOpener()
    sent = set(PathwayReminder.objects.filter(child_id__in=records).values_list("child_id", "step_key", "due", "state"))
    due: list[DueReminder] = []
    for child_id, rows in records.items():
        case = case_of(rows)
        for step in due_steps(case, today, calendar, lengths.of(case), {}):
            state = step.deadline.state
            if state in REMINDED_STATES and (child_id, step.step.key, step.step.due, state.value) not in sent:
                due.append(DueReminder(child_id, step.step, state))
    return due


def recipients_by_owner(reminders: list[DueReminder]) -> dict[tuple[uuid.UUID, str], set[uuid.UUID]]:
    """Who is told of each child's step owed by each organisation: the organisation's people in the child's
    professional network; failing them, its team managers (children's social care, as the duty manager of R12) or
    its safeguarding leads (every other agency)."""
    codes = {reminder.step.owner_org for reminder in reminders}
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    today = clock.today()
    current = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    network: dict[tuple[uuid.UUID, uuid.UUID], set[uuid.UUID]] = {}
    members = NetworkMember.objects.filter(
        child_id__in={r.child_id for r in reminders}, organisation__code__in=codes, started_on__lte=today
    ).filter(current)
    for child_id, organisation_id, user_id in members.values_list("child_id", "organisation_id", "user_id"):
        network.setdefault((child_id, organisation_id), set()).add(user_id)
    social_care = [o.id for o in organisations.values() if o.sector == Sector.SOCIAL_CARE]
    others = [o.id for o in organisations.values() if o.sector != Sector.SOCIAL_CARE]
    fallback = member_ids_by_organisation(role=Role.TEAM_MANAGER, organisation_ids=social_care) | (
        member_ids_by_organisation(role=Role.SAFEGUARDING_LEAD, organisation_ids=others)
    )
    recipients: dict[tuple[uuid.UUID, str], set[uuid.UUID]] = {}
    for reminder in reminders:
        organisation = organisations.get(reminder.step.owner_org)
        if organisation is None:
            continue
        people = network.get((reminder.child_id, organisation.id)) or fallback.get(organisation.id, set())
        recipients[(reminder.child_id, reminder.step.owner_org)] = people
    return recipients
