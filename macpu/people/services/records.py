"""Writes of people: children and adults, names, identifiers, addresses and relationships, each audited."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from macpu.access.models import InvolvementBasis
from macpu.access.services import involvement_record
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.core.models import Sensitivity
from macpu.people.models import (
    Address,
    Identifier,
    IdentifierScheme,
    LinkMethod,
    NameKind,
    Person,
    PersonKind,
    PersonLink,
    PersonName,
    Relationship,
    RelationshipType,
    Sex,
    SourceRecord,
)
from macpu.people.rules.identifiers import (
    IdentifierError,
    nhs_number_warnings,
    normalise_nhs_number,
    normalise_upn,
)
from macpu.people.services.search_index import search_keys_refresh


@dataclass(frozen=True)
class NewPerson:
    kind: PersonKind
    given_name: str
    family_name: str
    date_of_birth: dt.date | None = None
    sex: Sex = Sex.NOT_KNOWN
    is_unborn: bool = False
    expected_date: dt.date | None = None


def _require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise InvalidInput({field: message})


@transaction.atomic
def person_create(*, actor: Actor, new: NewPerson, recorded_by_id: uuid.UUID | None) -> Person:
    """Create macpu's record of a person. A child recorded by an organisation makes it involved."""
    _require(bool(new.family_name or new.given_name or new.is_unborn), "family_name", "Enter the person's name")
    _require(
        new.is_unborn or new.kind == PersonKind.ADULT or new.date_of_birth is not None,
        "date_of_birth",
        "Enter the child's date of birth",
    )
    _require(not new.is_unborn or new.expected_date is not None, "expected_date", "Enter the expected date of delivery")
    person = Person(
        kind=new.kind,
        given_name=new.given_name,
        family_name=new.family_name,
        date_of_birth=new.date_of_birth,
        sex=new.sex,
        is_unborn=new.is_unborn,
        expected_date=new.expected_date,
    )
    person.full_clean()
    person.save()
    PersonName.objects.create(
        person=person, given_name=new.given_name, family_name=new.family_name, kind=NameKind.USUAL
    )
    search_keys_refresh([person.id])
    child_id = person.audited_child_id
    trail.record(
        actor=actor, action=AuditAction.PERSON_CREATED, target_type="person", target_id=person.id, child_id=child_id
    )
    if child_id and recorded_by_id:
        involvement_record(
            actor=actor, child_id=child_id, organisation_id=recorded_by_id, basis=InvolvementBasis.RECORDED
        )
    return person


@transaction.atomic
def person_name_add(
    *,
    actor: Actor,
    person: Person,
    given_name: str,
    family_name: str,
    kind: NameKind,
    source_id: uuid.UUID | None = None,
) -> PersonName:
    """Record another name the person is known by, as an agency spells it."""
    _require(bool(given_name.strip() or family_name.strip()), "family_name", "Enter the name")
    name = PersonName.objects.create(
        person=person, given_name=given_name.strip(), family_name=family_name.strip(), kind=kind, source_id=source_id
    )
    search_keys_refresh([person.id])
    trail.record(
        actor=actor,
        action=AuditAction.PERSON_NAME_ADDED,
        target_type="person_name",
        target_id=name.id,
        child_id=person.audited_child_id,
        details={"kind": str(kind)},
    )
    return name


def _normalised_identifier(scheme: IdentifierScheme, raw: str) -> tuple[str, str]:
    """The stored value and any plausibility warning, or InvalidInput naming the field."""
    try:
        if scheme == IdentifierScheme.NHS_NUMBER:
            value = normalise_nhs_number(raw)
            test_range_expected = settings.MACPU_ENV != "production"
            return value, "; ".join(nhs_number_warnings(value, test_range_expected=test_range_expected))
        if scheme in (IdentifierScheme.UPN, IdentifierScheme.FORMER_UPN):
            return normalise_upn(raw).value, ""
    except IdentifierError as error:
        raise InvalidInput({str(scheme): str(error)}) from error
    _require(bool(raw.strip()), str(scheme), "Enter the identifier")
    return raw.strip(), ""


@transaction.atomic
def identifier_add(
    *,
    actor: Actor,
    person: Person,
    scheme: IdentifierScheme,
    value: str,
    issuer_id: uuid.UUID | None = None,
    verified: bool = False,
    valid_from: dt.date | None = None,
    source_id: uuid.UUID | None = None,
) -> Identifier:
    """Add a typed identifier. An NHS number already held by another person is refused: that is a duplicate to resolve."""
    stored, warning = _normalised_identifier(scheme, value)
    if scheme == IdentifierScheme.NHS_NUMBER:
        holder = Identifier.objects.filter(scheme=scheme, value=stored, valid_to__isnull=True).exclude(person=person)
        _require(not holder.exists(), str(scheme), "This NHS number is already recorded for another person in macpu")
    identifier = Identifier.objects.create(
        person=person,
        scheme=scheme,
        value=stored,
        issuer_id=issuer_id,
        verified=verified,
        warning=warning,
        valid_from=valid_from,
        source_id=source_id,
    )
    search_keys_refresh([person.id])
    trail.record(
        actor=actor,
        action=AuditAction.IDENTIFIER_ADDED,
        target_type="identifier",
        target_id=identifier.id,
        child_id=person.audited_child_id,
        details={"scheme": str(scheme), "verified": verified},
    )
    return identifier


