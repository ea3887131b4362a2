"""Writes Northbridge and a generated population into the database, only through macpu's services.

Every write goes through the service that the application itself uses, as the
operator running the command, so the demo's data is validated and audited like
any other. The whole load is one transaction: a failure leaves nothing behind,
and SQLite commits once (which is what makes 2,000 children quick to load).

Progress goes to the stream given (stderr for the command): counts and rates only,
never a name or an identifier.
"""

import csv
import datetime as dt
import io
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import transaction

from macpu.access.models import InvolvementBasis, NetworkRole, User
from macpu.access.services import involvement_record, membership_start, network_member_add, user_create
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.demo import area, staff
from macpu.demo.population import AddressSpell, Adult, Child, Family, Population, Tie
from macpu.organisations.models import Area, Organisation
from macpu.organisations.rules.import_rows import OrganisationRow, header_errors, validate_rows
from macpu.organisations.selectors import organisation_codes
from macpu.organisations.services import area_create, organisation_contacts_update, organisations_import
from macpu.people.models import IdentifierScheme, Person, PersonKind, RelationshipType, Sex
from macpu.people.services import NewPerson, address_add, identifier_add, person_create, relationship_add

DEMO_PASSWORD = staff.DEMO_PASSWORD
_PROGRESS_EVERY_SECONDS = 2.0


class ProgressStream(Protocol):
    """Where progress lines go: a text stream, or a management command's stderr."""

    def write(self, text: str, /) -> object: ...


class DemoAlreadyLoaded(Exception):
    """The database already holds Northbridge; loading it twice would duplicate every child."""


@dataclass
class LoadSummary:
    children: int = 0
    adults: int = 0
    relationships: int = 0
    network_members: int = 0
    users: int = 0
    organisations: int = 0
    seconds: float = 0.0


@dataclass
class _Context:
    """What the load has written so far, by the population's and the area's own keys."""

    actor: Actor
    organisations: dict[str, Organisation]
    users: dict[str, User] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)


def demo_area_exists() -> bool:
    return Area.objects.filter(la_code=area.NORTHBRIDGE_LA_CODE).exists()


# ---------------------------------------------------------------------------
# The area, its organisations and staff


def area_organisation_rows() -> list[OrganisationRow]:
    """The area's organisations, read and checked exactly as `macpu orgs import` reads a file."""
    reader = csv.DictReader(io.StringIO(area.organisations_csv()))
    errors = header_errors(reader.fieldnames)
    rows, errors = validate_rows([(reader.line_num, row) for row in reader], existing_codes=organisation_codes())
    if errors:
        raise ValueError("the demo's organisations file is invalid: " + "; ".join(str(error) for error in errors))
    return rows


def _load_area(actor: Actor) -> dict[str, Organisation]:
    area_create(
        actor=actor, name=area.AREA_NAME, la_code=area.NORTHBRIDGE_LA_CODE, partnership_name=area.PARTNERSHIP_NAME
    )
    organisations_import(actor=actor, rows=area_organisation_rows(), source_name=area.IMPORT_FILE_NAME)
    by_code = {
        organisation.code: organisation
        for organisation in Organisation.objects.filter(code__in=[o.code for o in area.ORGANISATIONS])
    }
    for listed in area.ORGANISATIONS:
        if listed.office_hours_phone or listed.out_of_hours_phone:
            organisation = by_code[listed.code]
            organisation_contacts_update(
                actor=actor,
                organisation=organisation,
                expected_version=organisation.version,
                office_hours_phone=listed.office_hours_phone,
                out_of_hours_phone=listed.out_of_hours_phone,
            )
    return by_code


def _load_staff(context: _Context, start_date: dt.date) -> None:
    joined = start_date - dt.timedelta(days=3 * 365)
    for member in staff.STAFF:
        user = user_create(
            actor=context.actor,
            username=member.username,
            first_name=member.first_name,
            last_name=member.last_name,
            email=f"{member.username}@northbridge.example",
            password=DEMO_PASSWORD,
        )
        organisation_id = context.organisations[member.organisation_code].id
        membership_start(
            actor=context.actor,
            user=user,
            organisation_id=organisation_id,
            role=member.role,
            starts_on=joined,
            job_title=member.job_title,
        )
        context.users[member.username] = user


# ---------------------------------------------------------------------------
# People


def _organisation_id(context: _Context, code: str | None) -> uuid.UUID | None:
    return context.organisations[code].id if code else None


