"""REST API for practice profiles, side by side, and the glossary. Everyone signed in reads them; an organisation's
safeguarding leads publish its profile; the glossary's managers change the glossary. HTTP only."""

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.models import Organisation, Team
from macpu.practice.api.serializers import (
    CompareQuery,
    GlossaryQuery,
    GlossaryTermChangeInput,
    GlossaryTermInput,
    GlossaryTermSerializer,
    PracticeComparisonSerializer,
    PracticeProfileListingSerializer,
    PracticeProfilePublishInput,
    PracticeProfileSerializer,
    PracticeProfileVersionSerializer,
    content_from,
    term_input_from,
)
from macpu.practice.selectors import (
    glossary_term_get,
    glossary_terms,
    organisation_by_key,
    organisations_for_comparison,
    profile_versions,
    profile_view,
    profiles_compare_current,
    profiles_list,
    team_of,
)
from macpu.practice.services import (
    glossary_term_add,
    glossary_term_change,
    glossary_term_remove,
    profile_publish,
    require_glossary_manager,
    require_profile_maintainer,
    require_profile_maintainer_role,
)

_INVALID = OpenApiResponse(description="Each field and what is wrong with it")
_STALE = OpenApiResponse(description="Another version was published (or change made) since the one you read")
_ORGANISATION = OpenApiParameter(
    "organisation", str, OpenApiParameter.PATH, description="The organisation's code (such as 873 or NBP) or its id"
)


def _valid(serializer_class: type[serializers.Serializer[object]], data: Any) -> dict[str, Any]:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


def _team(organisation: str, team_id: uuid.UUID | None) -> tuple[Organisation, Team | None]:
    found = organisation_by_key(organisation)
    return found, None if team_id is None else team_of(organisation=found, team_id=team_id)


def _publish(request: ActorApiRequest, organisation: str, team_id: uuid.UUID | None) -> Response:
    require_profile_maintainer_role(request.actor)
    found, team = _team(organisation, team_id)
    require_profile_maintainer(request.actor, found)
    data = _valid(PracticeProfilePublishInput, request.data)
    profile_publish(
        actor=request.actor,
        organisation=found,
        team=team,
        expected_version=data["version"],
        content=content_from(data),
        effective_from=data["effective_from"],
        change_note=data["change_note"],
    )
    return Response(PracticeProfileSerializer(profile_view(organisation=found, team=team)).data)


class ProfilesApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    @extend_schema(
        operation_id="practice_profiles_list",
        responses={200: PracticeProfileListingSerializer(many=True)},
        summary="Every organisation, whether it has published a practice profile, and when",
    )
    def get(self, request: ActorApiRequest) -> Response:
        return Response(PracticeProfileListingSerializer(profiles_list(), many=True).data)


class ProfileCompareApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    @extend_schema(
        operation_id="practice_profiles_compare",
        parameters=[CompareQuery],
        responses={200: PracticeComparisonSerializer, 400: _INVALID},
        summary="Two to six organisations' current profiles side by side, each row marked where they differ",
    )
    def get(self, request: ActorApiRequest) -> Response:
        keys = _valid(CompareQuery, {"org": request.query_params.getlist("org")})["org"]
        try:
            organisations = organisations_for_comparison(keys=keys)
        except NotFound:
            raise InvalidInput({"org": "Choose organisations by their code or id; one of these is not known"}) from None
        if len(organisations) < 2:
            raise InvalidInput({"org": "Choose at least two different organisations"})
        return Response(PracticeComparisonSerializer(profiles_compare_current(organisations=organisations)).data)


class ProfileApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW  # publishing asks for more: practice.maintain_profile

    @extend_schema(
        operation_id="practice_profile_retrieve",
        parameters=[_ORGANISATION],
        responses={200: PracticeProfileSerializer},
        summary="An organisation's practice profile: its current version (null before the first)",
    )
    def get(self, request: ActorApiRequest, organisation: str) -> Response:
        found = organisation_by_key(organisation)
        return Response(PracticeProfileSerializer(profile_view(organisation=found)).data)

    @extend_schema(
        operation_id="practice_profile_publish",
        parameters=[_ORGANISATION],
        request=PracticeProfilePublishInput,
        responses={200: PracticeProfileSerializer, 400: _INVALID, 409: _STALE},
        summary="Publish a new version of the organisation's profile (its own safeguarding leads)",
    )
    def put(self, request: ActorApiRequest, organisation: str) -> Response:
        return _publish(request, organisation, None)


class ProfileVersionsApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    @extend_schema(
        operation_id="practice_profile_versions",
        parameters=[_ORGANISATION],
        responses={200: PracticeProfileVersionSerializer(many=True)},
        summary="Every published version of the organisation's profile, newest first",
    )
    def get(self, request: ActorApiRequest, organisation: str) -> Response:
        found = organisation_by_key(organisation)
        return Response(PracticeProfileVersionSerializer(profile_versions(organisation=found), many=True).data)


class TeamProfileApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW  # publishing asks for more: practice.maintain_profile

    @extend_schema(
        operation_id="practice_profile_team_retrieve",
        parameters=[_ORGANISATION],
        responses={200: PracticeProfileSerializer},
        summary="The profile of a team whose practice differs from its organisation's",
    )
    def get(self, request: ActorApiRequest, organisation: str, team_id: uuid.UUID) -> Response:
        found, team = _team(organisation, team_id)
        return Response(PracticeProfileSerializer(profile_view(organisation=found, team=team)).data)

    @extend_schema(
        operation_id="practice_profile_team_publish",
        parameters=[_ORGANISATION],
        request=PracticeProfilePublishInput,
        responses={200: PracticeProfileSerializer, 400: _INVALID, 409: _STALE},
        summary="Publish a new version of a team's profile (the organisation's own safeguarding leads)",
    )
    def put(self, request: ActorApiRequest, organisation: str, team_id: uuid.UUID) -> Response:
        return _publish(request, organisation, team_id)


class TeamProfileVersionsApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    @extend_schema(
        operation_id="practice_profile_team_versions",
        parameters=[_ORGANISATION],
        responses={200: PracticeProfileVersionSerializer(many=True)},
        summary="Every published version of a team's profile, newest first",
    )
    def get(self, request: ActorApiRequest, organisation: str, team_id: uuid.UUID) -> Response:
        found, team = _team(organisation, team_id)
        return Response(
            PracticeProfileVersionSerializer(profile_versions(organisation=found, team=team), many=True).data
        )


class GlossaryApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW  # adding asks for more: practice.manage_glossary

    @extend_schema(
        operation_id="glossary_list",
        parameters=[GlossaryQuery],
        responses={200: GlossaryTermSerializer(many=True)},
        summary="The shared glossary, A to Z; with q, the terms whose term, short meaning or meaning contain it",
    )
    def get(self, request: ActorApiRequest) -> Response:
        query = _valid(GlossaryQuery, request.query_params).get("q", "")
        return Response(GlossaryTermSerializer(glossary_terms(query=query), many=True).data)

    @extend_schema(
        operation_id="glossary_term_add",
        request=GlossaryTermInput,
        responses={201: GlossaryTermSerializer, 400: _INVALID},
        summary="Add a term to the glossary (partnership analysts, system administrators)",
    )
    def post(self, request: ActorApiRequest) -> Response:
        require_glossary_manager(request.actor)
        term = glossary_term_add(actor=request.actor, given=term_input_from(_valid(GlossaryTermInput, request.data)))
        return Response(GlossaryTermSerializer(glossary_term_get(term_id=term.id)).data, status=status.HTTP_201_CREATED)


class GlossaryTermApi(ProtectedApiView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW  # changes ask for more: practice.manage_glossary

    @extend_schema(operation_id="glossary_term_retrieve", responses={200: GlossaryTermSerializer})
    def get(self, request: ActorApiRequest, term_id: uuid.UUID) -> Response:
        return Response(GlossaryTermSerializer(glossary_term_get(term_id=term_id)).data)

    @extend_schema(
        operation_id="glossary_term_change",
        request=GlossaryTermChangeInput,
        responses={200: GlossaryTermSerializer, 400: _INVALID, 409: _STALE},
        summary="Change a term of the glossary (partnership analysts, system administrators)",
    )
    def put(self, request: ActorApiRequest, term_id: uuid.UUID) -> Response:
        require_glossary_manager(request.actor)
        term = glossary_term_get(term_id=term_id)
        data = _valid(GlossaryTermChangeInput, request.data)
        glossary_term_change(
            actor=request.actor, term=term, expected_version=data["version"], given=term_input_from(data)
        )
        return Response(GlossaryTermSerializer(glossary_term_get(term_id=term_id)).data)

    @extend_schema(
        operation_id="glossary_term_remove",
        request=None,
        responses={204: None, 400: _INVALID},
        summary="Remove a term no practice profile has used (partnership analysts, system administrators)",
    )
    def delete(self, request: ActorApiRequest, term_id: uuid.UUID) -> Response:
        require_glossary_manager(request.actor)
        glossary_term_remove(actor=request.actor, term=glossary_term_get(term_id=term_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
