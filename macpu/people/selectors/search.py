"""Child search: the children the actor may see, and for the rest only that they are known and whom to call.

To stop search being used to enumerate children, a search needs an NHS
number, or a family name with a full date of birth.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from macpu.access.models import Involvement
from macpu.access.scoping import restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.models import Organisation
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.people.models import IdentifierScheme, Person, PersonKind
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number

# Organisations named to a searcher who may not see the child: naming others (CAMHS, police)
# would itself disclose something about the child.
_CONTACT_TYPES = (OrganisationType.MACPU, OrganisationType.CHILDRENS_SOCIAL_CARE)


@dataclass(frozen=True)
class ChildSearch:
    nhs_number: str = ""
    family_name: str = ""
    given_name: str = ""
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class SearchResults:
    visible: list[Person]
    known_elsewhere: int
    contacts: list[Organisation]
    # When exactly one child is known elsewhere: the id to ask emergency access (break-glass) to that child with.
    only_hidden_child: uuid.UUID | None = None


def _matches(search: ChildSearch) -> QuerySet[Person]:
    children = Person.objects.filter(kind=PersonKind.CHILD)
    if search.nhs_number:
        return children.filter(
            identifiers__scheme=IdentifierScheme.NHS_NUMBER, identifiers__value=search.nhs_number
        ).distinct()
    by_name = Q(names__family_name__iexact=search.family_name) | Q(family_name__iexact=search.family_name)
    matched = children.filter(by_name, date_of_birth=search.date_of_birth)
    if search.given_name:
        matched = matched.filter(
            Q(names__given_name__istartswith=search.given_name) | Q(given_name__istartswith=search.given_name)
        )
    return matched.distinct()


def _contacts(child_ids: list[uuid.UUID]) -> list[Organisation]:
    involved = Involvement.objects.filter(child_id__in=child_ids, ended_at__isnull=True).values("organisation_id")
    contacts = Organisation.objects.filter(id__in=involved, type__in=_CONTACT_TYPES)
    if not contacts.exists():
        contacts = Organisation.objects.filter(type=OrganisationType.MACPU, is_active=True)
    return list(contacts.order_by("type", "name"))


def children_search(*, actor: Actor, search: ChildSearch) -> SearchResults:
    """Search by NHS number, or by family name and date of birth; audited with its criteria."""
    with transaction.atomic():
        matched_ids = list(_matches(search).values_list("id", flat=True)[:50])
        visible = list(
            restrict_to_visible_children(Person.objects.filter(id__in=matched_ids), actor=actor).order_by(
                "family_name", "given_name"
            )
        )
        hidden = [child_id for child_id in matched_ids if child_id not in {child.id for child in visible}]
        trail.record(
            actor=actor,
            action=AuditAction.CHILD_SEARCHED,
            details={
                "criteria": "nhs_number" if search.nhs_number else "name_and_date_of_birth",
                "visible": [str(child.id) for child in visible],
                "known_elsewhere": [str(child_id) for child_id in hidden],
            },
        )
        return SearchResults(
            visible=visible,
            known_elsewhere=len(hidden),
            contacts=_contacts(hidden) if hidden else [],
            only_hidden_child=hidden[0] if len(hidden) == 1 else None,
        )


def child_id_from_reference(*, actor: Actor, reference: str) -> uuid.UUID:
    """The child an operator names on the command line: by macpu id, or by an NHS number only one child has.

    Raises InvalidInput for a reference that is neither, NotFound when no child (or more than one) has it.
    """
    try:
        return uuid.UUID(reference)
    except ValueError:
        pass
    try:
        nhs_number = normalise_nhs_number(reference)
    except IdentifierError as error:
        raise InvalidInput({"CHILD_REF": f"must be an NHS number or a macpu id: {error}"}) from error
    found = children_search(actor=actor, search=ChildSearch(nhs_number=nhs_number)).visible
    if len(found) != 1:
        raise NotFound(
            "no child has that NHS number" if not found else "more than one child has that NHS number: use the macpu id"
        )
    return found[0].id


def person_id_by_reference(reference: str, *, kind: PersonKind | None = None, field: str = "reference") -> uuid.UUID:
    """The person a governance role or the operator names, by macpu id or by an NHS number only one person has, of
    any organisation's (not through access: auditing, subject access and retention reach every record; their
    callers check the role). InvalidInput names `field`; NotFound says why."""
    people = Person.objects.all() if kind is None else Person.objects.filter(kind=kind)
    text = reference.strip()
    try:
        person_id = uuid.UUID(text)
    except ValueError:
        try:
            nhs_number = normalise_nhs_number(text)
        except IdentifierError as error:
            raise InvalidInput({field: f"Enter an NHS number or a macpu id: {error}"}) from error
        found = set(
            people.filter(identifiers__scheme=IdentifierScheme.NHS_NUMBER, identifiers__value=nhs_number).values_list(
                "id", flat=True
            )
        )
        if len(found) != 1:
            raise NotFound(
                "No one has that NHS number" if not found else "More than one record has that NHS number: use the id"
            ) from None
        return found.pop()
    if not people.filter(id=person_id).exists():
        raise NotFound("No one has that id")
    return person_id
