"""A child's identifiers reconciled (issue 8 point 4; R1, R8): every identifier the child has had, from which
organisation, verified or not, current or ended, what looks wrong, and the consistent identifier.

Read through access like the rest of the child's record (`child_get`: a hidden child and a missing one are both
NotFound, and the view is audited). Another record holding the same NHS number or UPN is named only when the reader
may see it; otherwise it is "another record", with no detail.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from macpu.access.scoping import restrict_to_visible_children
from macpu.core.actor import Actor
from macpu.people.models import (
    DuplicateStatus,
    Identifier,
    IdentifierScheme,
    Person,
    PersonKind,
    PersonLink,
    ProbableDuplicate,
    SourceRecord,
)
from macpu.people.rules.identifier_history import (
    NATIONAL_SCHEMES,
    NHS_NUMBER,
    Conflict,
    ConflictKind,
    ConsistentStatus,
    HeldIdentifier,
    agency_record_id,
    consistent_identifier,
    display_value,
    held_elsewhere_message,
    identifier_warnings,
    own_conflicts,
    reported_traced,
    stated_in,
    verification_of,
)
from macpu.people.selectors.children import child_get


@dataclass(frozen=True)
class ReportedBy:
    """An organisation's record of the child that gives the identifier."""

    organisation: str
    organisation_code: str
    record_id: str  # the organisation's own id for the child; "" when it sent none
    traced: bool  # the organisation's record says the NHS number was traced against PDS
    record_updated_at: dt.datetime  # when macpu last received a change to that record


@dataclass(frozen=True)
class IdentifierEntry:
    id: uuid.UUID
    scheme: str
    scheme_label: str
    value: str  # as stored: an NHS number is 10 digits
    shown: str  # as shown: an NHS number is 3-3-4
    issuer: str  # the issuing organisation's name; "" for a national number (NHS number)
    issuer_code: str
    verified: bool
    verification: str
    warnings: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    first_reported_at: dt.datetime
    first_reported_by: ReportedBy | None  # the record it first came from; None when added in macpu by hand
    reported_by: tuple[ReportedBy, ...]  # the records that give it now

    @property
    def current(self) -> bool:
        return self.valid_to is None

    @property
    def last_reported_at(self) -> dt.datetime | None:
        """The latest change, received from an organisation, to a record that still gives it."""
        return max((r.record_updated_at for r in self.reported_by), default=None)

    @property
    def held(self) -> HeldIdentifier:
        return HeldIdentifier(self.scheme, self.value, self.verified, self.valid_to)


@dataclass(frozen=True)
class IdentifierConflict:
    kind: str
    scheme: str
    values: tuple[str, ...]
    message: str
    other_child_id: uuid.UUID | None = None  # only a child the reader may see
    other_child_name: str = ""
    in_review_queue: bool = False


@dataclass(frozen=True)
class ConsistentIdentifier:
    """The identifier macpu treats as the child's consistent identifier (MACPU_CONSISTENT_IDENTIFIER)."""

    scheme: str
    scheme_label: str
    status: str  # verified, unverified or none
    identifier: IdentifierEntry | None
    advice: str


@dataclass(frozen=True)
class ChildIdentifiers:
    child: Person
    identifiers: list[IdentifierEntry]  # current first, then ended, newest first
    conflicts: list[IdentifierConflict]
    consistent: ConsistentIdentifier

    @property
    def current(self) -> list[IdentifierEntry]:
        return [i for i in self.identifiers if i.current]

    @property
    def past(self) -> list[IdentifierEntry]:
        return [i for i in self.identifiers if not i.current]


def consistent_scheme() -> IdentifierScheme:
    """The scheme the deployment names (a system check refuses any other value at start-up)."""
    return IdentifierScheme(settings.MACPU_CONSISTENT_IDENTIFIER)


def child_identifiers_get(*, actor: Actor, child_id: uuid.UUID) -> ChildIdentifiers:
    """Every identifier the child has had, reconciled; NotFound (audited) for a child the actor may not see."""
    child = child_get(actor=actor, child_id=child_id)  # audits the view, or the refusal in its own transaction
    sources = _linked_sources(child)
    rows = Identifier.objects.filter(person=child).select_related("issuer", "source__organisation")
    entries = sorted(
        (_entry(row, sources) for row in rows),
        key=lambda e: (
            not e.current,
            _SCHEMES.index(e.scheme),
            -_ordinal(e.valid_to),
            -e.first_reported_at.timestamp(),
        ),
    )
    held = [entry.held for entry in entries]
    conflicts = [_own(conflict) for conflict in own_conflicts(held)] + _held_elsewhere(actor, child, entries)
    return ChildIdentifiers(child, entries, conflicts, _consistent(entries, held))


_SCHEMES: list[str] = list(IdentifierScheme.values)  # NHS number, UPN, former UPN, then local ids


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def _linked_sources(child: Person) -> list[SourceRecord]:
    """The organisations' records of the child linked to it now, each as last sent."""
    links = PersonLink.objects.filter(person=child, unlinked_at__isnull=True).select_related(
        "source_record__organisation"
    )
    return [link.source_record for link in links]


