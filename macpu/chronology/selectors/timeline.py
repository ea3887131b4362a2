"""Reading a child's merged chronology: every active event of every agency, with its provenance.

Reached only through access: the child must be one the actor may see, and content that
needs to be known (restricted, sealed) is withheld from those who may not read it. They
still see that the entry exists, its date, and which organisation to ask. Every view is
audited in the same transaction as the read.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery

from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import readable_content, reader_facts
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.chronology.marks import marks_for
from macpu.chronology.models import EntryNote
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.rules.same_fact import SameFact
from macpu.chronology.selectors.entries import Entry, Move, Reader, entries_of, sector_label
from macpu.chronology.selectors.same_fact import SameFacts, same_facts_in
from macpu.chronology.selectors.saved import VersionSummary, saved_versions
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.core.paging import pages_for
from macpu.events.models import Event, EventMove, EventPerson, EventStatus
from macpu.events.rules.describe import event_title
from macpu.people.models import Person
from macpu.people.selectors.children import child_get

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FilterChoices:
    """What the child's chronology holds, to filter by: only values that occur in it."""

    sectors: tuple[Choice, ...]
    organisations: tuple[Choice, ...]
    types: tuple[Choice, ...]
    people: tuple[Choice, ...]


@dataclass(frozen=True)
class ChronologyPage:
    child: Person
    entries: list[Entry]
    total: int
    page: int
    page_size: int
    filters: ChronologyFilter
    choices: FilterChoices | None = field(default=None)
    moved_away: tuple[Move, ...] = ()
    versions: tuple[VersionSummary, ...] = ()  # saved versions, with the choices (for the page)

    @property
    def pages(self) -> int:
        return pages_for(self.total, self.page_size)


def active_entries_of(child_id: uuid.UUID) -> QuerySet[Event]:
    return Event.objects.filter(child_id=child_id, status=EventStatus.ACTIVE)


def page_size_allowed(size: int) -> int:
    return max(1, min(size, MAX_PAGE_SIZE))


def filtered_events(events: QuerySet[Event], filters: ChronologyFilter, reader: ReaderFacts) -> QuerySet[Event]:
    """Those of these active entries that the filters keep, in no order."""
    if filters.sectors:
        events = events.filter(organisation__sector__in=filters.sectors)
    if filters.organisations:
        events = events.filter(organisation__code__in=filters.organisations)
    if filters.occurred_from:
        events = events.filter(occurred_on__gte=filters.occurred_from)
    if filters.occurred_to:
        events = events.filter(occurred_on__lte=filters.occurred_to)
    if filters.asks_about_content:
        events = events.filter(readable_content(reader))
    if filters.types:
        events = events.filter(type__in=filters.types)
    if filters.people:
        named = EventPerson.objects.filter(person_id__in=filters.people).values("event_id")
        events = events.filter(Q(id__in=named) | Q(child_id__in=filters.people))
    if filters.significant_only:
        latest_mark = EntryNote.objects.filter(event=OuterRef("pk"), significant__isnull=False).order_by("-created_at")
        events = events.annotate(marked=Subquery(latest_mark.values("significant")[:1])).filter(marked=True)
    return events


def ordered(events: QuerySet[Event], filters: ChronologyFilter) -> QuerySet[Event]:
    """In the chronology's order, read off the `event_timeline` index either way."""
    order = ("occurred_on", "recorded_at", "id") if filters.oldest_first else ("-occurred_on", "-recorded_at", "-id")
    return events.order_by(*order)


