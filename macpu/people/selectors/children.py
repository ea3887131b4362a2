"""Reads of children's records. Every read goes through access and is audited in the same transaction."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from macpu.access.models import Involvement, NetworkMember
from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import reader_facts, restrict_to_visible_children
from macpu.access.selectors import child_ids_in_network_of, involvements_open, network_members_current
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.core.models import Sensitivity
from macpu.people.models import (
    Address,
    Identifier,
    IdentifierScheme,
    Person,
    PersonKind,
    PersonName,
    Relationship,
    RelationshipType,
)
from macpu.people.rules.household import DatedRelationship, household_on


def _children() -> QuerySet[Person]:
    return Person.objects.filter(kind=PersonKind.CHILD, merged_into__isnull=True)  # a folded record: its survivor


def _visible_child(*, actor: Actor, child_id: uuid.UUID) -> Person | None:
    """The child, or None alike for a missing child and a hidden one; both attempts are audited.

    The caller raises NotFound only after its transaction commits, so the refusal stays in the log.
    """
    child = restrict_to_visible_children(_children(), actor=actor).filter(id=child_id).first()
    if child is None:
        trail.record(
            actor=actor,
            action=AuditAction.ACCESS_DENIED,
            outcome=Outcome.DENIED,
            target_type="child",
            target_id=child_id,
            child_id=child_id if _children().filter(id=child_id).exists() else None,
        )
        return None
    trail.record(
        actor=actor, action=AuditAction.CHILD_VIEWED, target_type="child", target_id=child.id, child_id=child.id
    )
    return child


def child_get(*, actor: Actor, child_id: uuid.UUID) -> Person:
    with transaction.atomic():
        child = _visible_child(actor=actor, child_id=child_id)
    if child is None:
        raise NotFound
    return child


@dataclass(frozen=True)
class RelativeEntry:
    """One relationship as the child's record shows it: the same fact told by several organisations is one entry."""

    relationship: Relationship
    in_household: bool
    recorded_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShownAddress:
    """An address as the reader may see it: a withheld one (a refuge) says only who holds it."""

    line_1: str
    town: str
    postcode: str
    la_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    recorded_by: str
    sensitivity: str
    withheld: bool


def _shown(address: Address, reader: ReaderFacts) -> ShownAddress:
    holder = address.recorded_by
    readable = address.sensitivity == Sensitivity.STANDARD or (
        holder is not None and may_read_content(reader, RecordFacts(holder.id, holder.sector, address.sensitivity))
    )
    return ShownAddress(
        line_1=address.line_1 if readable else "",
        town=address.town if readable else "",
        postcode=address.postcode if readable else "",
        la_code=address.la_code if readable else "",
        valid_from=address.valid_from,
        valid_to=address.valid_to,
        recorded_by=holder.name if holder else "",
        sensitivity=address.sensitivity,
        withheld=not readable,
    )


@dataclass(frozen=True)
class ChildProfile:
    """Everything the child page shows, read in one audited transaction."""

    child: Person
    names: list[PersonName]
    identifiers: list[Identifier]
    addresses: list[ShownAddress]
    relatives: list[RelativeEntry]
    involvements: list[Involvement]
    network: list[NetworkMember]
    as_on: dt.date

    @property
    def current_address(self) -> ShownAddress | None:
        return next((a for a in self.addresses if a.valid_to is None), None)

    @property
    def nhs_number(self) -> Identifier | None:
        return next(
            (i for i in self.identifiers if i.scheme == IdentifierScheme.NHS_NUMBER and i.valid_to is None), None
        )


def child_profile_get(*, actor: Actor, child_id: uuid.UUID, as_on: dt.date | None = None) -> ChildProfile:
    """The child's shared record; the household is as it was on `as_on` (today by default)."""
    with transaction.atomic():
        child = _visible_child(actor=actor, child_id=child_id)
        profile = None if child is None else _profile(child, as_on or clock.today(), reader_facts(actor))
    if profile is None:
        raise NotFound
    return profile


def _one_entry_per_fact(relationships: list[Relationship], household: set[uuid.UUID]) -> list[RelativeEntry]:
    facts: dict[tuple[object, ...], list[Relationship]] = {}
    for r in relationships:
        facts.setdefault((r.relative_id, r.type, r.lives_with, r.valid_from, r.valid_to), []).append(r)
    return [
        RelativeEntry(
            same[0],
            same[0].relative_id in household,
            tuple(dict.fromkeys(r.recorded_by.name for r in same if r.recorded_by is not None)),
        )
        for same in facts.values()
    ]


def _profile(child: Person, day: dt.date, reader: ReaderFacts) -> ChildProfile:
    relationships = list(
        Relationship.objects.filter(person=child)
        .select_related("relative", "recorded_by")
        .order_by("type", "created_at")
    )
    dated = [DatedRelationship(r.relative_id, r.type, r.lives_with, r.valid_from, r.valid_to) for r in relationships]
    household = {member.relative_id for member in household_on(dated, day)}
    return ChildProfile(
        child=child,
        names=list(child.names.order_by("kind", "created_at")),
        identifiers=list(child.identifiers.select_related("issuer").order_by("scheme", "-valid_from")),
        addresses=[
            _shown(address, reader)
            for address in child.addresses.select_related("recorded_by").order_by("valid_to", "-valid_from")
        ],
        relatives=_one_entry_per_fact(relationships, household),
        involvements=list(involvements_open(child_id=child.id)),
        network=list(network_members_current(child_id=child.id)),
        as_on=day,
    )


def children_in_my_network(*, actor: Actor) -> list[Person]:
    """The children the user is a named professional for, that their current role may see."""
    if actor.user_id is None:
        return []
    ids = child_ids_in_network_of(user_id=actor.user_id).values("child_id")
    children = restrict_to_visible_children(_children().filter(id__in=ids), actor=actor)
    with transaction.atomic():
        listed = list(children.order_by("family_name", "given_name"))
        for child in listed:
            trail.record(
                actor=actor,
                action=AuditAction.CHILDREN_LISTED,
                target_type="child",
                target_id=child.id,
                child_id=child.id,
            )
        return listed


@dataclass(frozen=True)
class Household:
    """The people around a child on a date: the children (siblings, and children living with them) and the adults
    living with them. Read for a child the caller has already been allowed to see; who else may be seen is the
    caller's to decide."""

    children: tuple[uuid.UUID, ...]
    adults: tuple[uuid.UUID, ...]


SIBLINGS = (RelationshipType.SIBLING, RelationshipType.HALF_SIBLING)


def household_of(child: Person, day: dt.date) -> Household:
    rows = list(
        Relationship.objects.filter(person=child).values_list(
            "relative_id", "relative__kind", "type", "lives_with", "valid_from", "valid_to"
        )
    )
    dated = [
        DatedRelationship(relative, type_, lives, since, until) for relative, _, type_, lives, since, until in rows
    ]
    living_with = {member.relative_id for member in household_on(dated, day)}
    siblings = {r.relative_id for r in dated if r.type in SIBLINGS and r.in_force_on(day)}
    kind = {relative: kind for relative, kind, *_ in rows}
    around = siblings | living_with
    return Household(
        children=tuple(sorted((r for r in around if kind[r] == PersonKind.CHILD), key=str)),
        adults=tuple(sorted((r for r in living_with if kind[r] == PersonKind.ADULT), key=str)),
    )
