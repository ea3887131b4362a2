"""The MACPU teams API: any signed-in user lists the area's teams; team managers add teams, members and leavers."""

import uuid

import pytest
from django.test import Client

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.macpt.models import MacpTeam
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.tests.conftest import TEAM_NAME, add_member
from macpu.organisations.models import Area, Organisation
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

LIST = "/api/v1/macpu-teams"


def _members_url(team: MacpTeam) -> str:
    return f"{LIST}/{team.id}/members"


def _police_member(organisation: Organisation) -> dict[str, str]:
    return {
        "name": "DC Sam Ward",
        "role": "Detective constable",
        "organisation_id": str(organisation.id),
        "membership": "police",
        "nominated_by": "chief_officer_of_police",
        "joined_on": "2026-03-02",
    }


def test_any_signed_in_user_lists_the_teams_with_members_and_missing_places(
    gp_ben: User, team_without_police: MacpTeam, gp_practice: Organisation
) -> None:
    response = signed_in_client(gp_ben).get(LIST)
    assert response.status_code == 200
    [team] = response.json()
    assert (team["id"], team["name"], team["area"], team["established_on"]) == (
        str(team_without_police.id),
        TEAM_NAME,
        "873",
        "2025-09-01",
    )
    health = next(m for m in team["members"] if m["membership"] == "health")
    assert health["organisation"] == {"id": str(gp_practice.id), "code": "Y01001", "name": "Riverside Medical Practice"}
    assert (health["name"], health["nominated_by"], health["left_on"]) == ("Dr Ada Bell", "integrated_care_board", None)
    assert team["missing_places"] == [
        {
            "membership": "police",
            "nominated_by": "chief_officer_of_police",
            "citation": "Children Act 2004 s.16EA(4)(d)",
            "message": "The team has no constable or relevant police employee with experience in child protection, "
            "nominated by the chief officer of police for the area (Children Act 2004 s.16EA(4)(d)).",
        }
    ]


def test_a_team_manager_creates_a_team_adds_a_member_and_records_a_leaver(
    tm_priya: User, area: Area, police_force: Organisation
) -> None:
    client = signed_in_client(tm_priya)
    # a team
    created = client.post(
        LIST, {"name": "Southgate team", "established_on": "2026-09-01"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert [p["citation"][-3:] for p in created.json()["missing_places"]] == ["(a)", "(b)", "(c)", "(d)"]
    team_id = created.json()["id"]
    # a member
    added = client.post(f"{LIST}/{team_id}/members", _police_member(police_force), content_type="application/json")
    assert added.status_code == 201
    assert [p["membership"] for p in added.json()["missing_places"]] == ["education", "social_work", "health"]
    member_id = added.json()["members"][0]["id"]
    # a leaver
    left = client.post(
        f"{LIST}/{team_id}/members/{member_id}/left", {"left_on": "2026-06-30"}, content_type="application/json"
    )
    assert left.status_code == 200
    assert left.json()["members"] == []
    assert [p["membership"] for p in left.json()["missing_places"]] == ["education", "social_work", "health", "police"]
    actions = AuditEvent.objects.filter(actor_label="tm.priya", action__startswith="macpt.")
    assert sorted(actions.values_list("action", flat=True)) == [
        "macpt.member_added",
        "macpt.member_left",
        "macpt.team_created",
    ]


def test_a_leaving_date_before_joining_is_a_400_naming_the_field(
    tm_priya: User, operator: Actor, team: MacpTeam, police_force: Organisation
) -> None:
    officer = add_member(operator, team, police_force, Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE)
    response = signed_in_client(tm_priya).post(
        f"{_members_url(team)}/{officer.id}/left", {"left_on": "2025-08-31"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "left_on": ["The date they left must be on or after the date they joined, 1 September 2025"]
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"membership": "teacher"}, "membership"),
        ({"nominated_by": "mayor"}, "nominated_by"),
        ({"joined_on": "2026-02-30"}, "joined_on"),
        ({"organisation_id": str(uuid.UUID(int=7))}, "organisation_id"),
        ({"name": ""}, "name"),
    ],
)
def test_a_bad_member_is_a_400_naming_the_field(
    tm_priya: User, team: MacpTeam, police_force: Organisation, changes: dict, field: str
) -> None:
    body = {**_police_member(police_force), **changes}
    response = signed_in_client(tm_priya).post(_members_url(team), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_team_of_another_area_or_an_unknown_member_is_a_404(
    tm_priya: User, operator: Actor, team: MacpTeam, police_force: Organisation
) -> None:
    other_area = Area.objects.create(name="Southby", la_code="874", partnership_name="Southby partnership")
    police_force.areas.add(team.area)
    elsewhere = MacpTeam.objects.create(area=other_area, name="Southby team", established_on=team.established_on)
    client = signed_in_client(tm_priya)
    # tm_priya's council belongs to no area, and there are now two: she reaches no team at all.
    assert client.get(LIST).json() == []
    assert (
        client.post(_members_url(team), _police_member(police_force), content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(_members_url(elsewhere), _police_member(police_force), content_type="application/json").status_code
        == 404
    )
    unknown = f"{_members_url(team)}/{uuid.uuid4()}/left"
    assert client.post(unknown, {"left_on": "2026-01-01"}, content_type="application/json").status_code == 404


def test_only_team_managers_and_administrators_change_teams(
    sw_amara: User, team: MacpTeam, area: Area, police_force: Organisation
) -> None:
    client = signed_in_client(sw_amara)
    assert client.get(LIST).status_code == 200
    refused = client.post(LIST, {"name": "Mine", "established_on": "2026-09-01"}, content_type="application/json")
    assert refused.status_code == 403
    assert (
        client.post(_members_url(team), _police_member(police_force), content_type="application/json").status_code
        == 403
    )
    # Each refusal is audited: the role's, and the service's own.
    assert AuditEvent.objects.filter(action="access.denied", actor_label="sw.amara").count() == 2
    assert MacpTeam.objects.count() == 1
    assert not team.members.exists()


def test_anonymous_callers_are_refused() -> None:
    assert Client().get(LIST).status_code == 401


def test_the_endpoints_are_in_the_openapi_schema() -> None:
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    teams = schema["paths"]["/api/v1/macpu-teams"]
    assert (teams["get"]["operationId"], teams["post"]["operationId"]) == ("macpu_teams_list", "macpu_teams_create")
    members = schema["paths"]["/api/v1/macpu-teams/{team_id}/members"]
    assert members["post"]["operationId"] == "macpu_teams_members_add"
    left = schema["paths"]["/api/v1/macpu-teams/{team_id}/members/{member_id}/left"]
    assert left["post"]["operationId"] == "macpu_teams_members_left"
    assert "missing_places" in schema["components"]["schemas"]["MacpTeam"]["properties"]
