import pytest

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.organisations.models import Organisation
from macpu.partnership.tests.world import World, build_world
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def world(council: Organisation, police_force: Organisation, gp_practice: Organisation, school: Organisation) -> World:
    return build_world([council, police_force, gp_practice, school])


@pytest.fixture
def partner_pat(council: Organisation) -> User:
    user = UserFactory(username="partner.pat", first_name="Pat", last_name="Reid")
    MembershipFactory(user=user, organisation=council, role=Role.SAFEGUARDING_PARTNER.value)
    return user
