"""The chronology in the browser: the merged timeline with its filters and pages, its CSV, and analysis of an entry."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.throttling import EXPORT
from macpu.chronology.export import csv_lines
from macpu.chronology.forms import ChronologyFilterForm, EntryNoteForm, SameFactSplitForm, VersionNameForm
from macpu.chronology.rules.filters import ChronologyFilter, described
from macpu.chronology.rules.query import filter_from_query
from macpu.chronology.selectors import ChronologyPage, Entry, chronology_entries, chronology_entry, chronology_page
from macpu.chronology.selectors.household import household_chronology_page
from macpu.chronology.selectors.versions import chronology_version, chronology_versions
from macpu.chronology.services import chronology_version_save, entry_annotate, same_fact_split
from macpu.chronology.tasks import (
    chronology_pdf_in_background,
    chronology_pdf_made,
    chronology_pdf_size,
    inline_limit,
    pdf_filename,
)
from macpu.core import clock
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.core.paging import page_number


class ChronologyView(ProtectedView):
    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        form = ChronologyFilterForm(request.GET)
        filters = form.chosen()
        try:
            shown = chronology_page(
                actor=request.actor,
                child_id=child_id,
                filters=filters,
                page=page_number(request.GET.get("page")),
                with_choices=True,
            )
        except NotFound as error:
            raise Http404 from error
        context = _timeline_context(request, form, shown)
        return render(request, "chronology/timeline.html", context, status=200 if form.is_valid() else 400)


def _timeline_context(request: ActorRequest, form: ChronologyFilterForm, shown: ChronologyPage) -> dict[str, object]:
    """A page of a chronology, its filter form offering what it holds, and the links to share it and to its pages."""
    if shown.choices is not None:
        form.offer(shown.choices)
    query = shown.filters.as_query()
    return {
        "child": shown.child,
        "form": form,
        "can_curate": role_grants(request.actor.role, Permission.CHRONOLOGY_CURATE),
        "shown": shown,
        "share_query": urlencode(query),
        "pages": [
            {"number": number, "query": urlencode([*query, ("page", str(number))]), "current": number == shown.page}
            for number in range(1, shown.pages + 1)
        ],
        "previous_query": urlencode([*query, ("page", str(shown.page - 1))]) if shown.page > 1 else "",
        "next_query": urlencode([*query, ("page", str(shown.page + 1))]) if shown.page < shown.pages else "",
    }


class HouseholdChronologyView(ProtectedView):
    """The child's, their siblings' and household's entries, and those naming the adults they live with, as one."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        form = ChronologyFilterForm(request.GET)
        filters = form.chosen()
        try:
            household = household_chronology_page(
                actor=request.actor,
                child_id=child_id,
                filters=filters,
                page=page_number(request.GET.get("page")),
                with_choices=True,
            )
        except NotFound as error:
            raise Http404 from error
        context = {
            **_timeline_context(request, form, household.page),
            "household": household,
            "rows": [(entry, household.child_of(entry.child_id)) for entry in household.page.entries],
        }
        return render(request, "chronology/household.html", context, status=200 if form.is_valid() else 400)


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


def _joined_records(entry: Entry) -> list[tuple[str, str]]:
    return [(str(s.entry_id), f"{s.org_name}, record {s.record_id}") for s in entry.joined_sources if s.entry_id]


class SameFactSplitView(ProtectedView):
    """Show separately two organisations' records that the chronology took for one occurrence."""

    permission = Permission.CHRONOLOGY_CURATE

    def get(self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> HttpResponse:
        return self._show(request, child_id, event_id, None)

    def post(self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID) -> HttpResponse:
        return self._show(request, child_id, event_id, request.POST)

    def _show(
        self, request: ActorRequest, child_id: uuid.UUID, event_id: uuid.UUID, data: QueryDict | None
    ) -> HttpResponse:
        try:
            shown = chronology_entry(actor=request.actor, child_id=child_id, event_id=event_id)
        except NotFound as error:
            raise Http404 from error
        form = SameFactSplitForm(data, records=_joined_records(shown.entry))
        if data is not None and form.is_valid():
            try:
                same_fact_split(
                    actor=request.actor,
                    child_id=child_id,
                    event_id=shown.entry.id,
                    other_id=uuid.UUID(form.cleaned_data["other"]),
                    reason=form.cleaned_data["reason"],
                )
            except (NotFound, NotPermitted) as error:
                raise Http404 from error
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, "The records are shown as separate entries")
                return redirect(f"{reverse('chronology:timeline', args=[child_id])}#entry-{shown.entry.id}")
        context = {"child": shown.child, "entry": shown.entry, "form": form}
        status = 400 if data is not None else 200
        return render(request, "chronology/entry_split.html", context, status=status)


def _filters_of(data: QueryDict) -> ChronologyFilter:
    return ChronologyFilterForm(data).chosen()


