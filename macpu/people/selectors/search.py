"""Child search: "is this child known?", ranked and explained, through access (ADR 0019).

Any of names, date of birth, NHS number, postcode and sex. The people sharing a search key with what was entered
(`people.rules.search_keys`, the same keys the feed matches with) are scored by the one engine
(`people.rules.matching`), against every name and postcode their record holds, and the best ten returned with
the explanation of each score. Access decides what the caller learns: children they may see come with the
explanation; of the others they learn only that a child is known and whom to contact, and only for strong
matches.

To stop search being used to enumerate children, a search needs an NHS number, or a name with a date of birth
or a postcode.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Sum, Value, When

from macpu.access.models import Involvement
from macpu.access.scoping import visible_child_ids
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.models import Organisation
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.people.models import IdentifierScheme, Person, PersonKind, SearchKey
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number
from macpu.people.rules.matching import Demographics, FieldComparison, MatchScore, compare
from macpu.people.rules.search_keys import KeyedPerson, keys_for
from macpu.people.selectors.candidates import keyed_people

# Organisations named to a searcher who may not see the child: naming others (CAMHS, police)
# would itself disclose something about the child.
_CONTACT_TYPES = (OrganisationType.MACPU, OrganisationType.CHILDRENS_SOCIAL_CARE)
# The people sharing most keys with a search are scored: a bound on the work of the commonest names (the child
# sought shares several keys; most others share one, a common surname with the year of birth).
MAX_CANDIDATES = 150
SHOWN = 10
# A weaker match is not worth a practitioner's look (a shared postcode and initial, say).
WORTH_SHOWING = 5.0


@dataclass(frozen=True)
class ChildSearch:
    nhs_number: str = ""
    family_name: str = ""
    given_name: str = ""
    date_of_birth: dt.date | None = None
    postcode: str = ""
    sex: str = ""

    @property
    def enough(self) -> bool:
        named = bool(self.family_name or self.given_name)
        return bool(self.nhs_number) or (named and (self.date_of_birth is not None or bool(self.postcode)))

    @property
    def criteria(self) -> list[str]:
        """The fields searched on, never their values: what the audit entry records."""
        return [name for name, value in self.__dict__.items() if value]

    @property
    def demographics(self) -> Demographics:
        return Demographics(
            self.given_name, self.family_name, self.date_of_birth, self.sex, self.postcode, self.nhs_number
        )


@dataclass(frozen=True)
class Name:
    given_name: str
    family_name: str

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class SearchMatch:
    """A child who may be the one searched for: the score and, field by field, why."""

    person: Person
    score: MatchScore
    name_matched: Name  # the name of the child's record the search came closest to: maybe a former one

    @property
    def strong(self) -> bool:
        """As strong as a probable duplicate: never a possible twin, never a different NHS number."""
        return self.score.probable_duplicate

    @property
    def known_by_another_name(self) -> bool:
        return self.name_matched.full_name.lower() != self.person.full_name.lower()

    @property
    def fields(self) -> tuple[FieldComparison, ...]:
        return self.score.comparisons


@dataclass(frozen=True)
class SearchResults:
    visible: list[SearchMatch]
    known_elsewhere: int
    contacts: list[Organisation]
    # When exactly one child is known elsewhere: the id to ask emergency access (break-glass) to that child with.
    only_hidden_child: uuid.UUID | None = None

    @property
    def children(self) -> list[Person]:
        return [match.person for match in self.visible]


# How much sharing a key says: an NHS number almost everything; a common surname with a year of birth little.
_KEY_WEIGHT = Case(
    When(key__startswith="n:", then=Value(8)),
    When(key__startswith="f:", then=Value(1)),
    When(key__startswith="g:", then=Value(1)),
    default=Value(2),
)


def _candidate_ids(search: ChildSearch) -> list[uuid.UUID]:
    """The people sharing most with the search (weighed by key), at most MAX_CANDIDATES, in one query of the keys'
    index."""
    keys = keys_for(search.given_name, search.family_name, search.date_of_birth, search.postcode, search.nhs_number)
    sharing = (
        SearchKey.objects.filter(key__in=sorted(keys))
        .values("person_id")
        .annotate(shared=Sum(_KEY_WEIGHT))
        .order_by("-shared", "person_id")  # ties broken the same way every time
    )
    return [row["person_id"] for row in sharing[:MAX_CANDIDATES]]


def _best_score(search: ChildSearch, keyed: KeyedPerson) -> tuple[MatchScore, Name]:
    """The score against the record's closest name and postcode (each field scored on its own, so the best of each
    is the best of all), with its date of birth, sex and NHS numbers."""
    wanted = search.demographics
    names_wanted = Demographics(wanted.given_name, wanted.family_name)
    postcode_wanted = Demographics(postcode=wanted.postcode)
    names, postcodes = keyed.names or (("", ""),), keyed.postcodes or ("",)
    name = names[0] if len(names) == 1 else max(names, key=lambda n: compare(names_wanted, Demographics(*n)).total)
    postcode = (
        postcodes[0]
        if len(postcodes) == 1
        else max(postcodes, key=lambda p: compare(postcode_wanted, Demographics(postcode=p)).total)
    )
    nhs_number = wanted.nhs_number if wanted.nhs_number in keyed.nhs_numbers else next(iter(keyed.nhs_numbers), "")
    held = Demographics(name[0], name[1], keyed.date_of_birth, keyed.sex, postcode, nhs_number)
    return compare(wanted, held), Name(*name)


def _ranked(search: ChildSearch, ids: list[uuid.UUID]) -> list[SearchMatch]:
    """The children worth showing, best first: scored from what their keys are made of, and read whole only then."""
    scored = []
    for person_id, keyed in keyed_people(ids, kind=PersonKind.CHILD).items():
        score, name = _best_score(search, keyed)
        if score.total >= WORTH_SHOWING and not score.different_nhs_numbers:
            scored.append((person_id, score, name))
    people = Person.objects.in_bulk([person_id for person_id, _, _ in scored])
    matches = [SearchMatch(people[person_id], score, name) for person_id, score, name in scored]
    matches.sort(key=lambda match: (-match.score.total, match.person.family_name, str(match.person.id)))
    return matches


def _contacts(child_ids: Iterable[uuid.UUID]) -> list[Organisation]:
    involved = Involvement.objects.filter(child_id__in=list(child_ids), ended_at__isnull=True).values("organisation_id")
    contacts = Organisation.objects.filter(id__in=involved, type__in=_CONTACT_TYPES)
    if not contacts.exists():
        contacts = Organisation.objects.filter(type=OrganisationType.MACPU, is_active=True)
    return list(contacts.order_by("type", "name"))


def children_search(*, actor: Actor, search: ChildSearch) -> SearchResults:
    """The ten best matches the actor may see, explained; of strong matches they may not see, only that they are
    known and whom to call. Audited with the fields searched on (never their values) and what was found."""
    if not search.enough:
        raise InvalidInput({"nhs_number": "Enter an NHS number, or a name with a date of birth or a postcode"})
    with transaction.atomic():
        matches = _ranked(search, _candidate_ids(search))
        visible_ids = visible_child_ids([match.person.id for match in matches], actor=actor)
        visible = [match for match in matches if match.person.id in visible_ids][:SHOWN]
        hidden = [match.person.id for match in matches if match.person.id not in visible_ids and match.strong][:SHOWN]
        trail.record(
            actor=actor,
            action=AuditAction.CHILD_SEARCHED,
            details={
                "criteria": search.criteria,
                "visible": [str(match.person.id) for match in visible],
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
    found = [m.person for m in children_search(actor=actor, search=ChildSearch(nhs_number=nhs_number)).visible]
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