@transaction.atomic
def address_add(
    *,
    actor: Actor,
    person: Person,
    line_1: str,
    town: str,
    postcode: str,
    la_code: str,
    valid_from: dt.date | None,
    recorded_by_id: uuid.UUID | None,
    source_id: uuid.UUID | None = None,
    sensitivity: Sensitivity = Sensitivity.STANDARD,
) -> Address:
    """Record a new current address; the previous current one ends the day before. A refuge or other protected
    address is `sealed` (only the recording organisation reads it) or `restricted`."""
    if valid_from is not None:
        day_before = valid_from - dt.timedelta(days=1)
        Address.objects.filter(person=person, valid_to__isnull=True).update(valid_to=day_before)
    address = Address(
        person=person,
        line_1=line_1,
        town=town,
        postcode=postcode.upper().strip(),
        la_code=la_code,
        valid_from=valid_from,
        recorded_by_id=recorded_by_id,
        source_id=source_id,
        sensitivity=sensitivity,
    )
    address.full_clean()
    address.save()
    search_keys_refresh([person.id])
    trail.record(
        actor=actor,
        action=AuditAction.ADDRESS_ADDED,
        target_type="address",
        target_id=address.id,
        child_id=person.audited_child_id,
        details={"sensitivity": sensitivity.value} if sensitivity != Sensitivity.STANDARD else None,
    )
    return address


@transaction.atomic
def relationship_add(
    *,
    actor: Actor,
    person: Person,
    relative: Person,
    type: RelationshipType,
    lives_with: bool,
    valid_from: dt.date | None,
    valid_to: dt.date | None = None,
    recorded_by_id: uuid.UUID | None,
    source_id: uuid.UUID | None = None,
) -> Relationship:
    """`relative` is the `type` of `person` from `valid_from` (the start of a shared household if `lives_with`)."""
    _require(person.id != relative.id, "relative", "A person cannot be related to themself")
    _require(
        valid_to is None or valid_from is None or valid_to >= valid_from,
        "valid_to",
        "The end date must be after the start date",
    )
    relationship = Relationship.objects.create(
        person=person,
        relative=relative,
        type=type,
        lives_with=lives_with,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by_id=recorded_by_id,
        source_id=source_id,
    )
    trail.record(
        actor=actor,
        action=AuditAction.RELATIONSHIP_ADDED,
        target_type="relationship",
        target_id=relationship.id,
        child_id=person.audited_child_id,
        details={"type": str(type), "lives_with": lives_with, "relative_id": str(relative.id)},
    )
    return relationship


@transaction.atomic
def source_record_link(
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    local_id: str,
    payload: dict[str, object],
    person: Person,
    method: LinkMethod,
) -> PersonLink:
    """Keep an agency's own record of a person as sent, and link it to macpu's person."""
    source, _ = SourceRecord.objects.update_or_create(
        organisation_id=organisation_id, local_id=local_id, defaults={"payload": payload}
    )
    current = source.links.filter(unlinked_at__isnull=True).first()
    if current is not None:
        _require(current.person_id == person.id, "person", "This record is linked to another person; unlink it first")
        return current
    link = PersonLink.objects.create(source_record=source, person=person, method=method, linked_by=actor.label)
    trail.record(
        actor=actor,
        action=AuditAction.SOURCE_RECORD_LINKED,
        target_type="person_link",
        target_id=link.id,
        child_id=person.audited_child_id,
        details={"organisation_id": str(organisation_id), "method": str(method)},
    )
    return link


_CONTRIBUTIONS = (PersonName, Identifier, Address, Relationship)


@transaction.atomic
def source_record_unlink(*, actor: Actor, link: PersonLink, reason: str) -> Person:
    """Undo a wrong link exactly: the source record and everything it contributed move to a person of its own.

    Nothing is deleted. The old link is ended with who, when and why; the new person
    starts from the source record's own names, identifiers, addresses and relationships.
    """
    _require(bool(reason.strip()), "reason", "Say why the link is wrong")
    _require(link.unlinked_at is None, "link", "This link has already been undone")
    old_person = link.person
    new_person = Person.objects.create(
        kind=old_person.kind,
        sex=old_person.sex,
        given_name="",
        family_name="",
        date_of_birth=old_person.date_of_birth,
        is_unborn=old_person.is_unborn,
        expected_date=old_person.expected_date,
    )
    for model in _CONTRIBUTIONS:
        model.objects.filter(person=old_person, source=link.source_record).update(person=new_person)
    names = list(new_person.names.order_by("created_at"))
    name = next((n for n in names if n.kind == NameKind.USUAL), names[0] if names else None)
    if name is not None:
        new_person.given_name, new_person.family_name = name.given_name, name.family_name
        new_person.save(update_fields=["given_name", "family_name", "updated_at"])
    link.unlinked_at, link.unlinked_by, link.unlink_reason = clock.now(), actor.label, reason.strip()
    link.save(update_fields=["unlinked_at", "unlinked_by", "unlink_reason", "updated_at"])
    PersonLink.objects.create(
        source_record=link.source_record, person=new_person, method=LinkMethod.NEW_PERSON, linked_by=actor.label
    )
    search_keys_refresh([old_person.id, new_person.id])
    for person in (old_person, new_person):
        trail.record(
            actor=actor,
            action=AuditAction.SOURCE_RECORD_UNLINKED,
            target_type="person_link",
            target_id=link.id,
            child_id=person.audited_child_id,
            details={"from_person": str(old_person.id), "to_person": str(new_person.id)},
        )
    return new_person
