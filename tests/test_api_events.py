import pytest
from django.test import Client

from macpu.access.services import api_client_issue
from macpu.core.actor import Actor
from macpu.events.models import Event, QuarantinedLine
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation
from macpu.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_token(operator: Actor, school: Organisation) -> str:
    return api_client_issue(actor=operator, organisation_id=school.id, name="CPOMS feed")[1]


def post(token: str, body: object) -> tuple[int, dict[str, object]]:
    response = Client().post(
        "/api/v1/events", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    return response.status_code, response.json()


def test_a_batch_gets_each_result_in_order(school_token: str, school: Organisation, police_force: Organisation) -> None:
    good = feed_event("CPOMS-1", school.code)
    status, body = post(school_token, [good, good, feed_event("NBP-1", police_force.code), {"record_id": "CPOMS-2"}])
    assert status == 200
    results = body["results"]
    assert isinstance(results, list)
    assert [r["result"] for r in results] == ["created", "unchanged", "rejected", "rejected"]
    assert results[2]["errors"] == [
        {"field": "org", "message": "this system may send events only for its own organisation, 123456"}
    ]
    assert {e["field"] for e in results[3]["errors"]} == {"org", "type", "occurred_at", "subject"}
    assert Event.objects.count() == 1
    assert QuarantinedLine.objects.count() == 2


def test_a_single_rejected_event_answers_400(school_token: str, school: Organisation) -> None:
    status, body = post(school_token, feed_event("CPOMS-1", school.code, details={}))
    assert status == 400
    assert body["results"][0]["errors"] == [{"field": "details.categories", "message": "is required"}]  # type: ignore[index]


def test_a_token_cannot_read_records(school_token: str, school: Organisation) -> None:
    post(school_token, feed_event("CPOMS-1", school.code))
    child = Person.objects.get(kind="child")
    response = Client().get(f"/api/v1/children/{child.id}", HTTP_AUTHORIZATION=f"Bearer {school_token}")
    assert response.status_code == 403


def test_a_wrong_or_missing_token_is_refused() -> None:
    assert Client().post("/api/v1/events", [], content_type="application/json").status_code == 401
    status, _ = post("macpu_not-a-token", [])
    assert status == 401


def test_a_data_quality_officer_sees_and_corrects_the_quarantine(
    school_token: str, school: Organisation, operator: Actor
) -> None:
    from macpu.access.roles import Role
    from tests.builders import signed_in_client
    from tests.factories import MembershipFactory, UserFactory

    dana = UserFactory(username="dq.dana")
    MembershipFactory(user=dana, organisation=school, role=Role.DATA_QUALITY_OFFICER.value)
    bad = feed_event("CPOMS-9", school.code, details={"categories": ["neglekt"]})
    post(school_token, bad)
    client = signed_in_client(dana)
    listed = client.get("/api/v1/feed/quarantine").json()
    assert [(line["record_id"], line["errors"][0]["field"]) for line in listed] == [
        ("CPOMS-9", "details.categories[0]")
    ]
    fixed = __import__("json").dumps({**bad, "details": {"categories": ["neglect"]}})
    replayed = client.post(
        f"/api/v1/feed/quarantine/{listed[0]['id']}/replay", {"line": fixed}, content_type="application/json"
    )
    assert (replayed.status_code, replayed.json()["result"]) == (200, "created")
    assert client.get("/api/v1/feed/quarantine").json() == []
    sources = client.get("/api/v1/feed/sources").json()
    assert [(s["organisation_code"], s["quiet"]) for s in sources] == [("123456", False)]
    page = client.get("/feed/sources/").content.decode()
    assert "Hillside Primary School" in page
