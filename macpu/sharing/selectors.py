"""A child's sharing ledger: every share and every decision not to share, newest first (R26).

Read through access: the child must be one the actor may see (an involved organisation), and content that needs
to be known (restricted, sealed) is withheld from those who may not read it: they see that a record exists, its
date and whom to ask. Every read is audited in the same transaction.
"""

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import QuerySet

from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import reader_facts
from macpu.access.selectors import involvements_open
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.events.models import Event, EventStatus
from macpu.events.rules.describe import event_title
from macpu.events.rules.information_shared import (
    ARTICLE_9_CONDITIONS,
    CONSENT,
    DECISIONS,
    DPA_CONDITIONS,
    LAWFUL_BASES,
    decision_of,
)
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.people.selectors.children import child_get


@dataclass(frozen=True)
class Party:
    code: str
    name: str


@dataclass(frozen=True)
class Basis:
    code: str
    label: str


@dataclass(frozen=True)
class LedgerEntry:
    """One share, or one decision not to share, as the reader may see it."""

    id: uuid.UUID
    occurred_on: dt.date
    occurred_at: dt.datetime | None
    recorded_by: Party  # the organisation whose record it is: the one that shared, or decided not to
    record_id: str  # that organisation's record
    sensitivity: str
    withheld: bool
    contact: str = ""
    decision: Basis | None = None
    to: tuple[Party, ...] = ()
    what: str = ""
    record_shared: str = ""  # the record `ref` names, by its title
    reason: str = ""
    lawful_basis: Basis | None = None
    article_9_condition: Basis | None = None
    dpa_condition: Basis | None = None
    condition: str = ""  # the feed's free text, from systems that send it
    consent: Basis | None = None
    consent_reason: str = ""
    decided_by: str = ""
    decided_by_role: str = ""
    author_role: str = ""

    @property
    def shared(self) -> bool:
        return self.decision is not None and self.decision.code == "shared"

    @property
    def occurred(self) -> str:
        return self.occurred_at.isoformat() if self.occurred_at else self.occurred_on.isoformat()


@dataclass(frozen=True)
class Ledger:
    child: Person
    entries: list[LedgerEntry]


def _basis(labels: Mapping[str, str], code: object) -> Basis | None:
    return Basis(str(code), labels.get(str(code), str(code).replace("_", " "))) if code else None


def _shares(child_id: uuid.UUID) -> QuerySet[Event]:
    return (
        Event.objects.filter(child_id=child_id, type="information_shared", status=EventStatus.ACTIVE)
        .select_related("organisation", "ref_event__organisation")
        .order_by("-occurred_on", "-recorded_at", "-id")
    )


def _record_shared(event: Event, reader: ReaderFacts) -> str:
    target = event.ref_event
    if target is None:
        return f"{event.ref_org_code} record {event.ref_record_id}" if event.ref_record_id else ""
    owner = target.organisation
    if not may_read_content(reader, RecordFacts(owner.id, owner.sector, target.sensitivity)):
        return f"A {target.sensitivity} record of {owner.name}"
    return f"{event_title(target.type, target.details)} ({owner.name}, {target.occurred_on.isoformat()})"


def _entry(event: Event, reader: ReaderFacts, names: Mapping[str, str]) -> LedgerEntry:
    owner = event.organisation
    base = LedgerEntry(
        id=event.id,
        occurred_on=event.occurred_on,
        occurred_at=event.occurred_at,
        recorded_by=Party(owner.code, owner.name),
        record_id=event.record_id,
        sensitivity=event.sensitivity,
        withheld=True,
        contact=owner.office_hours_phone,
    )
    if not may_read_content(reader, RecordFacts(owner.id, owner.sector, event.sensitivity)):
        return base
    d = event.details
    return replace(
        base,
        withheld=False,
        decision=_basis(DECISIONS, decision_of(d)),
        to=tuple(Party(str(code), names.get(str(code), str(code))) for code in d.get("with", ())),
        what=str(d.get("what", "")),
        record_shared=_record_shared(event, reader),
        reason=str(d.get("reason", "")),
        lawful_basis=_basis(LAWFUL_BASES, d.get("lawful_basis")),
        article_9_condition=_basis(ARTICLE_9_CONDITIONS, d.get("article_9_condition")),
        dpa_condition=_basis(DPA_CONDITIONS, d.get("dpa_condition")),
        condition=str(d.get("condition", "")),
        consent=_basis(CONSENT, d.get("consent")),
        consent_reason=str(d.get("consent_reason", "")),
        decided_by=str(d.get("decided_by", "")),
        decided_by_role=str(d.get("decided_by_role", "")),
        author_role=event.author_role,
    )


def _names(events: list[Event]) -> dict[str, str]:
    codes = {str(code) for event in events for code in event.details.get("with", ())}
    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))


def entry_recorded(*, actor: Actor, event: Event) -> LedgerEntry:
    """The entry the actor has just recorded, as the ledger shows it (their own record: its write is audited)."""
    return _entry(event, reader_facts(actor), _names([event]))


def sharing_ledger(*, actor: Actor, child_id: uuid.UUID) -> Ledger:
    """The child's ledger for `actor`, audited as a view; NotFound (audited) for a child they may not see."""
    child = child_get(actor=actor, child_id=child_id)  # a refusal is audited in its own transaction
    with transaction.atomic():
        events = list(_shares(child.id))
        reader, names = reader_facts(actor), _names(events)
        entries = [_entry(event, reader, names) for event in events]
        trail.record(
            actor=actor,
            action=AuditAction.SHARING_LEDGER_VIEWED,
            target_type="child",
            target_id=child.id,
            child_id=child.id,
            details={"entries": len(entries)},
        )
    return Ledger(child, entries)


def organisations_to_share_with(*, actor: Actor, child_id: uuid.UUID) -> list[tuple[str, str, bool]]:
    """(code, name, involved) for the form: the organisations involved with the child first, then the others of
    the actor's area (every active one when the deployment does not say), never the actor's own."""
    involved = [
        (i.organisation.code, i.organisation.name, True)
        for i in involvements_open(child_id=child_id)
        if i.organisation.is_active
    ]
    seen = {code for code, _, _ in involved} | {actor.organisation_code}
    others = Organisation.objects.filter(is_active=True).exclude(code__in=seen)
    # An organisation in no area gives one row of None: it is then offered every active organisation.
    rows: list[uuid.UUID | None] = list(
        Organisation.objects.filter(id=actor.organisation_id or uuid.UUID(int=0)).values_list("areas", flat=True)
    )
    areas = [area for area in rows if area is not None]
    if areas:
        others = others.filter(areas__in=areas).distinct()
    rest = [(code, name, False) for code, name in others.order_by("name").values_list("code", "name")]
    return [row for row in involved if row[0] != actor.organisation_code] + rest
