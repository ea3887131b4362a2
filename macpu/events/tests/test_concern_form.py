import pytest

from macpu.access.models import NetworkRole, User
from macpu.access.services import network_member_add
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

GOOD = {
    "occurred_on_day": "2",
    "occurred_on_month": "3",
    "occurred_on_year": "2026",
    "categories": ["neglect", "housing"],
    "injury": "no",
    "referred": "yes",
    "summary": "Came to school hungry three days running.",
    "sensitivity": "standard",
}


@pytest.fixture
def school_in_network(operator: Actor, dsl_dev: User, school: Organisation, child_of_council: Person) -> User:
    network_member_add(
        actor=operator,
        child_id=child_of_council.id,
        user=dsl_dev,
        organisation_id=school.id,
        network_role=NetworkRole.MEMBER,
        started_on=child_of_council.created_at.date(),
    )
    return dsl_dev


def test_a_concern_recorded_in_the_form_goes_through_the_feed_path(
    school_in_network: User, school: Organisation, child_of_council: Person
) -> None:
    response = signed_in_client(school_in_network).post(f"/children/{child_of_council.id}/concerns/new/", GOOD)
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.child, event.organisation, event.type, event.author_role) == (
        child_of_council,
        school,
        "concern",
        "safeguarding lead",
    )
    assert event.details == {"categories": ["neglect", "housing"], "injury": False, "referred": True}
    assert event.versions.get().payload["subject"]["family_name"] == "Whitmore"


def test_a_concern_form_with_errors_names_each_field_and_saves_nothing(
    school_in_network: User, child_of_council: Person
) -> None:
    bad = {**GOOD, "occurred_on_month": "13", "categories": [], "summary": ""}
    response = signed_in_client(school_in_network).post(f"/children/{child_of_council.id}/concerns/new/", bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "When did it happen? must be a real date" in page
    assert "Select what the concern is about" in page
    assert "Enter what happened" in page
    assert Event.objects.count() == 0