class VersionSaveView(ProtectedView):
    """Save the chronology as it is now (the whole, or the filtered view) as a named version."""

    permission = Permission.CHRONOLOGY_CURATE

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        return self._show(request, child_id, _filters_of(request.GET), VersionNameForm())

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        filters, form = _filters_of(request.POST), VersionNameForm(request.POST)
        if form.is_valid():
            try:
                version = chronology_version_save(
                    actor=request.actor, child_id=child_id, filters=filters, name=form.cleaned_data["name"]
                )
            except (NotFound, NotPermitted) as error:
                raise Http404 from error
            except InvalidInput as error:
                form.add_error("name", error.errors.get("name", []))
            else:
                messages.success(request, f"The version “{version.name}” is saved")
                return redirect("chronology:version", child_id=child_id, version_id=version.id)
        return self._show(request, child_id, filters, form, status=400)

    def _show(
        self,
        request: ActorRequest,
        child_id: uuid.UUID,
        filters: ChronologyFilter,
        form: VersionNameForm,
        status: int = 200,
    ) -> HttpResponse:
        try:
            shown = chronology_page(actor=request.actor, child_id=child_id, filters=filters, page_size=1)
        except NotFound as error:
            raise Http404 from error
        context = {
            "child": shown.child,
            "form": form,
            "total": shown.total,
            "description": described(filters),
            "filter_query": filters.as_query(),
            "share_query": urlencode(filters.as_query()),
        }
        return render(request, "chronology/version_save.html", context, status=status)


class VersionView(ProtectedView):
    """A saved version of the chronology, as the viewer may see it."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID, version_id: uuid.UUID) -> HttpResponse:
        try:
            shown = chronology_version(actor=request.actor, child_id=child_id, version_id=version_id)
        except NotFound as error:
            raise Http404 from error
        description = described(filter_from_query(shown.version.filters))
        context = {"child": shown.child, "shown": shown, "version": shown.version, "description": description}
        return render(request, "chronology/version.html", context)


class VersionCsvView(ProtectedView):
    """A saved version as CSV, with only what the viewer may see (audited as a view of the version)."""

    permission = Permission.CHILD_VIEW
    throttle_scope = EXPORT

    def get(self, request: ActorRequest, child_id: uuid.UUID, version_id: uuid.UUID) -> HttpResponseBase:
        try:
            shown = chronology_version(actor=request.actor, child_id=child_id, version_id=version_id, export="csv")
        except NotFound as error:
            raise Http404 from error
        response = StreamingHttpResponse(csv_lines(shown.entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="chronology-version-{version_id}.csv"'
        return response


class ChronologyCsvView(ProtectedView):
    """The whole or the filtered chronology as CSV (one row per entry), with only what the viewer may see."""

    permission = Permission.CHILD_VIEW
    throttle_scope = EXPORT

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponseBase:
        form = ChronologyFilterForm(request.GET)
        filters = form.chosen()
        try:
            _, entries = chronology_entries(actor=request.actor, child_id=child_id, filters=filters, export="csv")
        except NotFound as error:
            raise Http404 from error
        response = StreamingHttpResponse(csv_lines(entries), content_type="text/csv; charset=utf-8")
        stamp = clock.now().astimezone(clock.LONDON).strftime("%Y-%m-%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="chronology-{child_id}-{stamp}.csv"'
        return response


class ChronologyPdfView(ProtectedView):
    """The whole or the filtered chronology as a PDF (the link's filters), with only what the viewer may see.

    A short one is made here and downloaded; a long one is made in the background and its page followed.
    """

    permission = Permission.CHILD_VIEW
    throttle_scope = EXPORT

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        form = ChronologyFilterForm(request.GET)
        filters = form.chosen()
        try:
            size = chronology_pdf_size(actor=request.actor, child_id=child_id, filters=filters)
            if size > inline_limit():
                job = chronology_pdf_in_background(
                    actor=request.actor, child_id=child_id, filters=filters, expected=size
                )
                return redirect("exports:job", job_id=job.id)
            content = chronology_pdf_made(actor=request.actor, child_id=child_id, filters=filters)
        except NotFound as error:
            raise Http404 from error
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf_filename(child_id)}"'
        return response


class VersionPdfView(ProtectedView):
    """A saved version as a PDF, with only what the viewer may see: made here when short, else in the background."""

    permission = Permission.CHILD_VIEW
    throttle_scope = EXPORT

    def post(self, request: ActorRequest, child_id: uuid.UUID, version_id: uuid.UUID) -> HttpResponse:
        try:
            version = next(v for v in chronology_versions(actor=request.actor, child_id=child_id) if v.id == version_id)
        except (NotFound, StopIteration) as error:
            raise Http404 from error
        if version.record_count > inline_limit():
            job = chronology_pdf_in_background(
                actor=request.actor,
                child_id=child_id,
                filters=ChronologyFilter(),
                expected=version.record_count,
                version=version,
            )
            return redirect("exports:job", job_id=job.id)
        content = chronology_pdf_made(
            actor=request.actor, child_id=child_id, filters=ChronologyFilter(), version_id=version_id
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="chronology-version-{version_id}.pdf"'
        return response