@dataclass(frozen=True)
class Timeline:
    """A view's entries in order, each occurrence told by several organisations once, ready to be read in pages."""

    events: QuerySet[Event]
    reader: Reader
    same: SameFacts
    firsts: dict[uuid.UUID, SameFact]

    def entries(self, start: int, stop: int) -> list[Entry]:
        return self.entries_of_events(list(self.events[start:stop]))

    def page(self, number: int, size: int) -> tuple[int, int, list[Entry]]:
        """How many entries in all, the page's number (one past the end is the last page), and its entries."""
        total = self.events.count()
        number = max(1, min(number, pages_for(total, size)))
        return total, number, self.entries((number - 1) * size, number * size)

    def entries_of_events(self, events: list[Event]) -> list[Entry]:
        return entries_of(events, self.reader, self.firsts)

    def all_entries(self) -> Iterator[Entry]:
        """Every entry, read a page at a time as they are consumed."""
        for start in range(0, self.events.count(), MAX_PAGE_SIZE):
            yield from self.entries(start, start + MAX_PAGE_SIZE)


def timeline_of(events: QuerySet[Event], filters: ChronologyFilter, reader: ReaderFacts) -> Timeline:
    """The view of these active entries that the filters keep, each occurrence told by several organisations once."""
    filtered = filtered_events(events, filters, reader)
    same = same_facts_in(filtered, reader)
    events = filtered.exclude(id__in=same.hidden) if same.by_record else filtered
    return Timeline(ordered(events, filters).select_related("organisation"), reader, same, same.firsts)


def _moved_away(child_id: uuid.UUID) -> tuple[Move, ...]:
    """Entries once in this child's record that a data quality officer moved to another child's."""
    moves = EventMove.objects.filter(from_child_id=child_id).exclude(event__child_id=child_id)
    return tuple(
        Move(m.created_at.astimezone(clock.LONDON).date(), m.reason, m.event.organisation.name, m.event.record_id)
        for m in moves.select_related("event__organisation")
    )


def filter_choices(events: QuerySet[Event], reader: ReaderFacts) -> FilterChoices:
    """In two queries: the organisations, sectors and (readable) kinds of entry, grouped; the people named."""
    groups = list(
        events.values_list(
            "organisation_id", "organisation__code", "organisation__name", "organisation__sector", "type", "sensitivity"
        ).distinct()
    )
    organisations: dict[str, str] = {}
    types: set[str] = set()
    for organisation_id, code, name, sector, event_type, sensitivity in groups:
        organisations[code] = name
        if may_read_content(reader, RecordFacts(organisation_id, sector, sensitivity)):
            types.add(event_type)
    sectors = {sector for *_, sector, _, _ in groups}
    named = (
        EventPerson.objects.filter(event__in=events.filter(readable_content(reader)))
        .values_list("person_id", "person__given_name", "person__family_name", "role")
        .distinct()
    )
    people: dict[uuid.UUID, Choice] = {}
    for person_id, given, family, role in named:
        people.setdefault(person_id, Choice(str(person_id), f"{given} {family} ({role.replace('_', ' ')})".strip()))
    return FilterChoices(
        sectors=tuple(Choice(s, sector_label(s)) for s in sorted(sectors)),
        organisations=tuple(Choice(code, name) for code, name in sorted(organisations.items(), key=lambda o: o[1])),
        types=tuple(Choice(t, event_title(t, {})) for t in sorted(types)),
        people=tuple(sorted(people.values(), key=lambda choice: choice.label)),
    )


def visible_child(actor: Actor, child_id: uuid.UUID) -> Person | None:
    try:
        return child_get(actor=actor, child_id=child_id)
    except NotFound:
        return None  # the refusal is in the audit log already, in its own transaction


def _audit_view(
    actor: Actor,
    child: Person,
    filters: ChronologyFilter,
    action: AuditAction = AuditAction.CHRONOLOGY_VIEWED,
    **details: object,
) -> None:
    trail.record(
        actor=actor,
        action=action,
        target_type="child",
        target_id=child.id,
        child_id=child.id,
        details={**filters.audit_details(), **details},
    )


def marked(actor: Actor, entries: list[Entry]) -> list[Entry]:
    """The entries with what other parts of macpu say of them (the evidence of a possible gap), by any of the
    records an entry shows."""
    records = {entry.id: {entry.id, *(s.entry_id for s in entry.sources if s.entry_id)} for entry in entries}
    marks = marks_for(
        actor=actor, child_ids={entry.child_id for entry in entries}, event_ids=set().union(*records.values())
    )
    if not marks:
        return entries
    return [
        replace(
            entry, marks=tuple(dict.fromkeys(mark for record in records[entry.id] for mark in marks.get(record, ())))
        )
        for entry in entries
    ]


