"""The facts the gap rules weigh, for many children at once, as at a day: a few queries whatever their number.

Every read here is on the engine's behalf (macpu itself), not a person's: the rules see every record,
whatever its sensitivity, because a gap between agencies is what no one agency's view shows. What a
person is then shown of a finding's evidence is decided where it is shown.
"""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from macpu.events.models import Event, EventPerson, EventStatus
from macpu.gaps.rules.base import ChildFacts, GapRecord, HouseholdAdult, Mention, Registered, Whose
from macpu.organisations.models import Organisation
from macpu.pathway.rules.case import case_of
from macpu.pathway.rules.records import PATHWAY_TYPES, StepRecord
from macpu.people.models import DuplicateStatus, Person, ProbableDuplicate, Relationship, RelationshipType
from macpu.workingdays.rules.working_days import WorkingCalendar

SIBLINGS = (RelationshipType.SIBLING, RelationshipType.HALF_SIBLING)
# Siblings' records the rules weigh: referrals and their decisions (T3 counts a family's referrals together).
SIBLING_TYPES = ("referral", "referral_decision")
HOUSEHOLD = (RelationshipType.PARENT_PARTNER, RelationshipType.HOUSEHOLD_MEMBER, RelationshipType.STEP_PARENT)
_A_QUERY = 1000


