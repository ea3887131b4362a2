"""This app's entries for a child's chronology: every active event, with its provenance.

Callers pass a child the actor may see (read through access). Restricted and
sealed content is withheld from those who may not read it: they see that the
entry exists, its date, and which organisation to ask.
"""

import uuid

from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.core.actor import Actor
from macpu.core.contracts import ChronologyEntry
from macpu.events.models import Event, EventStatus
from macpu.events.rules.describe import event_title
from macpu.organisations.rules.vocabulary import OrganisationType


def _entry(event: Event, reader: ReaderFacts) -> ChronologyEntry:
    organisation = event.organisation
    readable = may_read_content(reader, RecordFacts(organisation.id, organisation.sector, event.sensitivity))
    return ChronologyEntry(
        occurred_on=event.occurred_on,
        occurred_at=event.occurred_at,
        approximate=event.date_is_approximate,
        recorded_at=event.recorded_at,
        kind=event.type if readable else "withheld",
        title=event_title(event.type, event.details)
        if readable
        else f"A {event.get_sensitivity_display().split(':')[0].lower()} entry",
        detail=event.summary if readable else "",
        source_organisation=organisation.name,
        sector=organisation.sector,
        author_role=event.author_role if readable else "",
        record_id=event.record_id,
        sensitivity=event.sensitivity,
        withheld=not readable,
        contact=organisation.office_hours_phone,
    )


def entries_for_child(*, actor: Actor, child_id: uuid.UUID, limit: int = 500) -> list[ChronologyEntry]:
    """The newest `limit` active events about the child (retracted events are kept, never shown)."""
    reader = ReaderFacts(
        actor.organisation_id, actor.organisation_sector, actor.organisation_type == OrganisationType.MACPU
    )
    events = (
        Event.objects.filter(child_id=child_id, status=EventStatus.ACTIVE)
        .select_related("organisation")
        .order_by("-occurred_on", "-recorded_at")[:limit]
    )
    return [_entry(event, reader) for event in events]
