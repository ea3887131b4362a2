"""Writes to a chronology: practitioners mark entries as significant, add their analysis, split entries that
the chronology took for one occurrence but were two, and save named versions for a conference or a review."""

import uuid

from django.db import transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.scoping import reader_facts
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.models import ChronologyVersion, ChronologyVersionRecord, EntryNote, SameFactSplit
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import entry_event
from macpu.chronology.selectors.timeline import visible_child
from macpu.chronology.selectors.versions import frozen_content, records_to_freeze
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.models import Event

NOTE_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000
VERSION_NAME_MAX_LENGTH = 200


def _curator_organisation(actor: Actor) -> uuid.UUID:
    """The organisation of a practitioner who may curate chronologies: a person in a case role, not a system."""
    if actor.organisation_id is None or actor.user_id is None:
        raise NotPermitted
    if not role_grants(actor.role, Permission.CHRONOLOGY_CURATE):
        raise NotPermitted
    return actor.organisation_id


def entry_annotate(
    *, actor: Actor, child_id: uuid.UUID, event_id: uuid.UUID, significant: bool | None, note: str
) -> EntryNote:
    """Mark an entry as significant (or no longer), and/or add a note on why it matters; attributed, never edited.

    Only someone who may read the entry's content may annotate it: a note is as confidential as its entry.
    """
    note = note.strip()
    if significant is None and not note:
        raise InvalidInput({"note": "Mark the entry as significant or not, or write a note"})
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput({"note": f"The note must be {NOTE_MAX_LENGTH:,} characters or fewer"})
    organisation_id = _curator_organisation(actor)
    with transaction.atomic():
        event, readable = entry_event(actor=actor, child_id=child_id, event_id=event_id)
        written = _write(actor, organisation_id, event, significant, note) if event and readable else None
    if event is None:
        raise NotFound
    if written is None:
        raise NotPermitted
    return written


def _write(actor: Actor, organisation_id: uuid.UUID, event: Event, significant: bool | None, note: str) -> EntryNote:
    written = EntryNote.objects.create(
        event=event,
        significant=significant,
        note=note,
        author_id=actor.user_id,
        author_name=actor.display_name or actor.label,
        author_role=actor.role,
        organisation_id=organisation_id,
    )
    trail.record(
        actor=actor,
        action=AuditAction.CHRONOLOGY_ENTRY_ANNOTATED,
        target_type="event",
        target_id=event.id,
        child_id=event.child_id,
        details={"significant": significant, "note_written": bool(note)},
    )
    return written


def same_fact_split(
    *, actor: Actor, child_id: uuid.UUID, event_id: uuid.UUID, other_id: uuid.UUID, reason: str
) -> SameFactSplit:
    """Record that two organisations' records joined as one occurrence are two: the chronology shows both again.

    Only someone who may read both records' content may split them (they are judging what the records say).
    """
    reason = reason.strip()
    if not reason:
        raise InvalidInput({"reason": "Say why these are different occurrences"})
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput({"reason": f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer"})
    if event_id == other_id:
        raise InvalidInput({"other": "Choose another organisation's record of this occurrence"})
    organisation_id = _curator_organisation(actor)
    with transaction.atomic():
        event, readable = entry_event(actor=actor, child_id=child_id, event_id=event_id)
        other, other_readable = (
            entry_event(actor=actor, child_id=child_id, event_id=other_id) if event else (None, False)
        )
        split = None
        if event and other and readable and other_readable:
            split = _split(actor, organisation_id, event, other, reason)
    if event is None or other is None:
        raise NotFound
    if split is None:
        raise NotPermitted
    return split


def _split(actor: Actor, organisation_id: uuid.UUID, event: Event, other: Event, reason: str) -> SameFactSplit:
    first, second = sorted((event, other), key=lambda e: str(e.id))
    split, created = SameFactSplit.objects.get_or_create(
        event=first,
        other=second,
        defaults={
            "reason": reason,
            "author_id": actor.user_id,
            "author_name": actor.display_name or actor.label,
            "author_role": actor.role,
            "organisation_id": organisation_id,
        },
    )
    if created:
        for record in (first, second):
            trail.record(
                actor=actor,
                action=AuditAction.CHRONOLOGY_SAME_FACT_SPLIT,
                target_type="event",
                target_id=record.id,
                child_id=record.child_id,
                details={"split_from": str(second.id if record is first else first.id)},
            )
    return split


def chronology_version_save(
    *, actor: Actor, child_id: uuid.UUID, filters: ChronologyFilter, name: str
) -> ChronologyVersion:
    """Save the actor's view of the chronology (the whole, or filtered) as a named version, frozen as it is now.

    Audited with its filters; the version holds every record in full and applies need-to-know when read.
    """
    name = " ".join(name.split())
    if not name:
        raise InvalidInput({"name": "Enter a name for the version, for example the conference it is for"})
    if len(name) > VERSION_NAME_MAX_LENGTH:
        raise InvalidInput({"name": f"The name must be {VERSION_NAME_MAX_LENGTH} characters or fewer"})
    organisation_id = _curator_organisation(actor)
    with transaction.atomic():
        child = visible_child(actor, child_id)
        version = _freeze(actor, organisation_id, child.id, filters, name) if child is not None else None
    if version is None:
        raise NotFound
    return version


def _freeze(
    actor: Actor, organisation_id: uuid.UUID, child_id: uuid.UUID, filters: ChronologyFilter, name: str
) -> ChronologyVersion:
    records = records_to_freeze(child_id, filters, reader_facts(actor))
    version = ChronologyVersion.objects.create(
        child_id=child_id,
        name=name,
        filters=filters.as_query(),
        record_count=len(records),
        author_id=actor.user_id,
        author_name=actor.display_name or actor.label,
        author_role=actor.role,
        organisation_id=organisation_id,
    )
    ChronologyVersionRecord.objects.bulk_create(
        ChronologyVersionRecord(
            version=version,
            position=position,
            event=record.event,
            organisation_id=record.event.organisation_id,
            sensitivity=record.event.sensitivity,
            occurrence=record.occurrence,
            same_fact_reason=record.same_fact_reason,
            content=frozen_content(record),
        )
        for position, record in enumerate(records)
    )
    trail.record(
        actor=actor,
        action=AuditAction.CHRONOLOGY_VERSION_SAVED,
        target_type="chronology_version",
        target_id=version.id,
        child_id=child_id,
        details={**filters.audit_details(), "entries": len(records)},
    )
    return version
