"""REST API: who am I, in which role."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.response import Response

from macpu.access.http import PUBLIC, ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.roles import ROLE_PERMISSIONS, Role


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


class SchemaApi(SpectacularAPIView):
    """The OpenAPI schema is public: it describes the API, not anyone's data."""

    macpu_access = PUBLIC
    permission_classes = []  # DRF's own attribute
    authentication_classes = []  # DRF's own attribute
