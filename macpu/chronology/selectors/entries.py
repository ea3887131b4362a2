"""A chronology entry as a reader sees it: built from events, with need-to-know applied, in a few queries a page."""

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q

from macpu.access.roles import ROLE_LABELS
from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import readable_content
from macpu.chronology.marks import EntryMark
from macpu.chronology.models import EntryNote
from macpu.chronology.rules.same_fact import SameFact
from macpu.core import clock
from macpu.events.models import Event, EventMove, EventStatus
from macpu.events.rules.describe import event_title
from macpu.organisations.rules.vocabulary import SECTOR_LABELS

# Whose eyes entries are built for. None: macpu itself, freezing a saved version in full; such entries are never
# shown as they are, and need-to-know is applied to them when the version is read.
Reader = ReaderFacts | None


def may_read(reader: Reader, organisation_id: uuid.UUID, sector: str, sensitivity: str) -> bool:
    return reader is None or may_read_content(reader, RecordFacts(organisation_id, sector, sensitivity))


def readable_by(reader: Reader) -> Q:
    return Q() if reader is None else readable_content(reader)


@dataclass(frozen=True)
class Source:
    """An organisation's record behind an entry: where to go back to the original."""

    org: str
    record_id: str
    entry_id: uuid.UUID | None = None
    org_name: str = ""


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
    child_id: uuid.UUID
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
    marks: tuple[EntryMark, ...] = ()  # what other parts of macpu say of it (chronology.marks)
    same_fact_reason: str = ""  # why several organisations' records were shown as this one entry

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

    @property
    def joined_sources(self) -> tuple[Source, ...]:
        """The records joined to this entry's own as the same occurrence."""
        return self.sources[1:]


def _label(labels: Mapping[Any, str], code: str) -> str:
    """The label of a vocabulary's code (StrEnum keys compare equal to their codes); the code if it has none."""
    return labels.get(code, code)


def sector_label(sector: str) -> str:
    return _label(SECTOR_LABELS, sector)


def role_label(role: str) -> str:
    return _label(ROLE_LABELS, role)


def withheld_title(sensitivity: str) -> str:
    return f"A {sensitivity} entry"


def is_significant(notes: tuple[Note, ...]) -> bool:
    """The latest mark stands: an entry marked significant and later unmarked is not significant."""
    marks = [note.significant for note in notes if note.significant is not None]
    return bool(marks and marks[-1])


@dataclass(frozen=True)
class _Joined:
    """What an entry adds from the records of the same occurrence joined to it."""

    sources: tuple[Source, ...]
    reason: str
    related: tuple[Related, ...]
    notes: tuple[Note, ...]


def withheld(entry: Entry) -> Entry:
    """The entry as someone who may not read its content sees it: that it exists, its date, and whom to ask."""
    return replace(
        entry,
        withheld=True,
        type="withheld",
        title=withheld_title(entry.sensitivity),
        summary="",
        author_role="",
        related=(),
        significant=False,
        notes=(),
        sources=entry.sources[:1],
        same_fact_reason="",
    )


def _entry(event: Event, reader: Reader, joined: _Joined, moves: tuple[Move, ...]) -> Entry:
    organisation = event.organisation
    entry = Entry(
        id=event.id,
        child_id=event.child_id,
        occurred_on=event.occurred_on,
        occurred_at=event.occurred_at,
        date_is_approximate=event.date_is_approximate,
        recorded_at=event.recorded_at,
        type=event.type,
        title=event_title(event.type, event.details),
        summary=event.summary,
        org=organisation.code,
        org_name=organisation.name,
        sector=organisation.sector,
        author_role=event.author_role,
        record_id=event.record_id,
        sensitivity=event.sensitivity,
        withheld=False,
        contact=organisation.office_hours_phone,
        sources=joined.sources,
        related=joined.related,
        significant=is_significant(joined.notes),
        notes=joined.notes,
        moved_here=moves,
        same_fact_reason=joined.reason,
    )
    return entry if may_read(reader, organisation.id, organisation.sector, event.sensitivity) else withheld(entry)


