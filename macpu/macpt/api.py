"""REST API for the MACP teams: the area's teams for any signed-in user; changes for team managers. HTTP only."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.selectors import area_for, member_get, team_get, team_overview, teams_overview
from macpu.macpt.services import (
    MEMBER_NAME_MAX_LENGTH,
    ROLE_MAX_LENGTH,
    TEAM_NAME_MAX_LENGTH,
    macp_member_add,
    macp_member_leave,
    macp_team_create,
)


class MacpMemberOrganisationSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()


class MacpTeamMemberSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    name = serializers.CharField()
    role = serializers.CharField(help_text="Their role or job title")
    organisation = MacpMemberOrganisationSerializer()
    membership = serializers.ChoiceField(choices=[p.value for p in Place], help_text="The place they fill")
    nominated_by = serializers.ChoiceField(choices=[b.value for b in NominatingBody])
    joined_on = serializers.DateField()
    left_on = serializers.DateField(allow_null=True, help_text="The first day they are no longer on the team")


class MacpMissingPlaceSerializer(serializers.Serializer[object]):
    membership = serializers.ChoiceField(choices=[p.value for p in Place], source="place")
    nominated_by = serializers.ChoiceField(choices=[b.value for b in NominatingBody])
    citation = serializers.CharField(help_text="For example, Children Act 2004 s.16EA(4)(a)")
    message = serializers.CharField()


class MacpTeamSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField(source="team.id")
    name = serializers.CharField(source="team.name")
    area = serializers.CharField(source="team.area.la_code", help_text="The area's DfE local authority number")
    established_on = serializers.DateField(source="team.established_on")
    notes = serializers.CharField(source="team.notes")
    members = MacpTeamMemberSerializer(many=True, help_text="Members on the team or yet to join; leavers left out")
    missing_places = MacpMissingPlaceSerializer(
        many=True, source="missing", help_text="The places of CA 2004 s.16EA(4) no current member fills; empty if none"
    )


class MacpTeamInput(serializers.Serializer[object]):
    name = serializers.CharField(max_length=TEAM_NAME_MAX_LENGTH)
    established_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class MacpTeamMemberInput(serializers.Serializer[object]):
    name = serializers.CharField(max_length=MEMBER_NAME_MAX_LENGTH)
    role = serializers.CharField(max_length=ROLE_MAX_LENGTH, help_text="Their role or job title")
    organisation_id = serializers.UUIDField(help_text="The organisation they work for")
    membership = serializers.ChoiceField(choices=[p.value for p in Place], help_text="The place they fill")
    nominated_by = serializers.ChoiceField(choices=[b.value for b in NominatingBody])
    joined_on = serializers.DateField()


class MacpTeamLeavingInput(serializers.Serializer[object]):
    left_on = serializers.DateField(help_text="The first day they are no longer on the team; not before joined_on")


_INVALID = OpenApiResponse(description="Each field and what is wrong with it")
_NO_TEAM = OpenApiResponse(description="No such team in the caller's area")


def _valid(serializer_class: type[serializers.Serializer[object]], request: ActorApiRequest) -> dict[str, Any]:
    given = serializer_class(data=request.data)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


class TeamsApi(ProtectedApiView):
    permission = Permission.WORKSPACE_USE  # adding asks for more: the service requires MACPT_MANAGE

    @extend_schema(
        operation_id="macpu_teams_list",
        responses={200: MacpTeamSerializer(many=True)},
        summary="The caller's area's multi-agency child protection teams, their members and missing places",
    )
    def get(self, request: ActorApiRequest) -> Response:
        area = area_for(request.actor)
        return Response(MacpTeamSerializer(teams_overview(area=area) if area else [], many=True).data)

    @extend_schema(
        operation_id="macpu_teams_create",
        request=MacpTeamInput,
        responses={
            201: MacpTeamSerializer,
            400: _INVALID,
            403: OpenApiResponse(description="Not a team manager"),
            404: OpenApiResponse(description="macpu has no area to add a team to"),
        },
        summary="Record a multi-agency child protection team of the caller's area (team managers, administrators)",
    )
    def post(self, request: ActorApiRequest) -> Response:
        area = area_for(request.actor)
        if area is None:
            raise NotFound("macpu has no area to add a team to")
        team = macp_team_create(actor=request.actor, area=area, **_valid(MacpTeamInput, request))
        return Response(MacpTeamSerializer(team_overview(team=team)).data, status=status.HTTP_201_CREATED)


class MembersApi(ProtectedApiView):
    permission = Permission.MACPT_MANAGE

    @extend_schema(
        operation_id="macpu_teams_members_add",
        request=MacpTeamMemberInput,
        responses={201: MacpTeamSerializer, 400: _INVALID, 404: _NO_TEAM},
        summary="Add a member to a team; the answer is the team with its missing places",
    )
    def post(self, request: ActorApiRequest, team_id: uuid.UUID) -> Response:
        team = team_get(actor=request.actor, team_id=team_id)
        macp_member_add(actor=request.actor, team=team, **_valid(MacpTeamMemberInput, request))
        return Response(MacpTeamSerializer(team_overview(team=team)).data, status=status.HTTP_201_CREATED)


class MemberLeftApi(ProtectedApiView):
    permission = Permission.MACPT_MANAGE

    @extend_schema(
        operation_id="macpu_teams_members_left",
        request=MacpTeamLeavingInput,
        responses={200: MacpTeamSerializer, 400: _INVALID, 404: _NO_TEAM},
        summary="Record that a member left a team; the answer is the team with its missing places",
    )
    def post(self, request: ActorApiRequest, team_id: uuid.UUID, member_id: uuid.UUID) -> Response:
        member = member_get(team=team_get(actor=request.actor, team_id=team_id), member_id=member_id)
        macp_member_leave(actor=request.actor, member=member, **_valid(MacpTeamLeavingInput, request))
        return Response(MacpTeamSerializer(team_overview(team=member.team)).data)
