"""Recording an event by hand, on a child's page."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound
from macpu.events.forms import ConcernForm
from macpu.events.services.by_hand import event_record_for_child
from macpu.people.models import Person
from macpu.people.selectors.children import child_get


def _child(request: ActorRequest, child_id: uuid.UUID) -> Person:
    try:
        return child_get(actor=request.actor, child_id=child_id)
    except NotFound as error:
        raise Http404 from error


class ConcernRecordView(ProtectedView):
    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        context = {"child": _child(request, child_id), "form": ConcernForm()}
        return render(request, "events/concern_form.html", context)

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = _child(request, child_id)
        form = ConcernForm(request.POST)
        if form.is_valid():
            outcome = event_record_for_child(actor=request.actor, child=child, fields=form.feed_fields())
            if not outcome.errors:
                messages.success(request, "Concern recorded")
                return redirect("workspace:child-detail", child_id=child.id)
            for error in outcome.errors:
                form.add_error(None, f"{error.field}: {error.message}")
        return render(request, "events/concern_form.html", {"child": child, "form": form}, status=400)
