"""Reads for the CP-IS extract (R31, R32): what is waiting to be sent, who cannot be sent, the extracts made.

Plans are worked out from the children's events (`rules/plans.py`); nothing is stored but the extracts.
What is waiting: every CP-IS plan whose start or end event macpu received after the last extract's
`covers_to`, with the plans that extract held back; before any extract, every open CP-IS plan.
"""

import datetime as dt
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.events.models import Event, EventStatus
from macpu.organisations.models import Organisation
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.pathway.models import CpisExtract
from macpu.pathway.rules.cpis import (
    CpisChild,
    CpisProblem,
    CpisRow,
    ResponsibleAuthority,
    changed_cpis_periods,
    child_flags,
    cpis_rows,
    open_cpis_periods,
    unmatched_end_problems,
)
from macpu.pathway.rules.plans import CPIS_PLAN_TYPES, plan_history
from macpu.pathway.rules.records import StepRecord
from macpu.pathway.selectors.records import records_of_children
from macpu.people.models import Identifier, IdentifierScheme, Person, Relationship, RelationshipType

PLAN_EVENT_TYPES = ("plan_started", "plan_ended")


@dataclass(frozen=True)
class CpisPending:
    """The rows the next extract would hold, and what is wrong with them, as of `covers_to`."""

    covers_from: dt.datetime | None
    covers_to: dt.datetime
    rows: tuple[CpisRow, ...]
    problems: tuple[CpisProblem, ...]

    @property
    def sendable(self) -> tuple[CpisRow, ...]:
        return tuple(row for row in self.rows if row.sendable)

    @property
    def held_back(self) -> tuple[CpisRow, ...]:
        return tuple(row for row in self.rows if not row.sendable)


@dataclass(frozen=True)
class FlaggedChild:
    child_id: uuid.UUID
    problems: tuple[str, ...]


def cpis_extract_last() -> CpisExtract | None:
    return CpisExtract.objects.order_by("-sequence").first()


def cpis_extracts() -> list[CpisExtract]:
    """Every extract, newest first, without their files."""
    return list(CpisExtract.objects.defer("content").order_by("-sequence"))


def cpis_extract_get(*, extract_id: uuid.UUID) -> CpisExtract:
    extract = CpisExtract.objects.defer("content").filter(id=extract_id).first()
    if extract is None:
        raise NotFound
    return extract


def cpis_extract_download(*, actor: Actor, extract_id: uuid.UUID) -> CpisExtract:
    """The extract with its file (NHS numbers of every child in it): the download is audited."""
    with transaction.atomic():
        extract = CpisExtract.objects.filter(id=extract_id).first()
        if extract is None:
            raise NotFound
        trail.record(
            actor=actor,
            action=AuditAction.CPIS_EXTRACT_DOWNLOADED,
            target_type="cpis_extract",
            target_id=extract.id,
            details={"sequence": extract.sequence, "rows": extract.row_count, "sha256": extract.sha256},
        )
    return extract


def cpis_pending(*, covers_to: dt.datetime | None = None) -> CpisPending:
    """What an extract made at `covers_to` (now, if not given) would hold."""
    covers_to = covers_to or clock.now()
    last = cpis_extract_last()
    if last is None:
        return _first_pending(covers_to)
    events = list(
        Event.objects.filter(
            status=EventStatus.ACTIVE,
            type__in=PLAN_EVENT_TYPES,
            details__plan_type__in=sorted(CPIS_PLAN_TYPES),
            received_at__gt=last.covers_to,
            received_at__lte=covers_to,
        ).values_list("id", "child_id")
    )
    changed = {str(event_id) for event_id, _ in events}
    held_back = {str(entry["start_record"]) for entry in last.held_back}
    children = {child_id for _, child_id in events} | {uuid.UUID(entry["child"]) for entry in last.held_back}
    rows, problems = _rows_of(children, changed=changed, held_back=held_back)
    return CpisPending(last.covers_to, covers_to, rows, problems)


def _first_pending(covers_to: dt.datetime) -> CpisPending:
    rows, problems = _rows_of(_children_with_cpis_plans(), changed=None, held_back=set())
    return CpisPending(None, covers_to, rows, problems)


def _children_with_cpis_plans() -> set[uuid.UUID]:
    return set(
        Event.objects.filter(
            status=EventStatus.ACTIVE, type="plan_started", details__plan_type__in=sorted(CPIS_PLAN_TYPES)
        ).values_list("child_id", flat=True)
    )


