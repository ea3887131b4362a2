"""Writes to a chronology: practitioners mark entries as significant and add their analysis."""

import uuid

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.models import EntryNote
from macpu.chronology.selectors import entry_event
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.models import Event

NOTE_MAX_LENGTH = 5000


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
    organisation_id = actor.organisation_id
    if organisation_id is None or actor.user_id is None:
        raise NotPermitted  # a practitioner in an organisation writes analysis, not a system
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
