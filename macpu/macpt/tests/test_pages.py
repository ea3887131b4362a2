"""The MACPU team pages: everyone signed in reads them; team managers and administrators add teams and members."""

import pytest
from django.test import Client

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.tests.conftest import TEAM_NAME, add_member
from macpu.organisations.models import Area, Organisation
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

PAGE = "/macpu-team/"
ADD_TEAM = "/macpu-team/add/"
POLICE_MISSING = "The team has no constable or relevant police employee"


def _add_member_url(team: MacpTeam) -> str:
    return f"/macpu-team/{team.id}/members/add/"


def _left_url(member: MacpTeamMember) -> str:
    return f"/macpu-team/{member.team_id}/members/{member.id}/left/"


def _member_form(organisation: Organisation, **changes: str) -> dict[str, str]:
    return {
        "name": "DC Sam Ward",
        "role": "Detective constable",
        "organisation_id": str(organisation.id),
        "membership": "police",
        "nominated_by": "chief_officer_of_police",
        "joined_on_day": "2",
        "joined_on_month": "3",
        "joined_on_year": "2026",
        **changes,
    }


def test_every_signed_in_user_reads_the_teams_with_members_and_missing_places(
    gp_ben: User, team_without_police: MacpTeam
) -> None:
    response = signed_in_client(gp_ben).get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert TEAM_NAME in body
    for shown in (
        "Dr Ada Bell",
        "Riverside Medical Practice",
        "Health",
        "An integrated care board",
        "1 September 2025",
    ):
        assert shown in body
    assert body.count('class="govuk-warning-text"') == 1
    assert POLICE_MISSING in body
    assert "(Children Act 2004 s.16EA(4)(d))" in body
    assert _add_member_url(team_without_police) not in body
    assert "Record leaving" not in body
    assert 'href="/macpu-team/"' in body  # the navigation link


def test_a_team_manager_adds_a_police_member_and_the_warning_goes(
    tm_priya: User, team_without_police: MacpTeam, police_force: Organisation
) -> None:
    client = signed_in_client(tm_priya)
    assert _add_member_url(team_without_police) in client.get(PAGE).content.decode()
    form_page = client.get(_add_member_url(team_without_police))
    assert form_page.status_code == 200
    assert "Northbridge Police" in form_page.content.decode()
    response = client.post(_add_member_url(team_without_police), _member_form(police_force), follow=True)
    body = response.content.decode()
    assert f"DC Sam Ward added to {TEAM_NAME}" in body
    assert POLICE_MISSING not in body
    assert "A current member fills each of the four places the law requires" in body
    assert AuditEvent.objects.filter(action="macpt.member_added", actor_label="tm.priya").count() == 1


def test_a_bad_member_form_shows_an_error_summary_naming_each_field(
    tm_priya: User, team: MacpTeam, police_force: Organisation
) -> None:
    response = signed_in_client(tm_priya).post(
        _add_member_url(team), _member_form(police_force, name="", membership="", joined_on_month="")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: Add a member" in body
    assert 'href="#id_name"' in body
    assert "Enter the member&#x27;s name" in body
    assert 'href="#id_membership_0"' in body
    assert "Choose the place on the team they fill" in body
    assert 'href="#id_joined_on_0"' in body
    assert "The date they joined must include a month" in body
    assert not MacpTeamMember.objects.exists()


def test_a_team_manager_adds_a_team(tm_priya: User, area: Area) -> None:
    client = signed_in_client(tm_priya)
    assert client.get(ADD_TEAM).status_code == 200
    data = {
        "name": "Southgate team",
        "established_on_day": "1",
        "established_on_month": "9",
        "established_on_year": "2026",
    }
    body = client.post(ADD_TEAM, data, follow=True).content.decode()
    assert "Southgate team added" in body
    assert body.count('class="govuk-warning-text"') == 4
    empty = client.post(ADD_TEAM, {"name": "Southgate team"})
    assert empty.status_code == 400
    assert "Enter the date the team was established" in empty.content.decode()
    again = client.post(ADD_TEAM, data)
    assert "Northbridge already has a team called Southgate team" in again.content.decode()


def test_recording_a_leaver_brings_the_warning_back_and_a_date_before_joining_is_refused(
    tm_priya: User, operator: Actor, team_without_police: MacpTeam, police_force: Organisation
) -> None:
    officer = add_member(
        operator, team_without_police, police_force, Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE
    )
    client = signed_in_client(tm_priya)
    assert _left_url(officer) in client.get(PAGE).content.decode()
    early = client.post(_left_url(officer), {"left_on_day": "1", "left_on_month": "1", "left_on_year": "2020"})
    assert early.status_code == 400
    assert "The date they left must be on or after the date they joined, 1 September 2025" in early.content.decode()
    assert 'href="#id_left_on_0"' in early.content.decode()
    done = client.post(
        _left_url(officer), {"left_on_day": "1", "left_on_month": "1", "left_on_year": "2026"}, follow=True
    )
    body = done.content.decode()
    assert f"Rhian Castell has left {TEAM_NAME}" in body
    assert POLICE_MISSING in body


def test_only_managers_change_teams_and_refusals_are_audited(
    sw_amara: User, operator: Actor, team: MacpTeam, police_force: Organisation
) -> None:
    member = add_member(operator, team, police_force, Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE)
    amara = signed_in_client(sw_amara)
    assert amara.get(PAGE).status_code == 200
    assert amara.get(_add_member_url(team)).status_code == 403
    assert amara.post(_add_member_url(team), _member_form(police_force)).status_code == 403
    assert amara.post(ADD_TEAM, {"name": "Mine"}).status_code == 403
    assert (
        amara.post(_left_url(member), {"left_on_day": "1", "left_on_month": "1", "left_on_year": "2026"}).status_code
        == 403
    )
    assert AuditEvent.objects.filter(action="access.denied", actor_label="sw.amara").count() == 4
    assert MacpTeamMember.objects.count() == 1
    assert MacpTeam.objects.count() == 1


def test_an_unknown_team_or_member_is_a_404(tm_priya: User, team: MacpTeam) -> None:
    client = signed_in_client(tm_priya)
    assert client.get("/macpu-team/00000000-0000-0000-0000-000000000000/members/add/").status_code == 404
    assert client.get(f"/macpu-team/{team.id}/members/00000000-0000-0000-0000-000000000000/left/").status_code == 404


def test_without_an_area_there_are_no_teams_and_none_can_be_added(admin_sam: User) -> None:
    client = signed_in_client(admin_sam)
    assert "macpu has no area set up yet" in client.get(PAGE).content.decode()
    assert client.get(ADD_TEAM).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
