"""The partnership dashboard with its CSV files, and a child's meetings with who took part. HTTP only."""

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import InvalidInput, NotFound
from macpu.partnership.forms import DashboardFilterForm
from macpu.partnership.rules.dashboard import SECTION_KEYS
from macpu.partnership.rules.publication import chart_of, rows_with_derived, section_csv
from macpu.partnership.rules.suppression import EXPLANATION
from macpu.partnership.selectors.dashboard import (
    PartnershipDashboard,
    area_named,
    areas,
    default_period,
    partnership_dashboard,
    period_check,
)
from macpu.partnership.selectors.participation import child_participation


def _form(query: QueryDict) -> DashboardFilterForm:
    choices = [(area.la_code, area.name) for area in areas()]
    if not any(key.startswith("period_") for key in query):
        period = default_period()
        return DashboardFilterForm(initial={"period_from": period.start, "period_to": period.end}, areas=choices)
    return DashboardFilterForm(query, areas=choices)


def _filtered(request: ActorRequest, form: DashboardFilterForm) -> PartnershipDashboard | None:
    """The dashboard the form asks for, or None with the form's errors set."""
    if form.is_bound and not form.is_valid():
        return None
    given: Mapping[str, Any] = form.cleaned_data if form.is_bound else form.initial
    start: dt.date | None = given.get("period_from")
    end: dt.date | None = given.get("period_to")
    try:
        period = period_check(start, end)
        area = area_named(given.get("area") or "")
    except InvalidInput as error:
        for field, problems in error.errors.items():
            form.add_error({"from": "period_from", "to": "period_to"}.get(field, field), " ".join(problems))
        return None
    return partnership_dashboard(actor=request.actor, period=period, area=area)


def _query_of(board: PartnershipDashboard) -> str:
    """The filter as a query string, for the CSV links."""
    fields: dict[str, object] = {"area": board.area.la_code if board.area else ""}
    for name, day in (("period_from", board.period.start), ("period_to", board.period.end)):
        fields |= {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}
    return urlencode(fields)


class DashboardView(ProtectedView):
    """The partnership's figures for a period and an area: aggregates only, small numbers suppressed."""

    permission = Permission.PARTNERSHIP_DASHBOARD_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        form = _form(request.GET)
        board = _filtered(request, form)
        if board is None:
            return render(request, "partnership/dashboard.html", {"form": form}, status=400)
        query = _query_of(board)
        sections = [
            {
                "section": s,
                "tables": [{"table": t, "chart": chart_of(t), "rows": rows_with_derived(t)} for t in s.tables],
            }
            for s in board.sections
        ]
        context = {"form": form, "board": board, "sections": sections, "explanation": EXPLANATION, "query": query}
        return render(request, "partnership/dashboard.html", context)


class DashboardCsvView(ProtectedView):
    """One section of the dashboard as a CSV file, with the same suppressed figures as the page."""

    permission = Permission.PARTNERSHIP_DASHBOARD_VIEW

    def get(self, request: ActorRequest, section: str) -> HttpResponse:
        if section not in SECTION_KEYS:
            raise Http404(f"The dashboard has no section called {section}")
        form = _form(request.GET)
        board = _filtered(request, form)
        if board is None:
            problems = "; ".join(" ".join(str(e) for e in errors) for errors in form.errors.values())
            return HttpResponse(problems, status=400, content_type="text/plain; charset=utf-8")
        response = HttpResponse(section_csv(board.section(section)), content_type="text/csv; charset=utf-8")
        name = f"partnership-{section}-{board.period.start.isoformat()}-to-{board.period.end.isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ChildParticipationView(ProtectedView):
    """The child's strategy discussions, conferences and core groups, and each organisation's part in them."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            found = child_participation(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        return render(request, "partnership/child_participation.html", {"found": found, "child": found.child})
