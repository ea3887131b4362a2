"""Recording an event by hand, on a child's page."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.forms import (
    ConcernForm,
    EventMoveForm,
    QuarantineCorrectionForm,
    VisibilityDecisionForm,
    VisibilityForm,
)
from macpu.events.models import QuarantinedLine, VisibilityChangeStatus
from macpu.events.rules.describe import event_title
from macpu.events.selectors import (
    feed_sources_status,
    own_entry,
    quarantine_open,
    visibility_history,
    visibility_requests_waiting,
)
from macpu.events.services.by_hand import event_record_for_child
from macpu.events.services.corrections import event_move
from macpu.events.services.importing import quarantine_replay
from macpu.events.services.visibility import visibility_change, visibility_decide
from macpu.notifications.services import notifications_done
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


class EntryVisibilityView(ProtectedView):
    """The recording organisation changes who may read its entry, saying why; widening a sealed one waits for a
    second person."""

    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> HttpResponse:
        return self._show(request, child_id, event_id, VisibilityForm())

    def post(self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> HttpResponse:
        form = VisibilityForm(request.POST)
        if form.is_valid():
            try:
                change = visibility_change(
                    actor=request.actor,
                    event_id=event_id,
                    sensitivity=form.cleaned_data["sensitivity"],
                    reason=form.cleaned_data["reason"],
                )
            except NotFound as error:
                raise Http404 from error
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
            else:
                if change.status == VisibilityChangeStatus.PENDING:
                    messages.success(request, "Asked: a safeguarding lead or team manager of your organisation decides")
                else:
                    messages.success(request, f"Who may read the entry is changed: it is now {change.new_sensitivity}")
                return redirect(f"/children/{child_id}/chronology/#entry-{event_id}")
        return self._show(request, child_id, event_id, form, status=400)

    def _show(
        self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID, form: VisibilityForm, status: int = 200
    ) -> HttpResponse:
        child = child_or_404(request, child_id)
        entry = own_entry(actor=request.actor, child_id=child.id, event_id=event_id)
        if entry is None:
            raise Http404
        if not form.is_bound:
            form = VisibilityForm(initial={"sensitivity": entry.sensitivity})
        context = {
            "child": child,
            "entry": entry,
            "title": event_title(entry.type, entry.details),
            "form": form,
            "history": visibility_history(event_id=entry.id),
        }
        return render(request, "events/visibility.html", context, status=status)


class VisibilityRequestsView(ProtectedView):
    """Requests to widen a sealed entry of your organisation, for a safeguarding lead or team manager to decide."""

    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest) -> HttpResponse:
        return self._show(request, None, None)

    def post(self, request: ActorRequest) -> HttpResponse:
        form = VisibilityDecisionForm(request.POST)
        change_id = request.POST.get("change", "")
        if form.is_valid():
            try:
                visibility_decide(
                    actor=request.actor,
                    change_id=uuid.UUID(change_id),
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except (ValueError, NotFound) as error:
                raise Http404 from error
            except NotPermitted as error:
                raise PermissionDenied(str(error)) from error
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
            else:
                messages.success(request, "Your decision is recorded")
                return redirect("events:visibility-requests")
        return self._show(request, form, change_id, status=400)

    def _show(
        self, request: ActorRequest, form: VisibilityDecisionForm | None, change_id: str | None, status: int = 200
    ) -> HttpResponse:
        if request.actor.user_id is not None:
            notifications_done(recipient_id=request.actor.user_id, link=request.path)
        waiting = visibility_requests_waiting(actor=request.actor)
        context = {"waiting": waiting, "form": form, "failed": change_id}
        return render(request, "events/visibility_requests.html", context, status=status)
