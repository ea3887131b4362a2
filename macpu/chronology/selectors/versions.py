"""Saved versions of a chronology: what to freeze when one is saved, and a version as each reader may see it.

A version is frozen in full, record by record, with the facts need-to-know is decided on (organisation,
sector, sensitivity), so that it does not change when new events arrive and yet each reader sees only
what they may. Which records it holds is decided by the saver's view: a filter on content keeps only
entries the saver may read, or the version would tell others what the entries withheld from them are.
"""

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.db import transaction

from macpu.access.rules.policy import ReaderFacts
from macpu.access.scoping import reader_facts
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.models import ChronologyVersion, ChronologyVersionRecord
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors.entries import (
    Entry,
    Move,
    Note,
    Reader,
    Related,
    Source,
    entries_of,
    is_significant,
    may_read,
    withheld,
)
from macpu.chronology.selectors.same_fact import same_facts_in
from macpu.chronology.selectors.saved import VersionSummary, saved_versions, version_summary
from macpu.chronology.selectors.timeline import active_entries_of, filtered_events, ordered, visible_child
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.events.models import Event
from macpu.people.models import Person


@dataclass(frozen=True)
class FrozenRecord:
    """One record of a version about to be saved: its entry in full, and the occurrence it is part of."""

    event: Event
    entry: Entry
    occurrence: uuid.UUID | None
    same_fact_reason: str
    related_facts: dict[str, tuple[str, str, str]]  # related entry id: (organisation id, sector, sensitivity)


def records_to_freeze(child_id: uuid.UUID, filters: ChronologyFilter, saver: ReaderFacts) -> list[FrozenRecord]:
    """Every record of the saver's view, in its order, each in full: need-to-know is applied when it is read."""
    chosen = filtered_events(active_entries_of(child_id), filters, saver)
    same = same_facts_in(chosen, None)
    events = list(ordered(chosen, filters).select_related("organisation"))
    entries = entries_of(events, None, {})
    related_ids = {r.id for entry in entries for r in entry.related}
    facts = {
        str(id_): (str(org_id), sector, sensitivity)
        for id_, org_id, sector, sensitivity in Event.objects.filter(id__in=related_ids).values_list(
            "id", "organisation_id", "organisation__sector", "sensitivity"
        )
    }
    return [
        FrozenRecord(
            event,
            entry,
            same.by_record[event.id].first.id if event.id in same.by_record else None,
            same.by_record[event.id].reason if event.id in same.by_record else "",
            {str(r.id): facts[str(r.id)] for r in entry.related if str(r.id) in facts},
        )
        for event, entry in zip(events, entries, strict=True)
    ]


def frozen_content(record: FrozenRecord) -> dict[str, Any]:
    return {**asdict(record.entry), "related_facts": record.related_facts}


@dataclass(frozen=True)
class VersionPage:
    child: Person
    version: VersionSummary
    entries: list[Entry]


def chronology_versions(*, actor: Actor, child_id: uuid.UUID) -> list[VersionSummary]:
    """The saved versions of a child's chronology, newest first: their names, dates and authors (no content)."""
    with transaction.atomic():
        child = visible_child(actor, child_id)
    if child is None:
        raise NotFound
    return saved_versions(child.id)


