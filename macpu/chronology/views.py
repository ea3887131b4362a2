"""The child's chronology page: the merged timeline with its filters and pages."""

import uuid
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.chronology.forms import ChronologyFilterForm
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_page
from macpu.core.errors import NotFound


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
