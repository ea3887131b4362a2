"""REST API for the CP-IS extract (R31, R32): what is waiting, producing the file, the files made. HTTP only."""

import uuid

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers, status
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.throttling import EXPORT
from macpu.pathway.models import CpisExtract
from macpu.pathway.rules.cpis import CPIS_PLAN_LABELS
from macpu.pathway.selectors.cpis import cpis_extract_download, cpis_extracts, cpis_overview
from macpu.pathway.services import cpis_extract_produce


class CpisPendingRowSerializer(serializers.Serializer[object]):
    child_id = serializers.UUIDField(source="child_reference")
    plan_type = serializers.ChoiceField(choices=list(CPIS_PLAN_LABELS), help_text="As CP-IS names it")
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True, help_text="Empty while the plan is open")
    sendable = serializers.BooleanField(
        help_text="False: held back until the NHS number CP-IS files it under is verified"
    )


class CpisProblemSerializer(serializers.Serializer[object]):
    child_id = serializers.UUIDField(source="child_reference")
    message = serializers.CharField()


class CpisFlaggedChildSerializer(serializers.Serializer[object]):
    child_id = serializers.UUIDField()
    problems = serializers.ListField(child=serializers.CharField())


class CpisPendingSerializer(serializers.Serializer[object]):
    covers_from = serializers.DateTimeField(allow_null=True, help_text="The last file's end; empty before the first")
    covers_to = serializers.DateTimeField()
    rows = CpisPendingRowSerializer(many=True)
    problems = CpisProblemSerializer(many=True)
    flagged = CpisFlaggedChildSerializer(many=True, help_text="Children on a CP-IS plan CP-IS cannot hold as they are")


class CpisExtractSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    sequence = serializers.IntegerField()
    produced_at = serializers.DateTimeField()
    produced_by = serializers.CharField()
    covers_from = serializers.DateTimeField(allow_null=True)
    covers_to = serializers.DateTimeField()
    row_count = serializers.IntegerField()
    held_back = serializers.SerializerMethodField(help_text="Plans left out for want of a verified NHS number")
    sha256 = serializers.CharField()
    file_url = serializers.SerializerMethodField()

    def get_held_back(self, extract: CpisExtract) -> int:
        return len(extract.held_back)

    def get_file_url(self, extract: CpisExtract) -> str:
        return reverse("api-cpis-extract-file", args=[extract.id])


class CpisProducedSerializer(serializers.Serializer[object]):
    produced = serializers.BooleanField()
    detail = serializers.CharField()
    extract = CpisExtractSerializer(allow_null=True)


class CpisPendingApi(ProtectedApiView):
    permission = Permission.CPIS_EXTRACT

    @extend_schema(
        operation_id="cpis_pending",
        responses={200: CpisPendingSerializer},
        summary="The CP-IS plans started or ended since the last file, what is wrong with them, and flagged children",
    )
    def get(self, request: ActorApiRequest) -> Response:
        overview = cpis_overview(actor=request.actor)
        pending = overview.pending
        data = {
            "covers_from": pending.covers_from,
            "covers_to": pending.covers_to,
            "rows": pending.rows,
            "problems": pending.problems,
            "flagged": overview.flagged,
        }
        return Response(CpisPendingSerializer(data).data)


class CpisExtractsApi(ProtectedApiView):
    permission = Permission.CPIS_EXTRACT

    @extend_schema(
        operation_id="cpis_extracts_list",
        responses={200: CpisExtractSerializer(many=True)},
        summary="Every CP-IS file produced, newest first",
    )
    def get(self, request: ActorApiRequest) -> Response:
        return Response(CpisExtractSerializer(cpis_extracts(), many=True).data)

    @extend_schema(
        operation_id="cpis_extracts_produce",
        request=None,
        responses={
            201: CpisProducedSerializer,
            200: OpenApiResponse(CpisProducedSerializer, description="Nothing waiting to be sent: no file produced"),
        },
        summary="Produce the CP-IS file of the plans waiting to be sent (audited)",
    )
    def post(self, request: ActorApiRequest) -> Response:
        extract = cpis_extract_produce(actor=request.actor)
        if extract is None:
            nothing = {"produced": False, "detail": "Nothing to send: no file was produced", "extract": None}
            return Response(CpisProducedSerializer(nothing).data)
        made = {"produced": True, "detail": f"CP-IS file {extract.sequence} produced", "extract": extract}
        return Response(CpisProducedSerializer(made).data, status=status.HTTP_201_CREATED)


class CsvRenderer(renderers.BaseRenderer):
    """Lets a client ask for the file by its type (Accept: text/csv); the view answers with the file itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: object, accepted_media_type: str | None = None, renderer_context: object = None) -> bytes:
        return data if isinstance(data, bytes) else renderers.JSONRenderer().render(data)


class CpisExtractFileApi(ProtectedApiView):
    permission = Permission.CPIS_EXTRACT
    throttle_scope = EXPORT
    renderer_classes = (renderers.JSONRenderer, CsvRenderer)

    @extend_schema(
        operation_id="cpis_extract_file",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The CP-IS file (CSV)")},
        summary="Download a CP-IS file (audited)",
    )
    def get(self, request: ActorApiRequest, extract_id: uuid.UUID) -> HttpResponse:
        extract = cpis_extract_download(actor=request.actor, extract_id=extract_id)
        response = HttpResponse(extract.content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{extract.filename}"'
        return response