def _rows_of(
    child_ids: Collection[uuid.UUID], *, changed: set[str] | None, held_back: set[str]
) -> tuple[tuple[CpisRow, ...], tuple[CpisProblem, ...]]:
    """The rows of the children's open plans (`changed` None), or of their changed and held-back plans."""
    records = records_of_children(child_ids)
    facts = _children_facts(records.keys())
    authorities = _authorities(records)
    rows: list[CpisRow] = []
    problems: list[CpisProblem] = []
    for child_id in sorted(records, key=str):
        history = plan_history(records[child_id])
        periods = open_cpis_periods(history) if changed is None else changed_cpis_periods(history, changed, held_back)
        found = cpis_rows(child=facts[child_id], periods=periods, authorities=authorities)
        rows.extend(found.rows)
        problems.extend(found.problems)
        problems.extend(unmatched_end_problems(str(child_id), history, changed))
    rows.sort(key=lambda row: (row.started_on, row.child_reference, row.start_record))
    return tuple(rows), tuple(_unique(problems))


def _unique(problems: Iterable[CpisProblem]) -> list[CpisProblem]:
    return list(dict.fromkeys(problems))


def cpis_flagged_children() -> list[FlaggedChild]:
    """Children on an open CP-IS plan whom CP-IS cannot hold as they are: no verified NHS number (or, unborn, no
    mother's), or born while on an unborn child protection plan (R32)."""
    records = records_of_children(_children_with_cpis_plans())
    facts = _children_facts(records.keys())
    flagged = []
    for child_id in sorted(records, key=str):
        flags = child_flags(facts[child_id], plan_history(records[child_id]))
        if flags:
            flagged.append(FlaggedChild(child_id, tuple(dict.fromkeys(flag.message for flag in flags))))
    return flagged


def _verified_nhs_numbers(person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each person's verified NHS number in force (the latest recorded, should there be more than one)."""
    identifiers = Identifier.objects.filter(
        person_id__in=list(person_ids), scheme=IdentifierScheme.NHS_NUMBER, verified=True, valid_to__isnull=True
    ).order_by("created_at")
    return {identifier.person_id: identifier.value for identifier in identifiers}


def _mothers(child_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    relationships = Relationship.objects.filter(
        person_id__in=list(child_ids), type=RelationshipType.MOTHER, valid_to__isnull=True
    ).order_by("created_at")
    return {relationship.person_id: relationship.relative_id for relationship in relationships}


def _children_facts(child_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, CpisChild]:
    people = {person.id: person for person in Person.objects.filter(id__in=list(child_ids))}
    mothers = _mothers(people)
    numbers = _verified_nhs_numbers([*people, *mothers.values()])
    return {
        person.id: CpisChild(
            reference=str(person.id),
            nhs_number=numbers.get(person.id),
            is_unborn=person.is_unborn,
            expected_date=person.expected_date,
            mother_nhs_number=numbers.get(mothers[person.id]) if person.id in mothers else None,
        )
        for person in people.values()
    }


def _authorities(records: dict[uuid.UUID, list[StepRecord]]) -> dict[str, ResponsibleAuthority]:
    """The organisation that recorded each plan start, keyed by the start event's id."""
    starts = {record.id: record.org for child in records.values() for record in child if record.type == "plan_started"}
    organisations = {
        organisation.code: ResponsibleAuthority(
            code=organisation.code,
            name=organisation.name,
            office_hours_phone=organisation.office_hours_phone,
            out_of_hours_phone=organisation.out_of_hours_phone,
            is_childrens_social_care=organisation.type == OrganisationType.CHILDRENS_SOCIAL_CARE,
        )
        for organisation in Organisation.objects.filter(code__in=set(starts.values()))
    }
    return {start: organisations[code] for start, code in starts.items() if code in organisations}


@dataclass(frozen=True)
class CpisOverview:
    pending: CpisPending
    flagged: list[FlaggedChild]


def cpis_overview(*, actor: Actor) -> CpisOverview:
    """What is waiting to be sent and the flagged children, for the page, the API and `macpu cpis pending`: audited
    (child ids and plan dates, never NHS numbers)."""
    with transaction.atomic():
        overview = CpisOverview(cpis_pending(), cpis_flagged_children())
        trail.record(
            actor=actor,
            action=AuditAction.CPIS_PENDING_VIEWED,
            target_type="cpis_pending",
            details={"rows": len(overview.pending.rows), "flagged": len(overview.flagged)},
        )
    return overview
