"""Finding the occurrences that several organisations recorded, among the entries of a view, for one reader.

Only entries whose content the reader may read are joined: joining a withheld entry to another would
tell what it is. Withheld entries stay entries of their own, as they always are.
"""

import uuid
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from macpu.chronology.models import SameFactSplit
from macpu.chronology.rules.same_fact import SAME_FACT_TYPES, SameFact, Told, agreed_details, same_facts
from macpu.chronology.selectors.entries import Reader, readable_by
from macpu.events.models import Event
from macpu.events.rules.describe import event_title


@dataclass(frozen=True)
class SameFacts:
    """The view's occurrences told by several organisations, by the id of every record of them."""

    by_record: dict[uuid.UUID, SameFact] = field(default_factory=dict)

    @property
    def hidden(self) -> set[uuid.UUID]:
        """Records shown as part of an earlier-recorded one's entry, not as entries of their own."""
        return {told.id for fact in self.by_record.values() for told in fact.told[1:]}

    @property
    def firsts(self) -> dict[uuid.UUID, SameFact]:
        return {fact.first.id: fact for fact in self.by_record.values()}


def _candidates(events: QuerySet[Event], reader: Reader) -> QuerySet[Event]:
    """The readable entries that another organisation's readable entry among these may tell again (a superset:
    the rule decides). Two small queries done by the database, so that only these few are read in full."""
    readable = events.filter(readable_by(reader))
    shared_days = list(
        readable.filter(type__in=SAME_FACT_TYPES)
        .values("type", "occurred_on")
        .annotate(organisations=Count("organisation_id", distinct=True))
        .filter(organisations__gt=1)
        .values_list("type", "occurred_on")
    )
    naming = list(
        readable.filter(ref_event__type=F("type"))
        .exclude(ref_event__organisation_id=F("organisation_id"))
        .values_list("id", "ref_event_id")
    )
    if not shared_days and not naming:
        return readable.none()
    on_shared_days = Q(type__in={t for t, _ in shared_days}, occurred_on__in={d for _, d in shared_days})
    return readable.filter(on_shared_days | Q(id__in={i for pair in naming for i in pair}))


def same_facts_in(events: QuerySet[Event], reader: Reader) -> SameFacts:
    """The occurrences among these (filtered, active) events that several organisations recorded, as this reader
    sees them, less the joinings people split. Four small queries: which days and records have a partner, those
    records in full, and their splits."""
    rows = list(
        _candidates(events, reader).values_list(
            "id",
            "organisation_id",
            "organisation__name",
            "type",
            "details",
            "occurred_on",
            "occurred_at",
            "recorded_at",
            "ref_event_id",
        )
    )
    if len(rows) < 2:
        return SameFacts()
    told = [
        Told(
            id_,
            org_id,
            org_name,
            type_,
            event_title(type_, details),
            on,
            at,
            recorded,
            ref,
            agreed_details(type_, details),
        )
        for id_, org_id, org_name, type_, details, on, at, recorded, ref in rows
    ]
    ids = [t.id for t in told]
    split = {
        frozenset(pair)
        for pair in SameFactSplit.objects.filter(event_id__in=ids, other_id__in=ids).values_list("event_id", "other_id")
    }
    return SameFacts({t.id: fact for fact in same_facts(told, split) for t in fact.told})
