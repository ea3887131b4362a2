"""Reading a child's merged chronology: every active event of every agency, with its provenance.

Reached only through access: the child must be one the actor may see, and content that
needs to be known (restricted, sealed) is withheld from those who may not read it. They
still see that the entry exists, its date, and which organisation to ask. Every view is
audited in the same transaction as the read.
"""

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery

from macpu.access.roles import ROLE_LABELS
from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import readable_content, reader_facts
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.chronology.models import EntryNote
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.events.models import Event, EventMove, EventPerson, EventStatus
from macpu.events.rules.describe import event_title
from macpu.organisations.rules.vocabulary import SECTOR_LABELS
from macpu.people.models import Person
from macpu.people.selectors.children import child_get

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Source:
    org: str
    record_id: str


@dataclass(frozen=True)
class Related:
    """Another entry this one is joined to: the one it answers, or one that answers it."""

    id: uuid.UUID
    relation: str  # "answers" or "answered_by"
    occurred_on: dt.date
    title: str


@dataclass(frozen=True)
class Note:
    """A practitioner's analysis of an entry, attributed."""

    author_name: str
    author_role: str
    organisation: str
    written_at: dt.datetime
    significant: bool | None
    note: str


@dataclass(frozen=True)
class Move:
    """An entry moved between children's records by a data quality officer, and why."""

    moved_on: dt.date
    reason: str
    org_name: str = ""
    record_id: str = ""


@dataclass(frozen=True)
class Entry:
    id: uuid.UUID
    occurred_on: dt.date
    occurred_at: dt.datetime | None
    date_is_approximate: bool
    recorded_at: dt.datetime
    type: str
    title: str
    summary: str
    org: str
    org_name: str
    sector: str
    author_role: str
    record_id: str
    sensitivity: str
    withheld: bool
    contact: str
    sources: tuple[Source, ...]
    related: tuple[Related, ...] = ()
    significant: bool = False
    notes: tuple[Note, ...] = ()
    moved_here: tuple[Move, ...] = ()

    @property
    def sector_label(self) -> str:
        return sector_label(self.sector)

    @property
    def occurred(self) -> str:
        """When it happened, ISO 8601: a date alone stays a date; a time carries its offset in England."""
        if self.occurred_at is None:
            return self.occurred_on.isoformat()
        return self.occurred_at.astimezone(clock.LONDON).isoformat()

    @property
    def recorded(self) -> str:
        return self.recorded_at.astimezone(clock.LONDON).isoformat()


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _label(labels: Mapping[Any, str], code: str) -> str:
    """The label of a vocabulary's code (StrEnum keys compare equal to their codes); the code if it has none."""
    return labels.get(code, code)


def sector_label(sector: str) -> str:
    return _label(SECTOR_LABELS, sector)


def _withheld_title(sensitivity: str) -> str:
    return f"A {sensitivity} entry"


def _entry(
    event: Event, reader: ReaderFacts, related: tuple[Related, ...], notes: tuple[Note, ...], moves: tuple[Move, ...]
) -> Entry:
    organisation = event.organisation
    readable = may_read_content(reader, RecordFacts(organisation.id, organisation.sector, event.sensitivity))
    return Entry(
        id=event.id,
        occurred_on=event.occurred_on,
        occurred_at=event.occurred_at,
        date_is_approximate=event.date_is_approximate,
        recorded_at=event.recorded_at,
        type=event.type if readable else "withheld",
        title=event_title(event.type, event.details) if readable else _withheld_title(event.sensitivity),
        summary=event.summary if readable else "",
        org=organisation.code,
        org_name=organisation.name,
        sector=organisation.sector,
        author_role=event.author_role if readable else "",
        record_id=event.record_id,
        sensitivity=event.sensitivity,
        withheld=not readable,
        contact=organisation.office_hours_phone,
        sources=(Source(organisation.code, event.record_id),),
        related=related if readable else (),
        significant=readable and is_significant(notes),
        notes=notes if readable else (),
        moved_here=moves,
    )


def is_significant(notes: tuple[Note, ...]) -> bool:
    """The latest mark stands: an entry marked significant and later unmarked is not significant."""
    marks = [note.significant for note in notes if note.significant is not None]
    return bool(marks and marks[-1])


def _events(child_id: uuid.UUID, filters: ChronologyFilter, reader: ReaderFacts) -> QuerySet[Event]:
    events = Event.objects.filter(child_id=child_id, status=EventStatus.ACTIVE)
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
    order = ("occurred_on", "recorded_at", "id") if filters.oldest_first else ("-occurred_on", "-recorded_at", "-id")
    return events.select_related("organisation").order_by(*order)


def _related(events: list[Event], reader: ReaderFacts) -> dict[uuid.UUID, tuple[Related, ...]]:
    """The entries each of these answers or is answered by, in two queries; only those the reader may read."""
    ids = [event.id for event in events]
    targets = Event.objects.filter(id__in={e.ref_event_id for e in events if e.ref_event_id}, status=EventStatus.ACTIVE)
    answers = Event.objects.filter(ref_event_id__in=ids, status=EventStatus.ACTIVE)
    joined: dict[uuid.UUID, list[Related]] = {}
    by_id = {event.id: event for event in events}
    for target in targets.filter(readable_content(reader)):
        for event in events:
            if event.ref_event_id == target.id:
                title = event_title(target.type, target.details)
                joined.setdefault(event.id, []).append(Related(target.id, "answers", target.occurred_on, title))
    for answer in answers.filter(readable_content(reader)):
        if answer.ref_event_id in by_id:
            title = event_title(answer.type, answer.details)
            joined.setdefault(answer.ref_event_id, []).append(
                Related(answer.id, "answered_by", answer.occurred_on, title)
            )
    return {event_id: tuple(related) for event_id, related in joined.items()}


