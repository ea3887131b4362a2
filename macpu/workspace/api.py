"""REST API: who am I, in which role; where am I signed in, and ending a session."""

from typing import Any

from django.contrib.auth import logout
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, status
from rest_framework.response import Response

from macpu.access.http import PUBLIC, ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.roles import ROLE_PERMISSIONS, Role
from macpu.access.selectors import sessions_of
from macpu.access.services import session_end
from macpu.core.errors import NotFound
from macpu.workspace.services import signed_out


class MeSerializer(serializers.Serializer[object]):
    username = serializers.CharField(source="label")
    name = serializers.CharField(source="display_name")
    role = serializers.CharField()
    organisation_id = serializers.UUIDField()
    organisation_name = serializers.CharField()
    permissions = serializers.ListField(child=serializers.CharField())


class MeApi(ProtectedApiView):
    permission = Permission.WORKSPACE_USE

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request: ActorApiRequest) -> Response:
        actor = request.actor
        permissions = sorted(str(p) for p in ROLE_PERMISSIONS[Role(actor.role)])
        return Response(MeSerializer({**actor.__dict__, "permissions": permissions}).data)


class SessionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(help_text="Use it to end the session")
    browser = serializers.CharField(source="user_agent")
    ip_address = serializers.CharField(source="ip")
    signed_in_at = serializers.DateTimeField(source="created_at")
    last_seen_at = serializers.DateTimeField()
    current = serializers.BooleanField(help_text="The session this request was made in")


def _user_id(request: ActorApiRequest) -> Any:
    if request.actor.user_id is None:
        raise NotFound("Only a person has sessions")
    return request.actor.user_id


class MeSessionsApi(ProtectedApiView):
    """The sessions you are signed in to, the most recently used first."""

    permission = Permission.WORKSPACE_USE

    @extend_schema(responses=SessionSerializer(many=True), operation_id="me_sessions_list")
    def get(self, request: ActorApiRequest) -> Response:
        current = request.session.session_key
        sessions = [
            {**session.__dict__, "current": session.session_key == current}
            for session in sessions_of(user_id=_user_id(request))
        ]
        return Response(SessionSerializer(sessions, many=True).data)


class MeSessionApi(ProtectedApiView):
    """End one of your sessions (another browser or computer); ending the current one signs you out."""

    permission = Permission.WORKSPACE_USE

    @extend_schema(responses={204: None}, operation_id="me_session_destroy")
    def delete(self, request: ActorApiRequest, session_id: int) -> Response:
        user_id = _user_id(request)
        session = next((s for s in sessions_of(user_id=user_id) if s.id == session_id), None)
        if session is None:
            raise NotFound("No such session")
        if session.session_key == request.session.session_key:
            signed_out(actor=request.actor)
            logout(request._request)
        else:
            session_end(actor=request.actor, user_id=user_id, session_id=session_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SchemaApi(SpectacularAPIView):
    """The OpenAPI schema is public: it describes the API, not anyone's data."""

    macpu_access = PUBLIC
    permission_classes = []  # DRF's own attribute
    authentication_classes = []  # DRF's own attribute
