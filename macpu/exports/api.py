"""REST API for exports made in the background: a job's status and its file, for the person who asked only."""

import uuid

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.response import Response

from macpu.access.http import ActorApiRequest, ProtectedApiView
from macpu.access.permissions import Permission
from macpu.access.throttling import EXPORT
from macpu.exports.models import ExportJob, ExportStatus
from macpu.exports.selectors import export_job_download, export_job_get, is_downloadable


class ExportJobSerializer(serializers.Serializer[object]):
    id = serializers.UUIDField()
    kind = serializers.CharField(help_text="What is exported, e.g. chronology")
    format = serializers.CharField()
    description = serializers.CharField(help_text="What the export holds, in words")
    status = serializers.ChoiceField([s.value for s in ExportStatus])
    done = serializers.IntegerField(help_text="Steps done; done / total is the share of the work done")
    total = serializers.IntegerField(help_text="Steps of the work; 0 until it has started")
    message = serializers.CharField(help_text="When it failed: why, and what to do")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(help_text="The file is removed then")
    download_url = serializers.CharField(allow_null=True, help_text="While ready: where to download the file")


def export_job_output(job: ExportJob) -> dict[str, object]:
    download = reverse("api-export-download", args=[job.id]) if is_downloadable(job) else None
    fields = ("id", "kind", "format", "description", "status", "done", "total", "message")
    return {
        **{name: getattr(job, name) for name in fields},
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "expires_at": job.expires_at,
        "download_url": download,
    }


class ExportJobApi(ProtectedApiView):
    """An export you asked for: its status and progress; anyone else's is 404."""

    permission = Permission.WORKSPACE_USE

    @extend_schema(responses=ExportJobSerializer, operation_id="export_job")
    def get(self, request: ActorApiRequest, job_id: uuid.UUID) -> Response:
        job = export_job_get(actor=request.actor, job_id=job_id)
        return Response(ExportJobSerializer(export_job_output(job)).data)


class FileRenderer(renderers.BaseRenderer):
    """Lets a client ask for the file by its type (Accept: application/pdf); the view answers with the file itself."""

    media_type = "application/pdf"
    format = "pdf"

    def render(self, data: object, accepted_media_type: str | None = None, renderer_context: object = None) -> bytes:
        return data if isinstance(data, bytes) else renderers.JSONRenderer().render(data)


class ExportDownloadApi(ProtectedApiView):
    """The file of an export you asked for, while it is kept (audited); 404 before it is ready and after."""

    permission = Permission.WORKSPACE_USE
    throttle_scope = EXPORT
    renderer_classes = (renderers.JSONRenderer, FileRenderer)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The file")},
        operation_id="export_download",
    )
    def get(self, request: ActorApiRequest, job_id: uuid.UUID) -> HttpResponse:
        file = export_job_download(actor=request.actor, job_id=job_id)
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
        return response
