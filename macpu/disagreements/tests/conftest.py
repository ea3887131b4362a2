"""A child of the council whose referral decision the school disputes: the school is involved (in the network)."""

import pytest

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.disagreements.tests.builders import council_decision, involve
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.people.models import Person


@pytest.fixture
def decision(sw_amara: User, child_of_council: Person) -> Event:
    return council_decision(sw_amara, child_of_council)


@pytest.fixture
def school_involved(operator: Actor, child_of_council: Person, school: Organisation, dsl_dev: User) -> None:
    involve(operator, child_of_council, school)
