"""The chronology in the browser: the merged timeline with its filters and pages, its CSV, and analysis of an entry."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.chronology.export import csv_lines
from macpu.chronology.forms import ChronologyFilterForm, EntryNoteForm
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_entries, chronology_entry, chronology_page
from macpu.chronology.services import entry_annotate
from macpu.core import clock
from macpu.core.errors import NotFound, NotPermitted


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 1


class ChronologyView(ProtectedView):
    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        form = ChronologyFilterForm(request.GET)
        filters = form.filters() if form.is_valid() else ChronologyFilter()
        try:
            shown = chronology_page(
                actor=request.actor,
                child_id=child_id,
                filters=filters,
                page=_page_number(request.GET.get("page")),
                with_choices=True,
            )
        except NotFound as error:
            raise Http404 from error
        if shown.choices is not None:
            form.offer(shown.choices)
        query = filters.as_query()
        context = {
            "can_curate": role_grants(request.actor.role, Permission.CHRONOLOGY_CURATE),
            "child": shown.child,
            "shown": shown,
            "form": form,
            "share_query": urlencode(query),
            "pages": [
                {"number": number, "query": urlencode([*query, ("page", str(number))]), "current": number == shown.page}
                for number in range(1, shown.pages + 1)
            ],
            "previous_query": urlencode([*query, ("page", str(shown.page - 1))]) if shown.page > 1 else "",
            "next_query": urlencode([*query, ("page", str(shown.page + 1))]) if shown.page < shown.pages else "",
        }
        return render(request, "chronology/timeline.html", context, status=200 if form.is_valid() else 400)


class EntryNoteView(ProtectedView):
    """Mark an entry as significant, or add analysis of it: attributed to the practitioner and their organisation."""

    permission = Permission.CHRONOLOGY_CURATE

    def get(self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> HttpResponse:
        return self._show(request, child_id, event_id, EntryNoteForm())

    def post(self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> HttpResponse:
        form = EntryNoteForm(request.POST)
        if form.is_valid():
            try:
                entry_annotate(
                    actor=request.actor,
                    child_id=child_id,
                    event_id=event_id,
                    significant=form.significance(),
                    note=form.cleaned_data["note"],
                )
            except (NotFound, NotPermitted) as error:
                raise Http404 from error
            messages.success(request, "Your analysis is saved")
            return redirect(f"{reverse('chronology:timeline', args=[child_id])}#entry-{event_id}")
        return self._show(request, child_id, event_id, form, status=400)

    def _show(
        self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID, form: EntryNoteForm, status: int = 200
    ) -> HttpResponse:
        try:
            entry = chronology_entry(actor=request.actor, child_id=child_id, event_id=event_id)
        except NotFound as error:
            raise Http404 from error
        context = {"child": entry.child, "entry": entry.entry, "form": form}
        return render(request, "chronology/entry_note.html", context, status=status)


class ChronologyCsvView(ProtectedView):
    """The whole or the filtered chronology as CSV (one row per entry), with only what the viewer may see."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponseBase:
        form = ChronologyFilterForm(request.GET)
        filters = form.filters() if form.is_valid() else ChronologyFilter()
        try:
            _, entries = chronology_entries(actor=request.actor, child_id=child_id, filters=filters, export="csv")
        except NotFound as error:
            raise Http404 from error
        response = StreamingHttpResponse(csv_lines(entries), content_type="text/csv; charset=utf-8")
        stamp = clock.now().astimezone(clock.LONDON).strftime("%Y-%m-%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="chronology-{child_id}-{stamp}.csv"'
        return response
