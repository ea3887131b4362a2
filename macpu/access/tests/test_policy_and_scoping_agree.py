"""The access policy (`rules/policy.decide`, one child at a time) and the scoping every list uses
(`scoping.restrict_to_visible_children` and `visible_child_ids`) give the same answer, for any world of organisations, children,
involvements (open or ended) and emergency grants (live or expired), and any role. Hypothesis builds the worlds."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macpu.access.models import BreakGlassGrant, Involvement, InvolvementBasis, User
from macpu.access.permissions import Permission
from macpu.access.roles import Role
from macpu.access.rules.policy import ActorFacts, decide
from macpu.access.scoping import restrict_to_visible_children, visible_child_ids
from macpu.access.selectors import child_facts
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.organisations.models import Organisation
from macpu.people.models import Person, PersonKind
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS, CHILDREN = 3, 4
# Each involvement and each grant: (child, organisation, still open?).
links = st.lists(st.tuples(st.integers(0, CHILDREN - 1), st.integers(0, ORGANISATIONS - 1), st.booleans()), max_size=8)
grants = st.lists(st.tuples(st.integers(0, CHILDREN - 1), st.integers(0, ORGANISATIONS - 1), st.booleans()), max_size=3)


def _world() -> tuple[list[Organisation], list[Person], User]:
    organisations: list[Organisation] = [OrganisationFactory() for _ in range(ORGANISATIONS)]
    children = [
        Person.objects.create(kind=PersonKind.CHILD, given_name=f"Child{n}", family_name="Test")
        for n in range(CHILDREN)
    ]
    user: User = UserFactory()
    return organisations, children, user


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    involvements=links,
    emergency=grants,
    role=st.sampled_from(list(Role)),
    organisation=st.integers(0, ORGANISATIONS - 1),
)
def test_one_child_at_a_time_and_every_list_agree(
    involvements: list[tuple[int, int, bool]],
    emergency: list[tuple[int, int, bool]],
    role: Role,
    organisation: int,
) -> None:
    organisations, children, user = _world()
    now = clock.now()
    for child, org, still_open in dict.fromkeys(involvements):
        if Involvement.objects.filter(
            child=children[child], organisation=organisations[org], ended_at__isnull=True
        ).exists():
            continue
        Involvement.objects.create(
            child=children[child], organisation=organisations[org], basis=InvolvementBasis.RECORDED,
            started_at=now - dt.timedelta(days=30), ended_at=None if still_open else now - dt.timedelta(days=1),
        )  # fmt: skip
    for child, org, live in emergency:
        BreakGlassGrant.objects.create(
            user=user, organisation=organisations[org], role=role.value, child=children[child],
            reason_category="other", reason="test", started_at=now - dt.timedelta(hours=1),
            expires_at=now + dt.timedelta(hours=1 if live else -0.5),
        )  # fmt: skip
    acting_for = organisations[organisation]
    actor = Actor(
        kind=ActorKind.USER, label=user.username, user_id=user.id, organisation_id=acting_for.id, role=role.value
    )
    listed = set(
        restrict_to_visible_children(Person.objects.filter(kind=PersonKind.CHILD), actor=actor).values_list(
            "id", flat=True
        )
    )
    assert visible_child_ids([person.id for person in children], actor=actor) == listed
    facts = ActorFacts(role=role.value, organisation_id=acting_for.id, user_id=user.id)
    for person in children:
        allowed = decide(facts, Permission.CHILD_VIEW, child_facts(child_id=person.id)).allowed
        assert allowed == (person.id in listed), (role, person.given_name)
