"""A small Northbridge loads the way a real area's data arrives: organisations, staff, then the agency feed."""

import datetime as dt
from collections import Counter

import pytest

from macpu.access.models import Membership, NetworkMember
from macpu.access.roles import Role
from macpu.audit.verification import audit_log_verify
from macpu.demo.loader import DemoAlreadyLoaded, demo_load
from macpu.events.models import Event, QuarantinedLine
from macpu.organisations.models import Area, Organisation
from macpu.people.models import Identifier, Person, PersonKind, Relationship
from macpu.synthetic import area
from macpu.synthetic.population import Population, generate_population

START = dt.date(2026, 5, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def population() -> Population:
    return generate_population(children=30, seed=3, start_date=START)


def test_a_small_area_loads_every_child_through_the_feed(population: Population) -> None:
    summary = demo_load(population=population, seed=3)

    assert Area.objects.filter(la_code=area.NORTHBRIDGE_LA_CODE).count() == 1
    assert Organisation.objects.count() == len(area.ORGANISATIONS)
    assert (summary.feed.quarantined, QuarantinedLine.objects.count()) == (0, 0)
    assert summary.feed.created == Event.objects.count() > 30 * 5
    assert summary.feed.lines == summary.feed.created + summary.feed.updated + summary.feed.retracted
    born = {child.nhs_number for child in population.children if child.nhs_number}
    loaded = set(
        Identifier.objects.filter(scheme="nhs_number", person__kind=PersonKind.CHILD).values_list("value", flat=True)
    )
    assert born <= loaded
    assert Person.objects.filter(kind=PersonKind.CHILD, is_unborn=True).exists() == any(
        c.is_unborn for c in population.children
    )
    assert Relationship.objects.filter(lives_with=True).exists()
    assert audit_log_verify().intact


def test_every_role_is_staffed_and_lead_practitioners_are_named_in_networks(population: Population) -> None:
    demo_load(population=population, seed=3)
    roles = Counter(Membership.objects.values_list("role", flat=True))
    assert set(roles) == {role.value for role in Role}
    known = [f for f in population.families if f.known_to_childrens_social_care]
    assert NetworkMember.objects.exists() == bool(known)


def test_loading_twice_is_refused(population: Population) -> None:
    demo_load(population=population, seed=3)
    with pytest.raises(DemoAlreadyLoaded):
        demo_load(population=population, seed=3)
