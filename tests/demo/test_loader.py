"""A small load through macpu's services: everything written, every role staffed, the audit log intact."""

import datetime as dt
from collections import Counter

import pytest

from macpu.access.models import Involvement, InvolvementBasis, Membership, NetworkMember, User
from macpu.access.roles import Role
from macpu.audit.verification import audit_log_verify
from macpu.demo import area, staff
from macpu.demo.loader import DemoAlreadyLoaded, demo_load
from macpu.demo.population import Population, generate_population
from macpu.notifications.models import Notification
from macpu.organisations.models import Area, Organisation
from macpu.people.models import Identifier, IdentifierScheme, Person, PersonKind, Relationship

START = dt.date(2026, 5, 1)


@pytest.fixture
def population() -> Population:
    return generate_population(children=30, seed=3, start_date=START)


def _expected_involvements(population: Population) -> int:
    count = 0
    networked = {f.local_id for f in population.families if f.known_to_childrens_social_care}
    for child in population.children:
        recorded = {child.gp_practice_code or area.MIDWIFERY_CODE, child.school_code, child.early_years_code}
        recorded |= {area.HEALTH_VISITING_CODE} if child.health_visiting else set()
        if child.family_id in networked:
            recorded |= {area.CHILDRENS_SOCIAL_CARE_CODE, area.MACPU_CODE}
            recorded |= {area.MIDWIFERY_CODE} if child.is_unborn else set()
        count += len(recorded - {None})
    return count


@pytest.mark.django_db
def test_a_small_population_loads_through_the_services(population: Population) -> None:
    summary = demo_load(population=population)

    assert Area.objects.filter(la_code=area.NORTHBRIDGE_LA_CODE).count() == 1
    assert Organisation.objects.count() == len(area.ORGANISATIONS)
    assert Person.objects.filter(kind=PersonKind.CHILD).count() == 30 == summary.children
    assert Person.objects.filter(kind=PersonKind.ADULT).count() == len(population.adults)
    assert Person.objects.filter(is_unborn=True).count() == sum(1 for child in population.children if child.is_unborn)
    assert Relationship.objects.count() == len(population.ties) == summary.relationships
    with_nhs_number = sum(1 for child in population.children if child.nhs_number) + sum(
        1 for adult in population.adults if adult.nhs_number
    )
    assert Identifier.objects.filter(scheme=IdentifierScheme.NHS_NUMBER).count() == with_nhs_number
    assert Identifier.objects.filter(scheme=IdentifierScheme.UPN).count() == sum(
        1 for child in population.children if child.upn
    )
    assert Involvement.objects.count() == _expected_involvements(population)
    assert Involvement.objects.filter(basis=InvolvementBasis.NETWORK).exists()
    assert NetworkMember.objects.count() == summary.network_members > 0
    assert Notification.objects.count() == 0  # loading claims nothing anyone needs telling about


@pytest.mark.django_db
def test_every_role_has_staff_who_can_sign_in(population: Population) -> None:
    demo_load(population=population)

    roles = Counter(Membership.objects.values_list("role", flat=True))
    assert set(roles) == {role.value for role in Role}
    assert User.objects.count() == len(staff.STAFF)
    amara = User.objects.get(username="sw.amara")
    assert amara.check_password(staff.DEMO_PASSWORD)


@pytest.mark.django_db
def test_the_load_is_audited_and_the_log_is_intact(population: Population) -> None:
    demo_load(population=population)

    assert audit_log_verify().intact


@pytest.mark.django_db
def test_northbridge_is_never_loaded_twice(population: Population) -> None:
    demo_load(population=population)

    with pytest.raises(DemoAlreadyLoaded):
        demo_load(population=population)
    assert Person.objects.filter(kind=PersonKind.CHILD).count() == 30