def _reported_by(source: SourceRecord) -> ReportedBy:
    return ReportedBy(
        organisation=source.organisation.name,
        organisation_code=source.organisation.code,
        record_id=agency_record_id(source.local_id),
        traced=reported_traced(source.payload),
        record_updated_at=source.updated_at,
    )


def _entry(row: Identifier, sources: list[SourceRecord]) -> IdentifierEntry:
    test_range_expected = settings.MACPU_ENV != "production"
    return IdentifierEntry(
        id=row.id,
        scheme=row.scheme,
        scheme_label=IdentifierScheme(row.scheme).label,
        value=row.value,
        shown=display_value(row.scheme, row.value),
        issuer=row.issuer.name if row.issuer else "",
        issuer_code=row.issuer.code if row.issuer else "",
        verified=row.verified,
        verification=verification_of(row.scheme, row.verified),
        warnings=identifier_warnings(row.scheme, row.value, row.warning, test_range_expected=test_range_expected),
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        first_reported_at=row.created_at,
        first_reported_by=_reported_by(row.source) if row.source else None,
        reported_by=tuple(
            _reported_by(s) for s in sources if row.valid_to is None and stated_in(s.payload, row.scheme, row.value)
        ),
    )


def _own(conflict: Conflict) -> IdentifierConflict:
    return IdentifierConflict(str(conflict.kind), conflict.scheme, conflict.values, conflict.message)


def _held_elsewhere(actor: Actor, child: Person, entries: list[IdentifierEntry]) -> list[IdentifierConflict]:
    """The child's NHS numbers and UPNs that another record holds now (an NHS number against NHS numbers, a UPN
    or former UPN against UPNs and former UPNs). Only a child the actor may see is named."""
    mine: dict[tuple[str, str], IdentifierEntry] = {}
    for entry in entries:  # current ones first, so a value held now and before counts as held now
        if entry.scheme in NATIONAL_SCHEMES:
            mine.setdefault((_family(entry.scheme), entry.value), entry)
    holders = _other_holders(child, mine.keys())
    people = {person.id: person for found in holders.values() for person in found}
    visible = set(
        restrict_to_visible_children(
            Person.objects.filter(id__in=people, kind=PersonKind.CHILD), actor=actor
        ).values_list("id", flat=True)
    )
    queued = _in_review_queue(child, set(people))
    return [
        _held_by(mine[key], person, seen=person.id in visible, queued=person.id in queued)
        for key, persons in holders.items()
        for person in persons
    ]


def _other_holders(child: Person, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Person]]:
    """Who else holds each of these (scheme family, value) now."""
    wanted = set(keys)
    holders: dict[tuple[str, str], list[Person]] = {}
    if not wanted:
        return holders
    others = Identifier.objects.filter(
        scheme__in=NATIONAL_SCHEMES, value__in={value for _, value in wanted}, valid_to__isnull=True
    ).exclude(person=child)
    for held in others.select_related("person"):
        key = (_family(held.scheme), held.value)
        if key in wanted and held.person not in holders.setdefault(key, []):
            holders[key].append(held.person)
    return holders


def _held_by(entry: IdentifierEntry, person: Person, *, seen: bool, queued: bool) -> IdentifierConflict:
    other = f"the record of {person.full_name}" if seen else "another record"
    return IdentifierConflict(
        str(ConflictKind.HELD_BY_ANOTHER_RECORD),
        entry.scheme,
        (entry.shown,),
        held_elsewhere_message(entry.scheme, entry.value, current=entry.current, other=other, in_review_queue=queued),
        other_child_id=person.id if seen else None,
        other_child_name=person.full_name if seen else "",
        in_review_queue=queued,
    )


def _family(scheme: str) -> str:
    return NHS_NUMBER if scheme == NHS_NUMBER else IdentifierScheme.UPN.value


def _in_review_queue(child: Person, others: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these people are flagged with the child as probable duplicates, still open for review."""
    if not others:
        return set()
    pairs = ProbableDuplicate.objects.filter(
        Q(person=child, candidate_id__in=others) | Q(person_id__in=others, candidate=child),
        status=DuplicateStatus.OPEN,
    ).values_list("person_id", "candidate_id")
    return {one if one != child.id else other for one, other in pairs}


def _consistent(entries: list[IdentifierEntry], held: list[HeldIdentifier]) -> ConsistentIdentifier:
    scheme = consistent_scheme()
    choice = consistent_identifier(scheme.value, str(scheme.label), held)
    chosen = None
    if choice.chosen is not None:
        chosen = next(e for e in entries if e.held == choice.chosen)
    status = ConsistentStatus(choice.status)
    return ConsistentIdentifier(scheme.value, str(scheme.label), status.value, chosen, choice.advice)
