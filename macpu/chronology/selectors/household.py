"""A household's chronology: the child's entries, their siblings' and the other children's they live with, and
every entry that names an adult they live with, as one timeline.

Practice reviews find what no one agency saw because it sat in a sibling's record, or in the police's
record of the mother's new partner. Each record still goes through access: only the entries of children
the viewer may see are shown (the others are not mentioned), and need-to-know applies to each entry.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from macpu.access.scoping import reader_facts, restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors.timeline import (
    PAGE_SIZE,
    ChronologyPage,
    filter_choices,
    marked,
    page_size_allowed,
    timeline_of,
    visible_child,
)
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.events.models import Event, EventPerson, EventStatus
from macpu.people.models import Person
from macpu.people.selectors.children import household_of


@dataclass(frozen=True)
class HouseholdChronology:
    page: ChronologyPage
    children: list[Person]  # the household's children the viewer may see: the child first
    adults_named: int  # the adults living with the child, whose mentions in any record are included
    whose: dict[uuid.UUID, Person]  # the child whose record each entry is in, for the entries shown

    def child_of(self, entry_child_id: uuid.UUID) -> Person | None:
        return self.whose.get(entry_child_id)


def household_chronology_page(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    filters: ChronologyFilter,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_choices: bool = False,
) -> HouseholdChronology:
    """One page of the household's chronology as the actor may see it; a view of each child's record shown is
    audited under that child."""
    page_size = page_size_allowed(page_size)
    with transaction.atomic():
        child = visible_child(actor, child_id)
        shown = _read(actor, child, filters, page, page_size, with_choices) if child is not None else None
    if shown is None:
        raise NotFound
    return shown


def _read(
    actor: Actor, child: Person, filters: ChronologyFilter, page: int, page_size: int, with_choices: bool
) -> HouseholdChronology:
    household = household_of(child, clock.today())
    others = restrict_to_visible_children(Person.objects.filter(id__in=household.children), actor=actor)
    children = [child, *others.order_by("date_of_birth", "id")]
    naming = EventPerson.objects.filter(person_id__in=household.adults).values("event_id")
    events = Event.objects.filter(
        Q(child_id__in=[c.id for c in children]) | Q(id__in=naming), status=EventStatus.ACTIVE
    )
    events = restrict_to_visible_children(events, actor=actor, via="child_id")
    reader = reader_facts(actor)
    timeline = timeline_of(events, filters, reader)
    total, page, entries = timeline.page(page, page_size)
    entries = marked(actor, entries)
    whose = {c.id: c for c in children}
    missing = {e.child_id for e in entries} - set(whose)
    whose |= {p.id: p for p in Person.objects.filter(id__in=missing)}
    for shown_child in {child.id, *{e.child_id for e in entries}}:
        trail.record(
            actor=actor,
            action=AuditAction.CHRONOLOGY_VIEWED,
            target_type="child",
            target_id=shown_child,
            child_id=shown_child,
            details={**filters.audit_details(), "household_of": str(child.id), "page": page},
        )
    choices = filter_choices(events, reader) if with_choices else None
    chronology = ChronologyPage(child, entries, total, page, page_size, filters, choices)
    return HouseholdChronology(chronology, children, len(household.adults), whose)