def _thawed(content: dict[str, Any]) -> Entry:
    occurred_at = content["occurred_at"]
    return Entry(
        **{
            **content,
            "id": uuid.UUID(content["id"]),
            "child_id": uuid.UUID(content["child_id"]),
            "occurred_on": dt.date.fromisoformat(content["occurred_on"]),
            "occurred_at": dt.datetime.fromisoformat(occurred_at) if occurred_at else None,
            "recorded_at": dt.datetime.fromisoformat(content["recorded_at"]),
            "marks": (),  # marks are today's (an open finding), not part of what was saved
            "sources": tuple(
                Source(s["org"], s["record_id"], uuid.UUID(s["entry_id"]) if s["entry_id"] else None, s["org_name"])
                for s in content["sources"]
            ),
            "related": tuple(
                Related(uuid.UUID(r["id"]), r["relation"], dt.date.fromisoformat(r["occurred_on"]), r["title"])
                for r in content["related"]
            ),
            "notes": tuple(
                Note(
                    n["author_name"],
                    n["author_role"],
                    n["organisation"],
                    dt.datetime.fromisoformat(n["written_at"]),
                    n["significant"],
                    n["note"],
                )
                for n in content["notes"]
            ),
            "moved_here": tuple(
                Move(dt.date.fromisoformat(m["moved_on"]), m["reason"], m["org_name"], m["record_id"])
                for m in content["moved_here"]
            ),
        }
    )


@dataclass(frozen=True)
class _Thawed:
    record: ChronologyVersionRecord
    entry: Entry
    readable: bool


def _as_seen(record: ChronologyVersionRecord, reader: Reader) -> _Thawed:
    content = dict(record.content)
    related_facts: dict[str, list[str]] = content.pop("related_facts")
    entry = _thawed(content)
    readable = may_read(reader, record.organisation_id, entry.sector, record.sensitivity)
    seen_related = tuple(
        r
        for r in entry.related
        if (f := related_facts.get(str(r.id))) and may_read(reader, uuid.UUID(f[0]), f[1], f[2])
    )
    entry = replace(entry, related=seen_related) if readable else withheld(entry)
    return _Thawed(record, entry, readable)


def _joined(records: list[_Thawed]) -> Entry:
    """The entry of an occurrence several organisations recorded, all of whose records the reader may read."""
    first = records[0].entry
    notes = tuple(sorted((n for r in records for n in r.entry.notes), key=lambda n: n.written_at))
    ids = {r.entry.id for r in records}
    return replace(
        first,
        sources=tuple(r.entry.sources[0] for r in records),
        related=tuple(rel for r in records for rel in r.entry.related if rel.id not in ids),
        notes=notes,
        significant=is_significant(notes),
        same_fact_reason=records[0].record.same_fact_reason,
    )


def _entries(records: list[ChronologyVersionRecord], reader: Reader) -> Iterator[Entry]:
    """In the version's order: an occurrence's records joined where the reader may read them all, else each alone."""
    thawed = [_as_seen(record, reader) for record in records]
    occurrences: dict[uuid.UUID, list[_Thawed]] = {}
    for item in thawed:
        if item.record.occurrence is not None:
            occurrences.setdefault(item.record.occurrence, []).append(item)
    for item in thawed:
        group = occurrences.get(item.record.occurrence) if item.record.occurrence else None
        if group is None or not all(member.readable for member in group):
            yield item.entry
        elif item.record.event_id == item.record.occurrence:
            first = item.record.occurrence
            yield _joined(sorted(group, key=lambda m: (m.record.event_id != first, m.entry.recorded_at)))


def chronology_version(*, actor: Actor, child_id: uuid.UUID, version_id: uuid.UUID, export: str = "") -> VersionPage:
    """A saved version as the actor may see it, audited as a view of it (or as an export, named by its format)."""
    with transaction.atomic():
        child = visible_child(actor, child_id)
        version = (
            ChronologyVersion.objects.filter(id=version_id, child_id=child.id).select_related("organisation").first()
            if child is not None
            else None
        )
        if child is not None and version is not None:
            records = list(version.records.all())
            trail.record(
                actor=actor,
                action=AuditAction.CHRONOLOGY_EXPORTED if export else AuditAction.CHRONOLOGY_VERSION_VIEWED,
                target_type="chronology_version",
                target_id=version.id,
                child_id=child.id,
                details={"records": version.record_count, **({"format": export} if export else {})},
            )
    if child is None or version is None:
        raise NotFound
    return VersionPage(child, version_summary(version), list(_entries(records, reader_facts(actor))))
