"""REST API for the tokens organisations' systems send events with: list, issue, rotate, revoke, and the uses of
each. The token itself is in the answer to issuing or rotating only."""

import uuid

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.selectors import api_client_get, api_clients_manageable
from macpu.access.services import api_client_issue, api_client_revoke, api_client_rotate
from macpu.audit.selectors import audit_entries
from macpu.core.errors import InvalidInput
from macpu.core.http import ErrorSerializer
from macpu.core.paging import page_number
from macpu.organisations.selectors import organisation_get


class ApiTokenSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    name = serializers.CharField()
    organisation_id = serializers.UUIDField()
    organisation_name = serializers.CharField(source="organisation.name")
    token_prefix = serializers.CharField(help_text="The first characters of the token, to recognise it by")
    live = serializers.BooleanField(source="is_live")
    issued_at = serializers.DateTimeField(source="created_at")
    issued_by = serializers.CharField()
    rotated_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoked_by = serializers.CharField()
    last_used_at = serializers.DateTimeField(allow_null=True)


class ApiTokenShownOnceSerializer(ApiTokenSerializer):
    token = serializers.CharField(help_text="The whole token: shown in this answer only, never again")


class ApiTokenIssueInput(serializers.Serializer[object]):
    name = serializers.CharField(max_length=120, help_text="The system that will use the token")
    organisation_id = serializers.UUIDField(
        required=False, help_text="Whose system it is; by default the organisation you act for"
    )


class ApiTokenUseSerializer(serializers.Serializer[object]):
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField(help_text="api_client.used, api_client.refused, .created, .rotated or .revoked")
    outcome = serializers.CharField()
    actor_label = serializers.CharField()
    details = serializers.DictField()


class ApiTokenDetailSerializer(serializers.Serializer[object]):
    token = ApiTokenSerializer()
    history = ApiTokenUseSerializer(many=True, help_text="Uses and changes, newest first")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    total = serializers.IntegerField()


def _shown_once(client: object, token: str) -> dict[str, object]:
    return {**ApiTokenSerializer(client).data, "token": token}


class ApiTokenListApi(ProtectedApiView):
    permission = Permission.API_CLIENTS_MANAGE

    @extend_schema(responses=ApiTokenSerializer(many=True), operation_id="api_tokens_list")
    def get(self, request: ActorApiRequest) -> Response:
        return Response(ApiTokenSerializer(api_clients_manageable(actor=request.actor), many=True).data)

    @extend_schema(
        request=ApiTokenIssueInput,
        responses={201: ApiTokenShownOnceSerializer, 404: ErrorSerializer},  # 404: no such organisation
        operation_id="api_tokens_issue",
    )
    def post(self, request: ActorApiRequest) -> Response:
        given = ApiTokenIssueInput(data=request.data)
        given.is_valid(raise_exception=True)
        organisation_id = given.validated_data.get("organisation_id") or request.actor.organisation_id
        if organisation_id is None:
            raise InvalidInput({"organisation_id": "Give the organisation whose system it is"})
        client, token = api_client_issue(
            actor=request.actor,
            organisation_id=organisation_get(organisation_id=organisation_id).id,
            name=given.validated_data["name"],
        )
        return Response(_shown_once(client, token), status=status.HTTP_201_CREATED)


class ApiTokenDetailApi(ProtectedApiView):
    permission = Permission.API_CLIENTS_MANAGE

    @extend_schema(
        parameters=[OpenApiParameter("page", int, description="Page of the history, 50 entries each")],
        responses=ApiTokenDetailSerializer,
        operation_id="api_token_retrieve",
    )
    def get(self, request: ActorApiRequest, client_id: uuid.UUID) -> Response:
        client = api_client_get(actor=request.actor, client_id=client_id)
        history = audit_entries(target=("api_client", client.id), page=page_number(request.query_params.get("page")))
        return Response(
            {
                "token": ApiTokenSerializer(client).data,
                "history": ApiTokenUseSerializer(history.entries, many=True).data,
                "page": history.page,
                "pages": history.pages,
                "total": history.total,
            }
        )


class ApiTokenRotateApi(ProtectedApiView):
    permission = Permission.API_CLIENTS_MANAGE

    @extend_schema(request=None, responses=ApiTokenShownOnceSerializer, operation_id="api_token_rotate")
    def post(self, request: ActorApiRequest, client_id: uuid.UUID) -> Response:
        client = api_client_get(actor=request.actor, client_id=client_id)
        client, token = api_client_rotate(actor=request.actor, client=client)
        return Response(_shown_once(client, token))


class ApiTokenRevokeApi(ProtectedApiView):
    permission = Permission.API_CLIENTS_MANAGE

    @extend_schema(request=None, responses=ApiTokenSerializer, operation_id="api_token_revoke")
    def post(self, request: ActorApiRequest, client_id: uuid.UUID) -> Response:
        client = api_client_revoke(actor=request.actor, client=api_client_get(actor=request.actor, client_id=client_id))
        return Response(ApiTokenSerializer(client).data)
