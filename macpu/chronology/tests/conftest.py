import pytest

from macpu.access.models import User
from macpu.chronology.tests.builders import a_child_four_agencies_know, occurrences_told_twice
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person


@pytest.fixture
def told_twice(
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
    police_chen: User,
    gp_ben: User,
) -> Person:
    """Four agencies' child, with occurrences that two agencies recorded (`occurrences_told_twice`)."""
    child = a_child_four_agencies_know(operator, council, school, police_force, gp_practice)
    occurrences_told_twice(operator, council, school, police_force)
    return child
