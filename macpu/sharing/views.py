"""The child's sharing history, and the form to record a share or a decision not to share. HTTP only."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import ROLE_LABELS, role_grants
from macpu.core.errors import InvalidInput, NotFound
from macpu.people.models import Person
from macpu.people.views import child_or_404
from macpu.sharing.forms import SharingForm
from macpu.sharing.selectors import organisations_to_share_with, sharing_ledger
from macpu.sharing.services import sharing_record


class SharingHistoryView(ProtectedView):
    """Every share of the child's information with another organisation, and every decision not to share."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            ledger = sharing_ledger(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        context = {
            "child": ledger.child,
            "entries": ledger.entries,
            "may_record": role_grants(request.actor.role, Permission.CHILD_RECORD),
        }
        return render(request, "sharing/history.html", context)


class SharingRecordView(ProtectedView):
    """Record information shared, or a decision not to share, as the actor's organisation."""

    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = child_or_404(request, child_id)
        initial = {
            "decided_by": request.actor.display_name or request.actor.label,
            "decided_by_role": ROLE_LABELS.get(request.actor.role, ""),  # type: ignore[call-overload]
        }
        form = SharingForm(initial=initial, organisations=self._organisations(request, child))
        return render(request, "sharing/record.html", {"child": child, "form": form})

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = child_or_404(request, child_id)
        form = SharingForm(request.POST, organisations=self._organisations(request, child))
        if form.is_valid():
            try:
                sharing_record(actor=request.actor, child_id=child.id, answers=form.answers())
            except NotFound as error:
                raise Http404 from error
            except InvalidInput as error:
                form.add_service_errors(error.errors)
            else:
                done = "Information shared" if form.cleaned_data["decision"] == "shared" else "Decision not to share"
                messages.success(request, f"{done}: recorded in {child.full_name}'s sharing history")
                return redirect("sharing:history", child_id=child.id)
        return render(request, "sharing/record.html", {"child": child, "form": form}, status=400)

    @staticmethod
    def _organisations(request: ActorRequest, child: Person) -> list[tuple[str, str, bool]]:
        return organisations_to_share_with(actor=request.actor, child_id=child.id)
