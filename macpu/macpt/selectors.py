"""Reads of the MACP teams: each team with its members on the team and the statutory places left empty."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import NotFound
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.rules.membership import RequiredPlace, missing_places
from macpu.organisations.models import Area, Organisation
from macpu.organisations.selectors import area_of_organisation


@dataclass(frozen=True)
class TeamOverview:
    """A team as its page, the API and `macpu macpt check` show it on one day."""

    team: MacpTeam
    members: list[MacpTeamMember]  # on the team, or joining later; leavers left out
    missing: list[RequiredPlace]
    on: dt.date

    @property
    def complete(self) -> bool:
        return not self.missing

    def is_current(self, member: MacpTeamMember) -> bool:
        return member.as_rule_member().is_current(self.on)


def area_for(actor: Actor) -> Area | None:
    """The area whose teams `actor` works with: their organisation's one area, else the deployment's only one."""
    return area_of_organisation(organisation_id=actor.organisation_id)


def _overview(team: MacpTeam, on: dt.date) -> TeamOverview:
    every = list(team.members.all())
    staying = [member for member in every if member.left_on is None or member.left_on > on]
    return TeamOverview(team, staying, missing_places([m.as_rule_member() for m in every], on), on)


def _teams(area: Area | None) -> QuerySet[MacpTeam]:
    teams = MacpTeam.objects.select_related("area").prefetch_related("members__organisation")
    return teams if area is None else teams.filter(area=area)


def teams_overview(*, area: Area | None, on: dt.date | None = None) -> list[TeamOverview]:
    """Every team of `area` (of every area when None), by name, as it stands on `on` (today by default)."""
    day = on or clock.today()
    return [_overview(team, day) for team in _teams(area)]


def team_overview(*, team: MacpTeam, on: dt.date | None = None) -> TeamOverview:
    return _overview(_teams(None).get(pk=team.pk), on or clock.today())


def team_get(*, actor: Actor, team_id: uuid.UUID) -> MacpTeam:
    """The team, if it is one of the actor's area's (an operator reaches any); NotFound otherwise."""
    teams = MacpTeam.objects.select_related("area")
    if actor.kind != ActorKind.OPERATOR:
        area = area_for(actor)
        teams = teams.filter(area=area) if area else teams.none()
    team = teams.filter(id=team_id).first()
    if team is None:
        raise NotFound("No such team")
    return team


def member_get(*, team: MacpTeam, member_id: uuid.UUID) -> MacpTeamMember:
    member = MacpTeamMember.objects.select_related("organisation").filter(team=team, id=member_id).first()
    if member is None:
        raise NotFound("No such member of this team")
    return member


def member_organisations() -> QuerySet[Organisation]:
    """The organisations a member may come from: every active one, by name."""
    return Organisation.objects.filter(Q(is_active=True)).order_by("name")