def _related(events: list[Event], reader: Reader) -> dict[uuid.UUID, list[Related]]:
    """The entries each of these answers or is answered by, in two queries; only those the reader may read."""
    ids = [event.id for event in events]
    targets = Event.objects.filter(id__in={e.ref_event_id for e in events if e.ref_event_id}, status=EventStatus.ACTIVE)
    answers = Event.objects.filter(ref_event_id__in=ids, status=EventStatus.ACTIVE)
    joined: dict[uuid.UUID, list[Related]] = {}
    by_id = {event.id: event for event in events}
    for target in targets.filter(readable_by(reader)):
        for event in events:
            if event.ref_event_id == target.id:
                title = event_title(target.type, target.details)
                joined.setdefault(event.id, []).append(Related(target.id, "answers", target.occurred_on, title))
    for answer in answers.filter(readable_by(reader)):
        if answer.ref_event_id in by_id:
            title = event_title(answer.type, answer.details)
            joined.setdefault(answer.ref_event_id, []).append(
                Related(answer.id, "answered_by", answer.occurred_on, title)
            )
    return joined


def _notes(event_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Note]]:
    """Every note on these entries, oldest first, in one query."""
    found: dict[uuid.UUID, list[Note]] = {}
    for row in EntryNote.objects.filter(event_id__in=event_ids).select_related("organisation"):
        note = Note(
            row.author_name,
            role_label(row.author_role),
            row.organisation.name,
            row.created_at,
            row.significant,
            row.note,
        )
        found.setdefault(row.event_id, []).append(note)
    return found


def _moves_here(events: list[Event]) -> dict[uuid.UUID, tuple[Move, ...]]:
    """How each of these entries came to this child's record, if it was moved here, in one query."""
    child_of = {event.id: event.child_id for event in events}
    found: dict[uuid.UUID, list[Move]] = {event.id: [] for event in events}
    for move in EventMove.objects.filter(event_id__in=child_of):
        if move.to_child_id == child_of[move.event_id]:
            found[move.event_id].append(Move(move.created_at.astimezone(clock.LONDON).date(), move.reason))
    return {event_id: tuple(moves) for event_id, moves in found.items() if moves}


def _joins(events: list[Event], same: Mapping[uuid.UUID, SameFact], reader: Reader) -> dict[uuid.UUID, _Joined]:
    """For each entry: its sources (its own first, then those of the same occurrence), and the related entries and
    notes of all of them, notes oldest first."""
    members = {event.id: same[event.id].told if event.id in same else () for event in events}
    others = [told.id for told_ in members.values() for told in told_[1:]]
    joined_events = list(Event.objects.filter(id__in=others).select_related("organisation")) if others else []
    by_id = {event.id: event for event in [*events, *joined_events]}
    related = _related(list(by_id.values()), reader)
    notes = _notes(list(by_id))
    joins: dict[uuid.UUID, _Joined] = {}
    for event in events:
        ids = [told.id for told in members[event.id]] or [event.id]
        group = [by_id[i] for i in ids if i in by_id]
        joins[event.id] = _Joined(
            sources=tuple(Source(e.organisation.code, e.record_id, e.id, e.organisation.name) for e in group),
            reason=same[event.id].reason if event.id in same else "",
            related=tuple(r for e in group for r in related.get(e.id, ()) if r.id not in ids),
            notes=tuple(sorted((n for e in group for n in notes.get(e.id, ())), key=lambda n: n.written_at)),
        )
    return joins


def entries_of(events: list[Event], reader: Reader, same: Mapping[uuid.UUID, SameFact]) -> list[Entry]:
    """The entries these events make for this reader. `same` gives, by its first record, each occurrence that
    several organisations recorded: its entry carries all their sources, related entries and notes."""
    joins, moves = _joins(events, same, reader), _moves_here(events)
    return [_entry(event, reader, joins[event.id], moves.get(event.id, ())) for event in events]