def _chunks(ids: list[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(ids), _A_QUERY):
        yield ids[start : start + _A_QUERY]


_EVENT_FIELDS = (
    "id",
    "child_id",
    "organisation__code",
    "organisation__name",
    "organisation__sector",
    "record_id",
    "type",
    "occurred_on",
    "recorded_at",
    "details",
    "safeguarding_relevant",
    "ref_event_id",
    "sensitivity",
)


def _events(child_ids: list[uuid.UUID], as_of: dt.date, types: tuple[str, ...] = ()) -> list[tuple]:  # type: ignore[type-arg]
    rows: list[tuple] = []  # type: ignore[type-arg]
    for chunk in _chunks(child_ids):
        events = Event.objects.filter(child_id__in=chunk, status=EventStatus.ACTIVE, occurred_on__lte=as_of)
        if types:
            events = events.filter(type__in=types)
        rows.extend(events.order_by("occurred_on", "recorded_at", "id").values_list(*_EVENT_FIELDS))
    return rows


def _mentions(child_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[Mention, ...]]:
    """The people named by these children's events, by event: one query a thousand children. (The events are
    chosen by a subquery: joining them instead took SQLite twenty-five times as long on a large area.)"""
    found: dict[uuid.UUID, list[Mention]] = defaultdict(list)
    for chunk in _chunks(child_ids):
        events = Event.objects.filter(child_id__in=chunk).values("id")
        rows = EventPerson.objects.filter(event_id__in=events).values_list(
            "event_id", "person_id", "role", "person__given_name", "person__family_name"
        )
        for event_id, person_id, role, given, family in rows:
            found[event_id].append(Mention(str(person_id), role, f"{given} {family}".strip()))
    return {event_id: tuple(mentions) for event_id, mentions in found.items()}


def _record(row: tuple, mentions: dict, whose: Whose = Whose.CHILD, subject: str = "") -> GapRecord:  # type: ignore[type-arg]
    event_id, _, code, name, sector, record_id, kind, occurred_on, recorded_at, details, relevant, ref, sensitivity = (
        row
    )
    return GapRecord(
        id=str(event_id),
        org=code,
        org_name=name,
        sector=sector,
        record_id=record_id,
        type=kind,
        occurred_on=occurred_on,
        recorded_at=recorded_at,
        details=details,
        safeguarding_relevant=relevant,
        people=mentions.get(event_id, ()),
        ref=str(ref) if ref else None,
        whose=whose,
        subject_name=subject,
        sensitivity=sensitivity,
    )


def _either_side(
    rows: Iterable[tuple[uuid.UUID, uuid.UUID]], wanted: set[uuid.UUID]
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    """(child, the other) for each pair that names one of the wanted children, on whichever side."""
    pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for one, other in rows:
        if one in wanted:
            pairs.add((one, other))
        if other in wanted:
            pairs.add((other, one))
    return pairs


def _siblings(child_ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(child, sibling) whichever of the two the relationship was recorded on: an agency that names a brother on
    his sister's record makes them each other's siblings."""
    pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for chunk in _chunks(child_ids):
        related = Relationship.objects.filter(Q(person_id__in=chunk) | Q(relative_id__in=chunk), type__in=SIBLINGS)
        pairs |= _either_side(related.values_list("person_id", "relative_id"), set(chunk))
    return sorted(pairs)


def _duplicates(child_ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(child, the other record) for every probable duplicate not yet resolved, whichever side the child is on."""
    pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for chunk in _chunks(child_ids):
        flagged = ProbableDuplicate.objects.filter(
            Q(person_id__in=chunk) | Q(candidate_id__in=chunk), status=DuplicateStatus.OPEN
        )
        pairs |= _either_side(flagged.values_list("person_id", "candidate_id"), set(chunk))
    return sorted(pairs)


def _household(
    child_ids: list[uuid.UUID], records: dict[uuid.UUID, list[GapRecord]]
) -> dict[uuid.UUID, tuple[HouseholdAdult, ...]]:
    """Each child's adults in the household by any agency's account, whether social care records them, and whether
    checks on them are recorded."""
    social_care = set(Organisation.objects.filter(sector="social_care").values_list("code", flat=True))
    rows: list[tuple] = []  # type: ignore[type-arg]
    for chunk in _chunks(child_ids):
        rows.extend(
            Relationship.objects.filter(person_id__in=chunk, relative__kind="adult")
            .filter(Q(lives_with=True) | Q(type__in=HOUSEHOLD))
            .values_list(
                "person_id", "relative_id", "relative__given_name", "relative__family_name", "type",
                "valid_from", "valid_to", "recorded_by__code",
            )
        )  # fmt: skip
    adults: dict[uuid.UUID, dict[uuid.UUID, HouseholdAdult]] = defaultdict(dict)
    for child_id, adult_id, given, family, kind, since, until, org in rows:
        mentioned = [r for r in records.get(child_id, []) if any(m.person_id == str(adult_id) for m in r.people)]
        known = org in social_care or any(r.org in social_care for r in mentioned)
        checked = any(r.type == "checks_completed" for r in mentioned)
        before = adults[child_id].get(adult_id)
        orgs = tuple(
            sorted({*(before.recorded_by if before else ()), *([org] if org else []), *(r.org for r in mentioned)})
        )
        adults[child_id][adult_id] = HouseholdAdult(
            person_id=str(adult_id),
            name=f"{given} {family}".strip(),
            relationship=kind,
            since=min((d for d in (since, before.since if before else None) if d), default=None),
            until=until
            if before is None
            else (None if before.until is None or until is None else max(until, before.until)),
            recorded_by=orgs,
            known_to_social_care=known or bool(before and before.known_to_social_care),
            checked=checked,
        )
    return {child_id: tuple(found.values()) for child_id, found in adults.items()}


def _steps(records: list[GapRecord]) -> list[StepRecord]:
    return [
        StepRecord(r.id, r.type, r.org, r.occurred_on, r.recorded_at, r.details, ref=r.ref, record_id=r.record_id)
        for r in records
        if r.type in PATHWAY_TYPES and r.whose is Whose.CHILD
    ]


def facts_of_children(
    child_ids: Iterable[uuid.UUID], as_of: dt.date, calendar: WorkingCalendar
) -> dict[uuid.UUID, ChildFacts]:
    """Each child's facts as at `as_of`: only events that occurred by then."""
    ids = list(dict.fromkeys(child_ids))
    people = {p.id: p for p in Person.objects.filter(id__in=ids)}
    own = _events(ids, as_of)
    siblings, duplicates = _siblings(ids), _duplicates(ids)
    others = list({other for _, other in (*siblings, *duplicates)})
    names = {p.id: p.full_name for p in Person.objects.filter(id__in=others)}
    sibling_rows = _events(others, as_of, SIBLING_TYPES)
    duplicate_rows = _events([other for _, other in duplicates], as_of)
    mentions = _mentions([*ids, *others])
    records: dict[uuid.UUID, list[GapRecord]] = defaultdict(list)
    for row in own:
        records[row[1]].append(_record(row, mentions))
    by_person: dict[uuid.UUID, list[tuple]] = defaultdict(list)  # type: ignore[type-arg]
    for row in (*sibling_rows, *duplicate_rows):
        by_person[row[1]].append(row)
    for whose, pairs in ((Whose.SIBLING, siblings), (Whose.DUPLICATE, duplicates)):
        for child_id, other in pairs:
            wanted = SIBLING_TYPES if whose is Whose.SIBLING else None
            records[child_id].extend(
                _record(row, mentions, whose, names.get(other, ""))
                for row in by_person.get(other, [])
                if wanted is None or row[6] in wanted
            )
    household = _household(ids, records)
    register = {
        code: Registered(name, sector)
        for code, name, sector in Organisation.objects.values_list("code", "name", "sector")
    }
    facts = {}
    for child_id in ids:
        child_records = sorted(records.get(child_id, []), key=lambda r: (r.occurred_on, r.recorded_at, r.id))
        gp = [
            r.org
            for r in child_records
            if r.whose is Whose.CHILD and r.details.get("service") in ("gp", "gp_registration", "general_practice")
        ]
        person = people.get(child_id)
        facts[child_id] = ChildFacts(
            child_id=str(child_id),
            born=person.date_of_birth if person else None,
            as_of=as_of,
            calendar=calendar,
            records=tuple(child_records),
            case=case_of(_steps(child_records)),
            household=household.get(child_id, ()),
            gp_org=gp[-1] if gp else "",
            organisations=register,
        )
    return facts
