"""A team of the Northbridge area, and a builder that adds a member to it in a place, as the operator."""

import datetime as dt

import pytest

from macpu.core.actor import Actor
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.services import macp_member_add, macp_team_create
from macpu.organisations.models import Area, Organisation

ESTABLISHED = dt.date(2025, 9, 1)
TEAM_NAME = "Northbridge Multi-Agency Child Protection Team"


@pytest.fixture
def team(operator: Actor, area: Area) -> MacpTeam:
    return macp_team_create(actor=operator, area=area, name=TEAM_NAME, established_on=ESTABLISHED)


def add_member(
    actor: Actor,
    team: MacpTeam,
    organisation: Organisation,
    place: Place,
    nominated_by: NominatingBody,
    *,
    name: str = "Rhian Castell",
    role: str = "Member",
    joined_on: dt.date = ESTABLISHED,
) -> MacpTeamMember:
    return macp_member_add(
        actor=actor,
        team=team,
        name=name,
        role=role,
        organisation_id=organisation.id,
        membership=place.value,
        nominated_by=nominated_by.value,
        joined_on=joined_on,
    )


@pytest.fixture
def team_without_police(
    operator: Actor, team: MacpTeam, council: Organisation, school: Organisation, gp_practice: Organisation
) -> MacpTeam:
    """Education, social work and health filled by the right bodies; no police member yet."""
    add_member(operator, team, school, Place.EDUCATION, NominatingBody.LOCAL_AUTHORITY, name="Nia Pryce")
    add_member(operator, team, council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY, name="Tom Egan")
    add_member(operator, team, gp_practice, Place.HEALTH, NominatingBody.INTEGRATED_CARE_BOARD, name="Dr Ada Bell")
    return team
