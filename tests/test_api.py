import pytest
from django.test import Client

from macpu.access.models import User
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_served_and_describes_the_children_api() -> None:
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/children/{child_id}", "/api/v1/children/search", "/api/v1/organisations", "/api/v1/me"} <= set(
        schema["paths"]
    )


def test_an_involved_social_worker_reads_the_child_record(sw_amara: User, child_of_council: Person) -> None:
    response = signed_in_client(sw_amara).get(f"/api/v1/children/{child_of_council.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["child"]["id"] == str(child_of_council.id)
    assert [r["type"] for r in body["relatives"]] == ["mother"]
    assert [i["organisation"]["name"] for i in body["involvements"]] == ["Northbridge Children's Services"]


def test_an_uninvolved_user_gets_the_same_404_as_for_a_missing_child(gp_ben: User, child_of_council: Person) -> None:
    client = signed_in_client(gp_ben)
    hidden = client.get(f"/api/v1/children/{child_of_council.id}")
    missing = client.get("/api/v1/children/00000000-0000-4000-8000-000000000000")
    assert (
        (hidden.status_code, hidden.json()) == (missing.status_code, missing.json()) == (404, {"detail": "Not found."})
    )


def test_search_by_an_invalid_nhs_number_names_the_field(sw_amara: User) -> None:
    response = signed_in_client(sw_amara).post(
        "/api/v1/children/search", {"nhs_number": "9434765918"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"nhs_number": ["This is not a valid NHS number: the check digit does not match"]}


def test_an_analyst_may_not_search_for_children(analyst_ali: User) -> None:
    response = signed_in_client(analyst_ali).post(
        "/api/v1/children/search", {"nhs_number": "9434765919"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_a_stale_edit_is_refused_not_lost(admin_sam: User, council: Organisation) -> None:
    client = signed_in_client(admin_sam)
    url = f"/api/v1/organisations/{council.id}/contacts"
    first = client.put(
        url,
        {"office_hours_phone": "01632 960001", "out_of_hours_phone": "01632 960002", "version": 1},
        content_type="application/json",
    )
    second = client.put(
        url,
        {"office_hours_phone": "01632 960999", "out_of_hours_phone": "", "version": 1},
        content_type="application/json",
    )
    assert (first.status_code, first.json()["version"]) == (200, 2)
    assert second.status_code == 409
    assert second.json()["current_version"] == 2
    council.refresh_from_db()
    assert council.office_hours_phone == "01632 960001"


def test_the_me_endpoint_names_the_role_and_organisation(sw_amara: User) -> None:
    body = signed_in_client(sw_amara).get("/api/v1/me").json()
    assert (body["username"], body["role"], body["organisation_name"]) == (
        "sw.amara",
        "social_worker",
        "Northbridge Children's Services",
    )
    assert "children.view" in body["permissions"]


def test_adding_a_malformed_upn_names_the_field_and_saves_nothing(sw_amara: User, child_of_council: Person) -> None:
    client = signed_in_client(sw_amara)
    url = f"/api/v1/children/{child_of_council.id}/identifiers"
    bad = client.post(url, {"scheme": "upn", "value": "A801200005001"}, content_type="application/json")
    assert (bad.status_code, bad.json()) == (
        400,
        {"value": ["This is not a valid UPN: the check letter does not match"]},
    )
    assert child_of_council.identifiers.filter(scheme="upn").count() == 0
    good = client.post(url, {"scheme": "upn", "value": "b801200005001"}, content_type="application/json")
    assert (good.status_code, good.json()["value"]) == (201, "B801200005001")


def test_an_uninvolved_user_cannot_add_to_a_child_record(gp_ben: User, child_of_council: Person) -> None:
    response = signed_in_client(gp_ben).post(
        f"/api/v1/children/{child_of_council.id}/identifiers",
        {"scheme": "upn", "value": "B801200005001"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert child_of_council.identifiers.filter(scheme="upn").count() == 0


def test_the_openapi_schema_is_valid_without_warnings() -> None:
    from django.core.management import call_command

    # --fail-on-warn: a warning (two components of one name, a field it cannot type) fails the build
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
