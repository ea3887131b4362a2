"""A subject access request: the person's own record, other people redacted, restricted content withheld; audited."""

import json

import pytest
from django.core.management import call_command

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.events.models import EventPerson
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ig_irene(macpu_team: Organisation) -> User:
    user = UserFactory(username="ig.irene", first_name="Irene", last_name="Cole")
    MembershipFactory(user=user, organisation=macpu_team, role=Role.INFORMATION_GOVERNANCE_OFFICER.value)
    return user


@pytest.fixture
def recorded(operator: Actor, child_of_council: Person, council: Organisation, police_force: Organisation) -> Person:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    lisa = {"given_name": "Lisa", "family_name": "Whitmore", "date_of_birth": "1990-06-02", "role": "mother"}
    concern = feed_event("C-1", council.code, subject=subject, summary="Lisa Whitmore rang: Maisie is well")
    record(operator, concern | {"people": [lisa]})
    sealed = feed_event("P-1", police_force.code, "police_incident", subject=subject, sensitivity="sealed")
    record(operator, sealed | {"details": {"domestic_abuse": True}, "summary": "Intelligence about Lisa"})
    return child_of_council


def test_the_officer_prepares_a_redacted_record_to_review_and_downloads_it(recorded: Person, ig_irene: User) -> None:
    client = signed_in_client(ig_irene)
    preview = client.post("/subject-access/", {"reference": recorded.identifiers.get().value})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "[third party] rang" in text
    assert "Intelligence about" not in text  # sealed: listed without content
    assert "Listed without content" in text
    download = client.post("/subject-access/", {"person": str(recorded.id)})
    assert download["Content-Disposition"].startswith('attachment; filename="subject-access-')
    data = json.loads(download.content)
    assert {r["person"] for r in data["relationships"]} == {"[third party]"}  # her mother, as each agency named her
    assert {r["relationship"] for r in data["relationships"]} == {"Mother"}
    assert [r["withheld"] for r in data["records"]] == [False, True]
    assert data["redactions"] == 1
    assert AuditEvent.objects.filter(action="oversight.subject_access_exported", child_id=str(recorded.id)).count() == 2


def test_bad_references_are_named_and_others_may_not_prepare(recorded: Person, ig_irene: User, sw_amara: User) -> None:
    client = signed_in_client(ig_irene)
    bad = client.post("/subject-access/", {"reference": "12345"})
    assert bad.status_code == 400
    assert "Enter an NHS number or a macpu id" in bad.content.decode()
    assert signed_in_client(sw_amara).get("/subject-access/").status_code == 403
    refused = signed_in_client(sw_amara).post(
        "/api/v1/subject-access", {"reference": str(recorded.id)}, content_type="application/json"
    )
    assert refused.status_code == 403
    api = client.post("/api/v1/subject-access", {"reference": str(recorded.id)}, content_type="application/json")
    assert api.json()["subject"]["family_name"] == "Whitmore"


def test_an_adult_s_mentions_in_children_s_records_are_listed_without_content(
    recorded: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    named = EventPerson.objects.get(event__record_id="C-1").person
    call_command("oversight", "subject-access", str(named.id))
    data = json.loads(capsys.readouterr().out)
    assert data["subject"]["given_name"] == "Lisa"
    [mention] = data["records"]
    assert mention["withheld"]
    assert mention["what"] == "A record about another person that names you (mother)"
    assert "Maisie" not in json.dumps(data)


def test_a_sealed_move_is_listed_without_its_postcode_even_in_its_title(
    operator: Actor, child_of_council: Person, police_force: Organisation, ig_irene: User
) -> None:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    move = feed_event("MOVE-7", police_force.code, "address_change", subject=subject, sensitivity="sealed")
    record(operator, move | {"details": {"postcode": "NB9 7QQ", "la_code": "873"}})
    answer = signed_in_client(ig_irene).post(
        "/api/v1/subject-access", {"reference": str(child_of_council.id)}, content_type="application/json"
    )
    assert "NB9 7QQ" not in answer.content.decode()
    [moved] = [r for r in answer.json()["records"] if r["record_id"] == "MOVE-7"]
    assert (moved["what"], moved["withheld"]) == ("Address change", True)
