"""The named cast every suite reuses, and the CI split between pure and database tests.

Personas (Northbridge): sw_amara (social worker, children's social care),
tm_priya (team manager, children's social care), gp_ben (GP practice),
police_chen (police officer), dsl_dev (school safeguarding lead),
auditor_eve (auditor), admin_sam (system administrator),
analyst_ali (partnership analyst), it_omar (the police's organisation
administrator). `child_of_council` is a child
children's social care is involved with (sw_amara is lead practitioner).
"""

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import cache

from macpu.access.models import NetworkRole, User
from macpu.access.roles import Role
from macpu.access.services import network_member_add
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.people.models import IdentifierScheme, Person, PersonKind, RelationshipType, Sex
from macpu.people.services.records import NewPerson, address_add, identifier_add, person_create, relationship_add
from tests.builders import make_child
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory, UserFactory, next_nhs_number


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests in a `rules` folder are pure: they touch no database, and CI runs them once."""
    for item in items:
        if "rules" in Path(item.path).parts:
            item.add_marker(pytest.mark.pure)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Throttles and the refused-token counter live in the cache, which the tests of one worker process share:
    each test starts with none (a fuzzing test's made-up tokens would otherwise silence another's refusals)."""
    cache.clear()


@pytest.fixture
def operator() -> Actor:
    return Actor.operator("test-operator")


@pytest.fixture
def area(db: None) -> object:
    return AreaFactory()


def _organisation(type: OrganisationType, name: str, code: str) -> Organisation:
    return OrganisationFactory(type=type.value, name=name, code=code)


@pytest.fixture
def council(db: None) -> Organisation:
    return _organisation(OrganisationType.CHILDRENS_SOCIAL_CARE, "Northbridge Children's Services", "873")


@pytest.fixture
def gp_practice(db: None) -> Organisation:
    return _organisation(OrganisationType.GP_PRACTICE, "Riverside Medical Practice", "Y01001")


@pytest.fixture
def police_force(db: None) -> Organisation:
    return _organisation(OrganisationType.POLICE, "Northbridge Police", "NBP")


@pytest.fixture
def school(db: None) -> Organisation:
    return _organisation(OrganisationType.SCHOOL, "Hillside Primary School", "123456")


@pytest.fixture
def macpu_team(db: None) -> Organisation:
    return _organisation(OrganisationType.MACPU, "Northbridge MACPU", "NB-MACPU")


def _persona(username: str, organisation: Organisation, role: Role, first: str, last: str) -> User:
    user = UserFactory(username=username, first_name=first, last_name=last)
    MembershipFactory(user=user, organisation=organisation, role=role.value)
    return user


@pytest.fixture
def sw_amara(council: Organisation) -> User:
    return _persona("sw.amara", council, Role.SOCIAL_WORKER, "Amara", "Okafor")


@pytest.fixture
def tm_priya(council: Organisation) -> User:
    return _persona("tm.priya", council, Role.TEAM_MANAGER, "Priya", "Shah")


@pytest.fixture
def gp_ben(gp_practice: Organisation) -> User:
    return _persona("gp.ben", gp_practice, Role.PRACTITIONER, "Ben", "Hughes")


@pytest.fixture
def police_chen(police_force: Organisation) -> User:
    return _persona("police.chen", police_force, Role.POLICE_OFFICER, "Chen", "Li")


@pytest.fixture
def dsl_dev(school: Organisation) -> User:
    return _persona("dsl.dev", school, Role.SAFEGUARDING_LEAD, "Dev", "Patel")


@pytest.fixture
def auditor_eve(macpu_team: Organisation) -> User:
    return _persona("auditor.eve", macpu_team, Role.AUDITOR, "Eve", "Marsh")


@pytest.fixture
def admin_sam(macpu_team: Organisation) -> User:
    return _persona("admin.sam", macpu_team, Role.SYSTEM_ADMINISTRATOR, "Sam", "Reid")


@pytest.fixture
def analyst_ali(macpu_team: Organisation) -> User:
    return _persona("analyst.ali", macpu_team, Role.PARTNERSHIP_ANALYST, "Ali", "Khan")


@pytest.fixture
def it_omar(police_force: Organisation) -> User:
    return _persona("it.omar", police_force, Role.ORGANISATION_ADMINISTRATOR, "Omar", "Siddiqui")


@pytest.fixture
def child_of_council(operator: Actor, council: Organisation, sw_amara: User) -> Person:
    """A child known to children's social care, with a mother at home, an NHS number and an address."""
    child = make_child(operator, council, family_name="Whitmore")
    identifier_add(
        actor=operator, person=child, scheme=IdentifierScheme.NHS_NUMBER, value=next_nhs_number(), verified=True
    )
    address_add(
        actor=operator,
        person=child,
        line_1="14 Mill Lane",
        town="Northbridge",
        postcode="NB1 4AA",
        la_code="873",
        valid_from=dt.date(2021, 5, 1),
        recorded_by_id=council.id,
    )
    mother = person_create(
        actor=operator,
        new=NewPerson(
            kind=PersonKind.ADULT,
            given_name="Lisa",
            family_name="Whitmore",
            date_of_birth=dt.date(1990, 6, 2),
            sex=Sex.FEMALE,
        ),
        recorded_by_id=council.id,
    )
    relationship_add(
        actor=operator,
        person=child,
        relative=mother,
        type=RelationshipType.MOTHER,
        lives_with=True,
        valid_from=dt.date(2019, 3, 27),
        recorded_by_id=council.id,
    )
    network_member_add(
        actor=operator,
        child_id=child.id,
        user=sw_amara,
        organisation_id=council.id,
        network_role=NetworkRole.LEAD_PRACTITIONER,
        started_on=dt.date(2025, 1, 6),
    )
    return child
