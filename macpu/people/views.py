"""The child pages: search and the child's shared record. Views translate HTTP only."""

import uuid
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound
from macpu.people.chronology import entries_for_profile
from macpu.people.forms import ChildSearchForm
from macpu.people.selectors.children import child_profile_get
from macpu.people.selectors.search import children_search


class ChildSearchView(ProtectedView):
    """Search is a POST so that names, dates of birth and NHS numbers never appear in URLs or server logs."""

    permission = Permission.CHILD_SEARCH

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "people/child_search.html", {"form": ChildSearchForm()})

    def post(self, request: ActorRequest) -> HttpResponse:
        form = ChildSearchForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            context["results"] = children_search(actor=request.actor, search=form.search())
        return render(request, "people/child_search.html", context, status=200 if form.is_valid() else 400)


class ChildDetailView(ProtectedView):
    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            profile = child_profile_get(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        context = {"profile": profile, "child": profile.child, "chronology": entries_for_profile(profile)}
        return render(request, "people/child_detail.html", context)