def _notes(events: list[Event]) -> dict[uuid.UUID, tuple[Note, ...]]:
    """Every note on these entries, oldest first, in one query."""
    found: dict[uuid.UUID, list[Note]] = {}
    for row in EntryNote.objects.filter(event_id__in=[e.id for e in events]).select_related("organisation"):
        role = _label(ROLE_LABELS, row.author_role)
        note = Note(row.author_name, role, row.organisation.name, row.created_at, row.significant, row.note)
        found.setdefault(row.event_id, []).append(note)
    return {event_id: tuple(notes) for event_id, notes in found.items()}


def _moves_here(events: list[Event]) -> dict[uuid.UUID, tuple[Move, ...]]:
    """How each of these entries came to this child's record, if it was moved here, in one query."""
    child_of = {event.id: event.child_id for event in events}
    found: dict[uuid.UUID, list[Move]] = {event.id: [] for event in events}
    for move in EventMove.objects.filter(event_id__in=child_of):
        if move.to_child_id == child_of[move.event_id]:
            found[move.event_id].append(Move(move.created_at.astimezone(clock.LONDON).date(), move.reason))
    return {event_id: tuple(moves) for event_id, moves in found.items() if moves}


def _moved_away(child_id: uuid.UUID) -> tuple[Move, ...]:
    """Entries once in this child's record that a data quality officer moved to another child's."""
    moves = EventMove.objects.filter(from_child_id=child_id).exclude(event__child_id=child_id)
    return tuple(
        Move(m.created_at.astimezone(clock.LONDON).date(), m.reason, m.event.organisation.name, m.event.record_id)
        for m in moves.select_related("event__organisation")
    )


def _entries(events: list[Event], reader: ReaderFacts) -> list[Entry]:
    related, notes, moves = _related(events, reader), _notes(events), _moves_here(events)
    return [
        _entry(event, reader, related.get(event.id, ()), notes.get(event.id, ()), moves.get(event.id, ()))
        for event in events
    ]


def _choices(child_id: uuid.UUID, reader: ReaderFacts) -> FilterChoices:
    """In two queries: the organisations, sectors and (readable) kinds of entry, grouped; the people named."""
    events = Event.objects.filter(child_id=child_id, status=EventStatus.ACTIVE)
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


def _visible(actor: Actor, child_id: uuid.UUID) -> Person | None:
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
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    with transaction.atomic():
        child = _visible(actor, child_id)
        if child is not None:
            reader = reader_facts(actor)
            events = _events(child.id, filters, reader)
            total = events.count()
            pages = max(1, -(-total // page_size))
            page = max(1, min(page, pages))
            entries = _entries(list(events[(page - 1) * page_size : page * page_size]), reader)
            choices = _choices(child.id, reader) if with_choices else None
            moved_away = _moved_away(child.id)
            _audit_view(actor, child, filters, page=page, entries=len(entries))
    if child is None:
        raise NotFound
    return ChronologyPage(child, entries, total, page, page_size, filters, choices, moved_away)


def chronology_entries(
    *, actor: Actor, child_id: uuid.UUID, filters: ChronologyFilter, export: str = ""
) -> tuple[Person, Iterator[Entry]]:
    """Every entry of the child's chronology that the filters keep, read in pages: for exports and the command line.

    The view (or the export, named by its format) is audited when it starts; entries are read as they are consumed.
    """
    with transaction.atomic():
        child = _visible(actor, child_id)
        if child is not None and export:
            _audit_view(actor, child, filters, AuditAction.CHRONOLOGY_EXPORTED, format=export)
        elif child is not None:
            _audit_view(actor, child, filters, whole=True)
    if child is None:
        raise NotFound
    reader = reader_facts(actor)

    def entries() -> Iterator[Entry]:
        events = _events(child.id, filters, reader)
        for start in range(0, events.count(), MAX_PAGE_SIZE):
            yield from _entries(list(events[start : start + MAX_PAGE_SIZE]), reader)

    return child, entries()


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
    """One entry of the child's chronology, as the actor may see it (audited as a view of the chronology)."""
    with transaction.atomic():
        child = _visible(actor, child_id)
        event = _active_entry(child.id, event_id) if child is not None else None
        if child is not None and event is not None:
            entry = _entries([event], reader_facts(actor))[0]
            _audit_view(actor, child, ChronologyFilter(), entry=str(event.id))
    if child is None or event is None:
        raise NotFound
    return OneEntry(child, entry)


def entry_event(*, actor: Actor, child_id: uuid.UUID, event_id: uuid.UUID) -> tuple[Event | None, bool]:
    """An active entry of a child the actor may see (None when there is none), and whether they may read its content.

    Call inside the caller's transaction, which must commit even when the answer is no: refusals are audited.
    """
    child = _visible(actor, child_id)
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
