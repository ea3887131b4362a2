"""Reads for retention: the schedule in force in an area, the holds, and each child's facts and decision as at a day.
Counts and opaque ids only: retention never needs a child's name."""

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from macpu.access.models import Involvement
from macpu.core.errors import InvalidInput, NotFound
from macpu.events.models import Event
from macpu.organisations.models import Area, Organisation
from macpu.organisations.selectors import area_of_organisation
from macpu.people.models import Person, PersonKind
from macpu.people.selectors.search import person_id_by_reference
from macpu.retention.models import LegalHold, RetentionPeriod, RetentionRun
from macpu.retention.rules.schedule import (
    CHILD_PROTECTION_EVENT_TYPES,
    DEFAULT_PERIODS,
    ChildFacts,
    Decision,
    Hold,
    Period,
    RecordType,
    Verdict,
    decide,
)


@dataclass(frozen=True)
class PeriodInForce:
    record_type: RecordType
    period: Period
    default: Period

    @property
    def is_default(self) -> bool:
        return self.period == self.default


def schedule_for_area(area_id: uuid.UUID | None) -> list[PeriodInForce]:
    """Each record type's period as the area keeps it: its own where it set one, otherwise macpu's default."""
    own = {p.record_type: p for p in RetentionPeriod.objects.filter(area_id=area_id)} if area_id else {}
    rows = []
    for record_type, default in DEFAULT_PERIODS.items():
        setting = own.get(record_type.value)
        period = Period(setting.until_age, setting.years_after_last) if setting else default
        rows.append(PeriodInForce(record_type, period, default))
    return rows


def holds_list(*, child_id: uuid.UUID | None = None, current_on: dt.date | None = None) -> QuerySet[LegalHold]:
    holds = LegalHold.objects.order_by("-starts_on", "id")
    if child_id is not None:
        holds = holds.filter(child_id=child_id)
    if current_on is not None:
        holds = holds.filter(released_on__isnull=True).exclude(ends_on__lt=current_on)
    return holds


def hold_get(hold_id: uuid.UUID) -> LegalHold | None:
    return LegalHold.objects.filter(id=hold_id).first()


def child_find(reference: str) -> Person | None:
    """A child by macpu's id or by an NHS number only one child has, as an information governance officer names one;
    None when there is no such child, or the number is not valid or not one child's."""
    try:
        return Person.objects.get(id=person_id_by_reference(reference, kind=PersonKind.CHILD))
    except (InvalidInput, NotFound):
        return None


def runs_recent(limit: int = 10) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.order_by("-created_at")[:limit]


@dataclass(frozen=True)
class ChildDecision:
    child_id: uuid.UUID
    decision: Decision


def _areas_by_child(child_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
    areas: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    rows = Involvement.objects.filter(child_id__in=child_ids).values_list("child_id", "organisation_id")
    organisation_areas = Organisation.areas.through.objects.values_list("organisation_id", "area_id")
    by_organisation: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for organisation_id, area_id in organisation_areas:
        by_organisation[organisation_id].add(area_id)
    for child_id, organisation_id in rows:
        areas[child_id] |= by_organisation.get(organisation_id, set())
    return areas


def _periods(
    area_ids: set[uuid.UUID], fallback: uuid.UUID | None, cache: dict[uuid.UUID, list[PeriodInForce]]
) -> dict[RecordType, list[Period]]:
    """Every area with a say in the child (through the organisations involved) gives its period; the longest wins."""
    chosen: dict[RecordType, list[Period]] = defaultdict(list)
    for area_id in area_ids or ({fallback} if fallback else set()):
        if area_id not in cache:
            cache[area_id] = schedule_for_area(area_id)
        for row in cache[area_id]:
            chosen[row.record_type].append(row.period)
    return chosen


def _facts(children: list[Person]) -> dict[uuid.UUID, ChildFacts]:
    ids = [child.id for child in children]
    events = {
        row["child_id"]: row
        for row in Event.objects.filter(child_id__in=ids)
        .values("child_id")
        .annotate(last_on=Max("occurred_on"), last_received=Max("received_at"), last_changed=Max("updated_at"))
    }
    protection = set(
        Event.objects.filter(child_id__in=ids, type__in=CHILD_PROTECTION_EVENT_TYPES).values_list("child_id", flat=True)
    )
    facts = {}
    for child in children:
        row: dict[str, Any] = dict(events.get(child.id, {}))
        days = [child.updated_at.date(), child.created_at.date()]
        days += [row[key].date() for key in ("last_received", "last_changed") if row.get(key)]
        days += [row["last_on"]] if row.get("last_on") else []
        types = frozenset(CHILD_PROTECTION_EVENT_TYPES if child.id in protection else ())
        facts[child.id] = ChildFacts(
            born=child.date_of_birth or child.expected_date, last_recorded=max(days), event_types=types
        )
    return facts


def _holds(child_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Hold]]:
    holds: dict[uuid.UUID, list[Hold]] = defaultdict(list)
    for hold in LegalHold.objects.filter(child_id__in=child_ids, released_on__isnull=True):
        holds[hold.child_id].append(Hold(hold.starts_on, hold.ends_on))
    return holds


def child_decisions(*, on: dt.date, batch_size: int = 500) -> Iterator[ChildDecision]:
    """Every child's decision as at the day, read in batches: retention is a whole-deployment job."""
    fallback = area_of_organisation()
    cache: dict[uuid.UUID, list[PeriodInForce]] = {}
    # A record folded into another by a link (people.services.duplicates) goes with the record it is part of.
    children = Person.objects.filter(kind=PersonKind.CHILD, merged_into__isnull=True).order_by("id")
    last: uuid.UUID | None = None
    while True:
        page = list((children.filter(id__gt=last) if last else children)[:batch_size])
        if not page:
            return
        ids = [child.id for child in page]
        facts, holds, areas = _facts(page), _holds(ids), _areas_by_child(ids)
        for child_id in ids:
            periods = _periods(areas.get(child_id, set()), fallback.id if fallback else None, cache)
            yield ChildDecision(child_id, decide(facts[child_id], periods, holds.get(child_id, []), on))
        last = ids[-1]


def child_decision(*, child_id: uuid.UUID, on: dt.date) -> Decision | None:
    """One child's decision, read again inside the transaction that disposes of their record."""
    child = Person.objects.filter(id=child_id, kind=PersonKind.CHILD, merged_into__isnull=True).first()
    if child is None:
        return None
    fallback = area_of_organisation()
    areas = _areas_by_child([child_id]).get(child_id, set())
    periods = _periods(areas, fallback.id if fallback else None, {})
    return decide(_facts([child])[child_id], periods, _holds([child_id]).get(child_id, []), on)


@dataclass(frozen=True)
class Preview:
    """Children by record type and verdict as at a day: what the next run would find. Counts only."""

    on: dt.date
    children: dict[str, dict[str, int]]

    def total(self, verdict: Verdict) -> int:
        return sum(by_verdict.get(verdict.value, 0) for by_verdict in self.children.values())


def retention_preview(*, on: dt.date) -> Preview:
    counts: dict[str, Counter[str]] = {}
    for row in child_decisions(on=on):
        counts.setdefault(row.decision.record_type.value, Counter())[row.decision.verdict.value] += 1
    return Preview(on, {record_type: dict(counter) for record_type, counter in sorted(counts.items())})


def area_named(area_id: uuid.UUID) -> Area | None:
    return Area.objects.filter(id=area_id).first()
