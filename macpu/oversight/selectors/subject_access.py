"""A subject access request (UK GDPR Article 15): what macpu holds about a person, other people redacted.

Prepared by an information governance officer, who reviews it before anything is released:
- the person's own details (names, date of birth, identifiers, addresses) in full;
- their relationships, with the other person shown as a third party;
- for a child, every active entry of their record: date, organisation, what it was, and its text with every name
  and identifier of another person macpu knows replaced; an entry recorded as restricted or sealed is listed
  without its content, for the recording organisation to review (police and health content may be exempt);
- for an adult, the records about children that name them are listed without content: they are about others.
Every preparation is audited with its counts.
"""

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import NotFound
from macpu.events.models import Event, EventPerson, EventStatus, Sensitivity
from macpu.events.rules.describe import event_title
from macpu.oversight.rules.redaction import THIRD_PARTY, Redactor
from macpu.people.models import Address, Identifier, Person, PersonKind, PersonName, Relationship
from macpu.people.selectors.search import person_id_by_reference

NOTICE = (
    "A first pass for the information governance officer to review before release: other people's names and "
    "identifiers known to macpu are redacted; entries recorded as restricted or sealed, and records about other "
    "people, are listed without content for the recording organisation to review (exemptions may apply)."
)


@dataclass(frozen=True)
class SubjectAccessRecord:
    subject: dict[str, Any]
    relationships: list[dict[str, str]]
    records: list[dict[str, Any]]
    redactions: int
    withheld: int
    prepared_at: str
    prepared_by: str
    notice: str = NOTICE
    summary: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _may_prepare(actor: Actor) -> bool:
    return actor.kind == ActorKind.OPERATOR or role_grants(actor.role, Permission.SUBJECT_ACCESS_EXPORT)


def person_for_subject_access(*, actor: Actor, reference: str) -> uuid.UUID:
    """The person named by a macpu id or an NHS number (child or adult). InvalidInput names the field; NotFound."""
    if not _may_prepare(actor):
        raise NotFound
    return person_id_by_reference(reference)


def _third_parties(person: Person, event_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    related = Relationship.objects.filter(Q(person=person) | Q(relative=person)).values_list("person_id", "relative_id")
    named = EventPerson.objects.filter(event_id__in=event_ids).values_list("person_id", flat=True)
    return ({one for pair in related for one in pair} | set(named)) - {person.id}


def _redactor(person: Person, others: set[uuid.UUID]) -> Redactor:
    names = [(p.given_name, p.family_name) for p in Person.objects.filter(id__in=others)]
    names += list(PersonName.objects.filter(person_id__in=others).values_list("given_name", "family_name"))
    identifiers = Identifier.objects.filter(person_id__in=others).values_list("value", flat=True)
    own = [
        person.given_name,
        person.family_name,
        *PersonName.objects.filter(person=person).values_list("given_name", flat=True),
    ]
    return Redactor(names, identifiers, keep=own)


def _subject(person: Person) -> dict[str, Any]:
    return {
        "id": str(person.id),
        "kind": person.kind,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "other_names": [
            {"given_name": n.given_name, "family_name": n.family_name, "kind": n.kind} for n in person.names.all()
        ],
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "sex": person.sex,
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in person.identifiers.all()],
        "addresses": [_address(a) for a in person.addresses.all()],
    }


def _address(address: Address) -> dict[str, Any]:
    """The person's address; a protected one (a refuge) is listed without where it is, for review: disclosing it
    to whoever made the request on the person's behalf could put them at risk."""
    withheld = address.sensitivity != Sensitivity.STANDARD
    return {
        "line_1": "" if withheld else address.line_1,
        "town": "" if withheld else address.town,
        "postcode": "" if withheld else address.postcode,
        "from": address.valid_from.isoformat() if address.valid_from else None,
        "to": address.valid_to.isoformat() if address.valid_to else None,
        "withheld": withheld,
    }


def _entry(event: Event, redact: Redactor) -> dict[str, Any]:
    withheld = event.sensitivity != Sensitivity.STANDARD
    return {
        "date": event.occurred_on.isoformat(),
        "organisation": event.organisation.name,
        "record_id": event.record_id,
        # A withheld entry's title says only its kind: a title may quote its content ("Moved (NB9 9ZZ)").
        "what": event.type.replace("_", " ").capitalize() if withheld else event_title(event.type, event.details),
        "text": "" if withheld else redact(event.summary),
        "withheld": withheld,
        "why_withheld": f"Recorded as {event.sensitivity}: to be reviewed with {event.organisation.name}"
        if withheld
        else "",
    }


def _named_in(person: Person) -> list[dict[str, Any]]:
    """An adult's mentions in children's records: that they exist, not what they say (they are about others)."""
    mentions = EventPerson.objects.filter(person=person, event__status=EventStatus.ACTIVE).select_related(
        "event__organisation"
    )
    return [
        {
            "date": m.event.occurred_on.isoformat(),
            "organisation": m.event.organisation.name,
            "record_id": m.event.record_id,
            "what": f"A record about another person that names you ({m.role.replace('_', ' ')})",
            "text": "",
            "withheld": True,
            "why_withheld": f"About another person: to be reviewed with {m.event.organisation.name}",
        }
        for m in mentions.order_by("event__occurred_on")
    ]


def subject_access_record(*, actor: Actor, person_id: uuid.UUID) -> SubjectAccessRecord:
    """What macpu holds about the person, other people redacted, prepared for review; audited."""
    if not _may_prepare(actor):
        raise NotFound
    with transaction.atomic():
        person = Person.objects.prefetch_related("names", "identifiers", "addresses").filter(id=person_id).first()
        if person is None:
            raise NotFound
        events = list(
            Event.objects.filter(child=person, status=EventStatus.ACTIVE)
            .select_related("organisation")
            .order_by("occurred_on", "recorded_at")
        )
        redact = _redactor(person, _third_parties(person, [e.id for e in events]))
        records = [_entry(event, redact) for event in events]
        if person.kind == PersonKind.ADULT:
            records += _named_in(person)
        relationships = [
            {"relationship": r.get_type_display(), "person": THIRD_PARTY}
            for r in Relationship.objects.filter(person=person).order_by("valid_from")
        ]
        withheld = sum(1 for record in records if record["withheld"])
        found = SubjectAccessRecord(
            subject=_subject(person),
            relationships=relationships,
            records=records,
            redactions=redact.count,
            withheld=withheld,
            prepared_at=clock.now().isoformat(timespec="seconds"),
            prepared_by=actor.display_name or actor.label,
            summary={"records": len(records), "withheld": withheld, "redactions": redact.count},
        )
        trail.record(
            actor=actor,
            action=AuditAction.SUBJECT_ACCESS_EXPORTED,
            target_type="person",
            target_id=person.id,
            child_id=person.id if person.kind == PersonKind.CHILD else None,
            details=found.summary,
        )
    return found
