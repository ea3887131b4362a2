"""The child pages: search and the child's shared record. Views translate HTTP only."""

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.throttling import SEARCH
from macpu.core.errors import InvalidInput, NotFound
from macpu.people.forms import ChildSearchForm, IdentifierForm
from macpu.people.models import IdentifierScheme, Person
from macpu.people.selectors.children import child_get
from macpu.people.selectors.identifiers import child_identifiers_get
from macpu.people.selectors.search import children_search
from macpu.people.services.records import identifier_add


class ChildSearchView(ProtectedView):
    """Search is a POST so that names, dates of birth and NHS numbers never appear in URLs or server logs."""

    permission = Permission.CHILD_SEARCH
    throttle_scope = SEARCH

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "people/child_search.html", {"form": ChildSearchForm()})

    def post(self, request: ActorRequest) -> HttpResponse:
        form = ChildSearchForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            context["results"] = children_search(actor=request.actor, search=form.search())
        return render(request, "people/child_search.html", context, status=200 if form.is_valid() else 400)


def child_or_404(request: ActorRequest, child_id: uuid.UUID) -> Person:
    """The child for a page about them: a hidden child and a missing one are both 'Page not found'."""
    try:
        return child_get(actor=request.actor, child_id=child_id)
    except NotFound as error:
        raise Http404 from error


class ChildIdentifiersView(ProtectedView):
    """Every identifier the child has had, reconciled: current and ended, issuer, verified or not, conflicts."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            reconciled = child_identifiers_get(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        can_record = role_grants(request.actor.role, Permission.CHILD_RECORD)
        context = {"child": reconciled.child, "reconciled": reconciled, "can_record": can_record}
        return render(request, "people/child_identifiers.html", context)


class ChildIdentifierAddView(ProtectedView):
    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        context = {"child": child_or_404(request, child_id), "form": IdentifierForm()}
        return render(request, "people/identifier_form.html", context)

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = child_or_404(request, child_id)
        form = IdentifierForm(request.POST)
        if form.is_valid():
            scheme = IdentifierScheme(form.cleaned_data["scheme"])
            issuer = request.actor.organisation_id if scheme == IdentifierScheme.LOCAL_ID else None
            try:
                identifier_add(
                    actor=request.actor, person=child, scheme=scheme, value=form.cleaned_data["value"], issuer_id=issuer
                )
            except InvalidInput as invalid:
                for message in invalid.errors.get(str(scheme), ["The identifier is not valid"]):
                    form.add_error("value", message)
            else:
                messages.success(request, f"{scheme.label} added")
                return redirect("workspace:child-detail", child_id=child.id)
        return render(request, "people/identifier_form.html", {"child": child, "form": form}, status=400)
