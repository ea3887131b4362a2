"""Writes of the MACP teams: who may make them, what is refused and why, each audited, nothing half-saved."""

import datetime as dt

import pytest

from macpu.access.models import User
from macpu.audit import trail
from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.selectors import team_overview, teams_overview
from macpu.macpt.services import macp_member_add, macp_member_leave, macp_team_create
from macpu.macpt.tests.conftest import ESTABLISHED, TEAM_NAME, add_member
from macpu.organisations.models import Area, Organisation
from tests.builders import actor_of

pytestmark = pytest.mark.django_db


def test_a_team_manager_creates_a_team_and_it_is_audited(tm_priya: User, area: Area) -> None:
    # when
    team = macp_team_create(actor=actor_of(tm_priya), area=area, name=f"  {TEAM_NAME} ", established_on=ESTABLISHED)
    # then
    assert (team.name, team.area, team.established_on, team.notes) == (TEAM_NAME, area, ESTABLISHED, "")
    event = AuditEvent.objects.get(action="macpt.team_created")
    assert (event.actor_label, event.target_type, event.target_id) == ("tm.priya", "macp_team", str(team.id))
    assert event.details == {"area": "873", "name": TEAM_NAME, "established_on": "2025-09-01"}
    assert audit_log_verify().intact


def test_a_second_team_of_the_same_name_in_the_area_is_refused(operator: Actor, team: MacpTeam, area: Area) -> None:
    with pytest.raises(InvalidInput) as refused:
        macp_team_create(actor=operator, area=area, name=TEAM_NAME.upper(), established_on=ESTABLISHED)
    assert refused.value.errors == {"name": [f"Northbridge already has a team called {TEAM_NAME.upper()}"]}
    assert MacpTeam.objects.count() == 1


def test_a_team_without_a_name_is_refused_naming_the_field(operator: Actor, area: Area) -> None:
    with pytest.raises(InvalidInput) as refused:
        macp_team_create(actor=operator, area=area, name="  ", established_on=ESTABLISHED)
    assert refused.value.errors == {"name": ["Enter the team's name"]}


def test_roles_without_the_permission_may_not_change_teams(
    sw_amara: User, admin_sam: User, team: MacpTeam, area: Area, council: Organisation
) -> None:
    with pytest.raises(NotPermitted):
        macp_team_create(actor=actor_of(sw_amara), area=area, name="Second", established_on=ESTABLISHED)
    with pytest.raises(NotPermitted):
        add_member(actor_of(sw_amara), team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY)
    # A system administrator may.
    add_member(actor_of(admin_sam), team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY)
    assert MacpTeamMember.objects.count() == 1


def test_adding_members_fills_places_and_each_addition_is_audited(
    tm_priya: User, team_without_police: MacpTeam, police_force: Organisation
) -> None:
    # given
    assert [p.paragraph for p in team_overview(team=team_without_police).missing] == ["d"]
    # when
    member = add_member(
        actor_of(tm_priya),
        team_without_police,
        police_force,
        Place.POLICE,
        NominatingBody.CHIEF_OFFICER_OF_POLICE,
        name=" DC Sam Ward ",
        role="Detective constable",
    )
    # then
    assert (member.name, member.organisation, member.left_on) == ("DC Sam Ward", police_force, None)
    assert team_overview(team=team_without_police).missing == []
    event = AuditEvent.objects.filter(action="macpt.member_added").latest("sequence")
    assert (event.actor_label, event.target_id) == ("tm.priya", str(member.id))
    assert event.details == {
        "team": str(team_without_police.id),
        "membership": "police",
        "nominated_by": "chief_officer_of_police",
        "organisation": "NBP",
        "joined_on": "2025-09-01",
    }
    assert "DC Sam Ward" not in str(event.details)