def chronology_page(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    filters: ChronologyFilter,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_choices: bool = False,
) -> ChronologyPage:
    """One page of the child's chronology as the actor may see it; a page past the end is the last page."""
    page_size = page_size_allowed(page_size)
    with transaction.atomic():
        child = visible_child(actor, child_id)
        if child is not None:
            reader = reader_facts(actor)
            timeline = timeline_of(active_entries_of(child.id), filters, reader)
            total, page, entries = timeline.page(page, page_size)
            entries = marked(actor, entries)
            choices = filter_choices(active_entries_of(child.id), reader) if with_choices else None
            versions = tuple(saved_versions(child.id)) if with_choices else ()
            moved_away = _moved_away(child.id)
            _audit_view(actor, child, filters, page=page, entries=len(entries))
    if child is None:
        raise NotFound
    return ChronologyPage(child, entries, total, page, page_size, filters, choices, moved_away, versions)


def chronology_entries(
    *, actor: Actor, child_id: uuid.UUID, filters: ChronologyFilter, export: str = ""
) -> tuple[Person, Iterator[Entry]]:
    """Every entry of the child's chronology that the filters keep, read in pages: for exports and the command line.

    The view (or the export, named by its format) is audited when it starts; entries are read as they are consumed.
    """
    with transaction.atomic():
        child = visible_child(actor, child_id)
        if child is not None and export:
            _audit_view(actor, child, filters, AuditAction.CHRONOLOGY_EXPORTED, format=export)
        elif child is not None:
            _audit_view(actor, child, filters, whole=True)
    if child is None:
        raise NotFound
    return child, timeline_of(active_entries_of(child.id), filters, reader_facts(actor)).all_entries()


def _active_entry(child_id: uuid.UUID, event_id: uuid.UUID) -> Event | None:
    return (
        Event.objects.filter(id=event_id, child_id=child_id, status=EventStatus.ACTIVE)
        .select_related("organisation")
        .first()
    )


@dataclass(frozen=True)
class OneEntry:
    child: Person
    entry: Entry


def chronology_entry(*, actor: Actor, child_id: uuid.UUID, event_id: uuid.UUID) -> OneEntry:
    """One entry of the child's chronology, as the actor may see it (audited as a view of the chronology).

    A record shown as part of another organisation's entry of the same occurrence gives that entry.
    """
    with transaction.atomic():
        child = visible_child(actor, child_id)
        event = _active_entry(child.id, event_id) if child is not None else None
        if child is not None and event is not None:
            timeline = timeline_of(active_entries_of(child.id), ChronologyFilter(), reader_facts(actor))
            occurrence = timeline.same.by_record.get(event.id)
            first = _active_entry(child.id, occurrence.first.id) if occurrence else None
            entry = timeline.entries_of_events([first or event])[0]
            _audit_view(actor, child, ChronologyFilter(), entry=str(entry.id))
    if child is None or event is None:
        raise NotFound
    return OneEntry(child, entry)


def entry_event(*, actor: Actor, child_id: uuid.UUID, event_id: uuid.UUID) -> tuple[Event | None, bool]:
    """An active entry of a child the actor may see (None when there is none), and whether they may read its content.

    Call inside the caller's transaction, which must commit even when the answer is no: refusals are audited.
    """
    child = visible_child(actor, child_id)
    if child is None:
        return None, False
    event = _active_entry(child.id, event_id)
    if event is None:
        return None, False
    organisation = event.organisation
    readable = may_read_content(
        reader_facts(actor), RecordFacts(organisation.id, organisation.sector, event.sensitivity)
    )
    if not readable:
        trail.record(
            actor=actor,
            action=AuditAction.ACCESS_DENIED,
            outcome=Outcome.DENIED,
            target_type="event",
            target_id=event.id,
            child_id=child.id,
        )
    return event, readable
