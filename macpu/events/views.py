"""Recording an event by hand, on a child's page."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import InvalidInput
from macpu.events.forms import ConcernForm, EventMoveForm, QuarantineCorrectionForm
from macpu.events.models import QuarantinedLine
from macpu.events.selectors import feed_sources_status, quarantine_open
from macpu.events.services.by_hand import event_record_for_child
from macpu.events.services.corrections import event_move
from macpu.events.services.importing import quarantine_replay
from macpu.people.views import child_or_404


class ConcernRecordView(ProtectedView):
    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        context = {"child": child_or_404(request, child_id), "form": ConcernForm()}
        return render(request, "events/concern_form.html", context)

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = child_or_404(request, child_id)
        form = ConcernForm(request.POST)
        if form.is_valid():
            outcome = event_record_for_child(actor=request.actor, child=child, fields=form.feed_fields())
            if not outcome.errors:
                messages.success(request, "Concern recorded")
                return redirect("workspace:child-detail", child_id=child.id)
            for error in outcome.errors:
                form.add_error(None, f"{error.field}: {error.message}")
        return render(request, "events/concern_form.html", {"child": child, "form": form}, status=400)


class FeedSourcesView(ProtectedView):
    """For administrators: when each sending organisation last sent events, and which have gone quiet."""

    permission = Permission.FEED_ADMINISTER

    def get(self, request: ActorRequest) -> HttpResponse:
        reports = feed_sources_status()
        quiet = [report for report in reports if report.status.quiet]
        return render(request, "events/sources.html", {"reports": reports, "quiet": quiet})


class QuarantineListView(ProtectedView):
    permission = Permission.FEED_ADMINISTER

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "events/quarantine_list.html", {"lines": quarantine_open()[:500]})


class QuarantineLineView(ProtectedView):
    """Correct a quarantined line and import it again; it stays in quarantine until it imports."""

    permission = Permission.FEED_ADMINISTER

    def get(self, request: ActorRequest, line_id: uuid.UUID) -> HttpResponse:
        line = _open_line(line_id)
        return render(
            request,
            "events/quarantine_line.html",
            {"line": line, "form": QuarantineCorrectionForm(initial={"text": line.text})},
        )

    def post(self, request: ActorRequest, line_id: uuid.UUID) -> HttpResponse:
        line = _open_line(line_id)
        form = QuarantineCorrectionForm(request.POST)
        if form.is_valid():
            outcome = quarantine_replay(actor=request.actor, line=line, corrected_text=form.cleaned_data["text"])
            if not outcome.errors:
                messages.success(request, f"The line was imported: {outcome.result}")
                return redirect("events:quarantine")
            line.refresh_from_db()
            for error in outcome.errors:
                form.add_error("text", f"{error.field}: {error.message}")
        return render(request, "events/quarantine_line.html", {"line": line, "form": form}, status=400)


def _open_line(line_id: uuid.UUID) -> QuarantinedLine:
    line = quarantine_open().filter(id=line_id).first()
    if line is None:
        raise Http404
    return line


class EventMoveView(ProtectedView):
    """For data quality officers: move an entry filed against the wrong child to the right one."""

    permission = Permission.EVENTS_CORRECT

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "events/move.html", {"form": EventMoveForm()})

    def post(self, request: ActorRequest) -> HttpResponse:
        form = EventMoveForm(request.POST)
        if form.is_valid():
            try:
                event_move(actor=request.actor, **form.cleaned_data)
            except InvalidInput as error:
                for field, message in error.errors.items():
                    form.add_error(field, message)
            else:
                messages.success(request, "The entry was moved; both children's chronologies show the move")
                return redirect("events:move")
        return render(request, "events/move.html", {"form": form}, status=400)