def test_a_member_with_bad_fields_is_refused_naming_each_field(operator: Actor, team: MacpTeam) -> None:
    with pytest.raises(InvalidInput) as refused:
        macp_member_add(
            actor=operator,
            team=team,
            name="",
            role="x" * 151,
            organisation_id=team.id,  # not an organisation
            membership="teacher",
            nominated_by="mayor",
            joined_on=ESTABLISHED,
        )
    assert refused.value.errors == {
        "name": ["Enter the member's name"],
        "role": ["Their role or job title must be 150 characters or fewer"],
        "organisation_id": ["Choose the organisation they work for"],
        "membership": ["Choose the place on the team they fill"],
        "nominated_by": ["Choose who nominated them"],
    }
    assert not MacpTeamMember.objects.exists()
    assert not AuditEvent.objects.filter(action="macpt.member_added").exists()


def test_a_member_who_leaves_no_longer_fills_their_place(
    tm_priya: User, operator: Actor, team_without_police: MacpTeam, police_force: Organisation
) -> None:
    # given
    officer = add_member(
        operator, team_without_police, police_force, Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE
    )
    left_on = dt.date(2026, 3, 31)
    # when
    macp_member_leave(actor=actor_of(tm_priya), member=officer, left_on=left_on)
    # then
    officer.refresh_from_db()
    assert officer.left_on == left_on
    assert [p.paragraph for p in team_overview(team=team_without_police).missing] == ["d"]
    assert team_overview(team=team_without_police, on=dt.date(2026, 3, 30)).missing == []
    assert officer not in team_overview(team=team_without_police).members
    event = AuditEvent.objects.get(action="macpt.member_left")
    assert event.details == {"team": str(team_without_police.id), "membership": "police", "left_on": "2026-03-31"}


def test_a_leaving_date_before_joining_is_refused_naming_the_field(
    operator: Actor, team: MacpTeam, council: Organisation
) -> None:
    member = add_member(operator, team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY)
    with pytest.raises(InvalidInput) as refused:
        macp_member_leave(actor=operator, member=member, left_on=ESTABLISHED - dt.timedelta(days=1))
    assert refused.value.errors == {
        "left_on": ["The date they left must be on or after the date they joined, 1 September 2025"]
    }
    member.refresh_from_db()
    assert member.left_on is None
    assert not AuditEvent.objects.filter(action="macpt.member_left").exists()


def test_a_member_who_has_left_cannot_leave_again(operator: Actor, team: MacpTeam, council: Organisation) -> None:
    member = add_member(operator, team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY)
    macp_member_leave(actor=operator, member=member, left_on=dt.date(2026, 1, 1))
    with pytest.raises(InvalidInput) as refused:
        macp_member_leave(actor=operator, member=member, left_on=dt.date(2026, 2, 1))
    assert refused.value.errors == {"left_on": ["Rhian Castell left the team on 1 January 2026"]}


def test_nothing_is_half_saved_when_the_audit_cannot_be_written(
    operator: Actor, team: MacpTeam, council: Organisation, area: Area, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: a member, then an audit trail that fails
    member = add_member(operator, team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY)

    def broken(**_kwargs: object) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(trail, "record", broken)
    # when / then: each write fails whole
    with pytest.raises(RuntimeError):
        macp_team_create(actor=operator, area=area, name="Second team", established_on=ESTABLISHED)
    with pytest.raises(RuntimeError):
        add_member(operator, team, council, Place.OTHER, NominatingBody.OTHER, name="Not saved")
    with pytest.raises(RuntimeError):
        macp_member_leave(actor=operator, member=member, left_on=dt.date(2026, 1, 1))
    assert list(MacpTeam.objects.values_list("name", flat=True)) == [TEAM_NAME]
    assert list(MacpTeamMember.objects.values_list("name", flat=True)) == ["Rhian Castell"]
    member.refresh_from_db()
    assert member.left_on is None


def test_the_overview_lists_teams_by_name_with_members_yet_to_join(
    operator: Actor, team: MacpTeam, area: Area, council: Organisation
) -> None:
    later = add_member(
        operator, team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY, joined_on=dt.date(2099, 1, 1)
    )
    macp_team_create(actor=operator, area=area, name="Alder team", established_on=ESTABLISHED)
    overviews = teams_overview(area=area)
    assert [o.team.name for o in overviews] == ["Alder team", TEAM_NAME]
    assert overviews[1].members == [later]
    assert not overviews[1].is_current(later)
    assert [p.paragraph for p in overviews[1].missing] == ["a", "b", "c", "d"]