def _add_addresses(
    context: _Context, person: Person, spells: Iterable[AddressSpell], recorded_by_id: uuid.UUID | None
) -> None:
    for spell in spells:
        address_add(
            actor=context.actor,
            person=person,
            line_1=spell.line_1,
            town=spell.town,
            postcode=spell.postcode,
            la_code=area.NORTHBRIDGE_LA_CODE,
            valid_from=spell.moved_in,
            recorded_by_id=recorded_by_id,
        )


def _add_local_id(context: _Context, person: Person, local_id: str) -> None:
    """The population's own id, so later demo feeds can find the person again."""
    identifier_add(
        actor=context.actor,
        person=person,
        scheme=IdentifierScheme.LOCAL_ID,
        value=local_id,
        issuer_id=context.organisations[area.MACPU_CODE].id,
    )


def _load_adult(context: _Context, adult: Adult) -> None:
    new = NewPerson(
        kind=PersonKind.ADULT,
        given_name=adult.given_name,
        family_name=adult.family_name,
        date_of_birth=adult.date_of_birth,
        sex=Sex(adult.sex),
    )
    person = person_create(actor=context.actor, new=new, recorded_by_id=None)
    _add_local_id(context, person, adult.local_id)
    if adult.nhs_number:
        identifier_add(
            actor=context.actor,
            person=person,
            scheme=IdentifierScheme.NHS_NUMBER,
            value=adult.nhs_number,
            verified=adult.nhs_number_verified,
        )
    _add_addresses(context, person, adult.addresses, _organisation_id(context, adult.gp_practice_code))
    context.people[adult.local_id] = person


def _first_recorder(child: Child) -> str:
    """The GP practice records a born child first, midwifery an unborn one.

    Involvements are recorded GP first and schools last: a self-claimed involvement
    notifies the safeguarding leads of the organisations already involved, and
    neither GP practices nor health visiting have one in the demo, so loading sends
    no notifications.
    """
    return child.gp_practice_code or area.MIDWIFERY_CODE


def _load_child(context: _Context, child: Child) -> None:
    new = NewPerson(
        kind=PersonKind.CHILD,
        given_name=child.given_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
        sex=Sex(child.sex),
        is_unborn=child.is_unborn,
        expected_date=child.expected_date,
    )
    recorder_id = context.organisations[_first_recorder(child)].id
    person = person_create(actor=context.actor, new=new, recorded_by_id=recorder_id)
    _add_local_id(context, person, child.local_id)
    if child.nhs_number:
        identifier_add(
            actor=context.actor,
            person=person,
            scheme=IdentifierScheme.NHS_NUMBER,
            value=child.nhs_number,
            verified=True,
        )
    if child.upn:
        identifier_add(
            actor=context.actor,
            person=person,
            scheme=IdentifierScheme.UPN,
            value=child.upn,
            issuer_id=_organisation_id(context, child.school_code),
        )
    _add_addresses(context, person, child.addresses, recorder_id)
    later = [area.HEALTH_VISITING_CODE if child.health_visiting else None, child.early_years_code, child.school_code]
    for code in later:
        if code:
            involvement_record(
                actor=context.actor,
                child_id=person.id,
                organisation_id=context.organisations[code].id,
                basis=InvolvementBasis.RECORDED,
            )
    context.people[child.local_id] = person


def _tie_recorder(context: _Context, family: Family, child: Child) -> uuid.UUID:
    code = area.CHILDRENS_SOCIAL_CARE_CODE if family.known_to_childrens_social_care else _first_recorder(child)
    return context.organisations[code].id


def _load_ties(context: _Context, family: Family, children: dict[str, Child], ties: Iterable[Tie]) -> int:
    count = 0
    for tie in ties:
        relationship_add(
            actor=context.actor,
            person=context.people[tie.child_id],
            relative=context.people[tie.relative_id],
            type=RelationshipType(tie.kinship),
            lives_with=tie.lives_with,
            valid_from=tie.valid_from,
            valid_to=tie.valid_to,
            recorded_by_id=_tie_recorder(context, family, children[tie.child_id]),
        )
        count += 1
    return count


# ---------------------------------------------------------------------------
# Professional networks


