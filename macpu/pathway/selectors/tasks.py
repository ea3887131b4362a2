"""What is due from a person or an organisation across every child they work with: their task list.

Worked out when read, like each child's pathway, so an overdue step shows as overdue whether or not
any reminder job has run. Each child listed is audited as read (`pathway.tasks_listed`).
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Q

from macpu.access.models import NetworkMember
from macpu.access.scoping import restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.pathway.rules.case import Case, case_of
from macpu.pathway.rules.timescales import Length, TimescaleCode
from macpu.pathway.selectors.case import DueStep, area_lengths, area_of_opener, due_steps, org_names
from macpu.pathway.selectors.records import records_of_children
from macpu.people.models import Person, PersonKind
from macpu.workingdays.selectors import working_calendar


class TaskScope(StrEnum):
    MINE = "mine"  # children in my professional network: what my organisation owes for them
    ORGANISATION = "organisation"  # every child my organisation is involved with

    @classmethod
    def named(cls, value: str | None) -> "TaskScope":
        """The scope a query string names; my own tasks when it names none that exists."""
        try:
            return cls(value or cls.MINE.value)
        except ValueError:
            return cls.MINE


@dataclass(frozen=True)
class Task:
    child_id: uuid.UUID
    child_name: str
    due: DueStep


def _children(actor: Actor, scope: TaskScope) -> list[Person]:
    visible = restrict_to_visible_children(Person.objects.filter(kind=PersonKind.CHILD), actor=actor)
    if scope is TaskScope.MINE:
        if actor.user_id is None:
            return []
        today = clock.today()
        mine = NetworkMember.objects.filter(user_id=actor.user_id, started_on__lte=today).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=today)
        )
        visible = visible.filter(id__in=mine.values("child_id"))
    return list(visible)


class LengthsByOpener:
    """The timescale lengths of each opening organisation's area, read once however many children it has."""

    def __init__(self) -> None:
        self.known: dict[str | None, dict[TimescaleCode, Length]] = {}

    def of(self, case: Case) -> dict[TimescaleCode, Length]:
        opener = case.episodes[-1].opened_by.org if case.episodes else None
        if opener not in self.known:
            self.known[opener] = area_lengths(area_of_opener(opener))
        return self.known[opener]


def tasks_due_from(*, actor: Actor, scope: TaskScope, today: dt.date | None = None) -> list[Task]:
    """Every open step due from the actor's organisation, for the children in `scope`, soonest first."""
    today = today or clock.today()
    calendar = working_calendar()
    tasks: list[Task] = []
    with transaction.atomic():
        children = {child.id: child for child in _children(actor, scope)}
        records = records_of_children(children)
        names = org_names([record for rows in records.values() for record in rows])
        lengths = LengthsByOpener()
        for child_id, rows in records.items():
            case = case_of(rows)
            name = children[child_id].full_name
            due = due_steps(case, today, calendar, lengths.of(case), names)
            tasks.extend(Task(child_id, name, step) for step in due if step.step.owner_org == actor.organisation_code)
        for child_id in sorted({task.child_id for task in tasks}, key=str):
            trail.record(
                actor=actor,
                action=AuditAction.TASKS_LISTED,
                target_type="child",
                target_id=child_id,
                child_id=child_id,
                details={"scope": scope.value},
            )
    return sorted(tasks, key=lambda task: (task.due.step.due, task.child_name, task.due.step.title))
