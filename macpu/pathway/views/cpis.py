"""The CP-IS page (R31, R32): what is waiting to be sent, the children who cannot be, producing the file, downloads."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.throttling import EXPORT
from macpu.core.errors import InvalidInput, NotFound
from macpu.pathway.models import CpisExtract
from macpu.pathway.selectors.cpis import cpis_extract_download, cpis_extracts, cpis_overview
from macpu.pathway.services import cpis_extract_produce


def cpis_file_response(extract: CpisExtract) -> HttpResponse:
    response = HttpResponse(extract.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{extract.filename}"'
    return response


class CpisView(ProtectedView):
    permission = Permission.CPIS_EXTRACT

    def get(self, request: ActorRequest) -> HttpResponse:
        overview = cpis_overview(actor=request.actor)
        context = {"pending": overview.pending, "flagged": overview.flagged, "extracts": cpis_extracts()}
        return render(request, "pathway/cpis/index.html", context)


class CpisProduceView(ProtectedView):
    """The "Produce the CP-IS file" button."""

    permission = Permission.CPIS_EXTRACT

    def post(self, request: ActorRequest) -> HttpResponse:
        try:
            extract = cpis_extract_produce(actor=request.actor)
        except InvalidInput as error:
            messages.error(request, " ".join(message for problems in error.errors.values() for message in problems))
            return redirect("pathway:cpis")
        if extract is None:
            messages.info(request, "Nothing to send: no CP-IS file was produced, since no plan is waiting to be sent")
        else:
            rows = f"{extract.row_count} plan{'s' if extract.row_count != 1 else ''}"
            messages.success(request, f"CP-IS file {extract.sequence} produced with {rows}: download it to upload")
        return redirect("pathway:cpis")


class CpisDownloadView(ProtectedView):
    permission = Permission.CPIS_EXTRACT
    throttle_scope = EXPORT

    def get(self, request: ActorRequest, extract_id: uuid.UUID) -> HttpResponse:
        try:
            extract = cpis_extract_download(actor=request.actor, extract_id=extract_id)
        except NotFound as error:
            raise Http404 from error
        return cpis_file_response(extract)
