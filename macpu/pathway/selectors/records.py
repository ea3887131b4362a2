"""A child's pathway events, read as the pure pathway rules take them."""

import uuid
from collections.abc import Iterable

from macpu.events.models import Event, EventStatus
from macpu.pathway.rules.records import PATHWAY_TYPES, StepRecord


def _record(event: Event) -> StepRecord:
    return StepRecord(
        id=str(event.id),
        type=event.type,
        org=event.organisation.code,
        occurred_on=event.occurred_on,
        occurred_at=event.occurred_at,
        recorded_at=event.recorded_at,
        details=event.details,
        ref=str(event.ref_event_id) if event.ref_event_id else None,
        record_id=event.record_id,
    )


def step_records(child_id: uuid.UUID) -> list[StepRecord]:
    """Every active pathway event of the child, whoever recorded it and however sensitive.

    The pathway's structure (which steps happened, when, with what outcome) is worked out from all
    of them, so that a due date never depends on who is looking; what a reader is shown of each
    step's content is decided where it is shown.
    """
    return records_of_children([child_id]).get(child_id, [])


def records_of_children(child_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[StepRecord]]:
    """The pathway events of many children at once (task lists, the CP-IS extract), in one query."""
    events = (
        Event.objects.filter(child_id__in=list(child_ids), status=EventStatus.ACTIVE, type__in=PATHWAY_TYPES)
        .select_related("organisation")
        .order_by("occurred_on", "recorded_at", "id")
    )
    records: dict[uuid.UUID, list[StepRecord]] = {}
    for event in events:
        records.setdefault(event.child_id, []).append(_record(event))
    return records
