"""A child's pathway events, read as the pure pathway rules take them."""

import uuid
from collections.abc import Iterable

from macpu.events.models import Event, EventStatus
from macpu.pathway.rules.records import PATHWAY_TYPES, StepRecord

_FIELDS = (
    "child_id",
    "id",
    "type",
    "organisation__code",
    "occurred_on",
    "occurred_at",
    "recorded_at",
    "details",
    "ref_event_id",
    "record_id",
)
_CHILDREN_A_QUERY = 2000  # well inside every database's limit on a query's parameters


def step_records(child_id: uuid.UUID) -> list[StepRecord]:
    """Every active pathway event of the child, whoever recorded it and however sensitive.

    The pathway's structure (which steps happened, when, with what outcome) is worked out from all
    of them, so that a due date never depends on who is looking; what a reader is shown of each
    step's content is decided where it is shown.
    """
    return records_of_children([child_id]).get(child_id, [])


def records_of_children(child_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[StepRecord]]:
    """The pathway events of many children at once (task lists, reminders, the CP-IS extract), a query per 2,000."""
    wanted = list(dict.fromkeys(child_ids))
    records: dict[uuid.UUID, list[StepRecord]] = {}
    for start in range(0, len(wanted), _CHILDREN_A_QUERY):
        rows = (
            Event.objects.filter(
                child_id__in=wanted[start : start + _CHILDREN_A_QUERY],
                status=EventStatus.ACTIVE,
                type__in=PATHWAY_TYPES,
            )
            .order_by("occurred_on", "recorded_at", "id")
            .values_list(*_FIELDS)
        )  # tuples, not models: a task list reads every pathway event of hundreds of children
        for child_id, event_id, kind, org, occurred_on, occurred_at, recorded_at, details, ref_id, record_id in rows:
            records.setdefault(child_id, []).append(
                StepRecord(
                    id=str(event_id),
                    type=kind,
                    org=org,
                    occurred_on=occurred_on,
                    recorded_at=recorded_at,
                    details=details,
                    occurred_at=occurred_at,
                    ref=str(ref_id) if ref_id else None,
                    record_id=record_id,
                )
            )
    return records
