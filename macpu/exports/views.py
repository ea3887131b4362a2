"""An export's page (its progress, then its download) and its file, for the person who asked for it only."""

import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.throttling import EXPORT
from macpu.core.errors import NotFound
from macpu.exports.selectors import export_job_download, export_job_get, is_downloadable

# htmx stops polling when it is answered with this status (https://htmx.org/docs/#polling).
HTMX_STOP_POLLING = 286


class ExportJobView(ProtectedView):
    """How far the export has got; its download when ready. htmx polls the status while it is being made."""

    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest, job_id: uuid.UUID) -> HttpResponse:
        try:
            job = export_job_get(actor=request.actor, job_id=job_id)
        except NotFound as error:
            raise Http404 from error
        context = {"job": job, "downloadable": is_downloadable(job)}
        if getattr(request, "htmx", False):
            status = HTMX_STOP_POLLING if job.finished else 200
            return render(request, "exports/_status.html", context, status=status)
        return render(request, "exports/job.html", context)


class ExportDownloadView(ProtectedView):
    permission = Permission.WORKSPACE_USE
    throttle_scope = EXPORT

    def get(self, request: ActorRequest, job_id: uuid.UUID) -> HttpResponse:
        try:
            export_job_get(actor=request.actor, job_id=job_id)
        except NotFound as error:
            raise Http404 from error
        try:
            file = export_job_download(actor=request.actor, job_id=job_id)
        except NotFound:
            return redirect("exports:job", job_id=job_id)  # not ready yet, failed or expired: the page says which
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
        return response