def _network_for(child: Child, social_worker: str) -> list[tuple[str, str, NetworkRole]]:
    """(username, organisation code, role) of each professional named in the child's network."""
    network = [
        (social_worker, area.CHILDRENS_SOCIAL_CARE_CODE, NetworkRole.LEAD_PRACTITIONER),
        ("macpu.morgan", area.MACPU_CODE, NetworkRole.MEMBER),
    ]
    lead = staff.safeguarding_lead_username(child.school_code) if child.school_code else None
    if child.school_code and lead:
        network.append((lead, child.school_code, NetworkRole.MEMBER))
    if child.health_visiting:
        network.append(("hv.helen", area.HEALTH_VISITING_CODE, NetworkRole.MEMBER))
    if child.is_unborn:
        network.append(("mw.maya", area.MIDWIFERY_CODE, NetworkRole.MEMBER))
    return network


def _load_network(context: _Context, family: Family, children: list[Child], social_worker: str) -> int:
    if family.known_since is None:
        return 0
    count = 0
    for child in children:
        for username, code, role in _network_for(child, social_worker):
            network_member_add(
                actor=context.actor,
                child_id=context.people[child.local_id].id,
                user=context.users[username],
                organisation_id=context.organisations[code].id,
                network_role=role,
                started_on=family.known_since,
            )
            count += 1
    return count


# ---------------------------------------------------------------------------
# Progress


class _Progress:
    """Counts, rate and time left, at most every two seconds: never a name or an identifier."""

    def __init__(self, stream: ProgressStream | None, total: int) -> None:
        self.stream, self.total = stream, total
        self.started = self.last = time.monotonic()

    def update(self, done: int) -> None:
        now = time.monotonic()
        if self.stream is None or (now - self.last < _PROGRESS_EVERY_SECONDS and done < self.total):
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        left = (self.total - done) / rate if rate else 0.0
        self.stream.write(f"  children {done:,}/{self.total:,}  {rate:,.0f}/s  about {left:,.0f} s left\n")


# ---------------------------------------------------------------------------
# The whole load


@dataclass(frozen=True)
class _Index:
    """The population's children, adults and ties by id, built once."""

    children: dict[str, Child]
    adults: dict[str, Adult]
    ties: dict[str, list[Tie]]

    @classmethod
    def of(cls, population: Population) -> "_Index":
        ties: dict[str, list[Tie]] = {}
        for tie in population.ties:
            ties.setdefault(tie.child_id, []).append(tie)
        return cls(
            children={child.local_id: child for child in population.children},
            adults={adult.local_id: adult for adult in population.adults},
            ties=ties,
        )


def _load_family(context: _Context, index: _Index, family: Family, social_worker: str, summary: LoadSummary) -> None:
    """The family's adults first, then its children, then the ties between them (which need both)."""
    for adult_id in family.adult_ids:
        _load_adult(context, index.adults[adult_id])
    children = [index.children[child_id] for child_id in family.child_ids]
    for child in children:
        _load_child(context, child)
    ties = [tie for child in children for tie in index.ties.get(child.local_id, [])]
    summary.relationships += _load_ties(context, family, index.children, ties)
    summary.network_members += _load_network(context, family, children, social_worker)
    summary.adults += len(family.adult_ids)
    summary.children += len(children)


def demo_load(*, population: Population, progress: ProgressStream | None = None) -> LoadSummary:
    """Load Northbridge, its staff and the population, in one transaction; refuse if Northbridge is there already."""
    started = time.monotonic()
    actor = Actor.current_operator()
    summary = LoadSummary()
    with transaction.atomic():
        if demo_area_exists():
            raise DemoAlreadyLoaded(f"{area.AREA_NAME} is already loaded")
        context = _Context(actor=actor, organisations=_load_area(actor))
        summary.organisations = len(context.organisations)
        _load_staff(context, population.start_date)
        summary.users = len(context.users)
        index = _Index.of(population)
        shown = _Progress(progress, len(population.children))
        known = 0
        for family in population.families:
            social_worker = staff.SOCIAL_WORKERS[known % len(staff.SOCIAL_WORKERS)]
            known += family.known_to_childrens_social_care
            _load_family(context, index, family, social_worker, summary)
            shown.update(summary.children)
        summary.seconds = time.monotonic() - started
        trail.record(
            actor=actor,
            action=AuditAction.DEMO_LOADED,
            details={
                "seed": population.seed,
                "children": summary.children,
                "adults": summary.adults,
                "start_date": population.start_date.isoformat(),
            },
        )
    return summary
