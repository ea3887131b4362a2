import pytest

from macpu.access.models import User
from macpu.chronology.tests.builders import a_child_four_agencies_know
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person


@pytest.fixture
def world(
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
    gp_ben: User,
    police_chen: User,
) -> Person:
    """The child four agencies know (`a_child_four_agencies_know`), with a practitioner of each named agency."""
    return a_child_four_agencies_know(operator, council, school, police_force, gp_practice)
