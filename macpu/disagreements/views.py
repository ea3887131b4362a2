"""Pages of professional disagreements: the organisation's list, a child's, one disagreement, and the forms to raise,
escalate and resolve one. HTTP only."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.disagreements.forms import EscalateForm, RaiseForm, ResolveForm
from macpu.disagreements.selectors import (
    ShownDisagreement,
    child_disagreements,
    decisions_to_dispute,
    disagreement_get,
    disagreements_for_organisation,
    working_days_at_stage,
)
from macpu.disagreements.services import (
    PARTIES_ONLY,
    disagreement_escalate,
    disagreement_raise,
    disagreement_resolve,
)
from macpu.people.models import Person
from macpu.people.views import child_or_404

FILTERS = (("open", "Open"), ("resolved", "Resolved"), ("", "All"))


class DisagreementListView(ProtectedView):
    """The disagreements the user's organisation is party to: raised by it, or against its decisions."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        status = request.GET.get("status", "open")
        status = status if status in ("open", "resolved", "") else "open"
        shown = disagreements_for_organisation(actor=request.actor, status=status)
        context = {"disagreements": shown, "status": status, "filters": FILTERS, "days": working_days_at_stage()}
        return render(request, "disagreements/list.html", context)


class ChildDisagreementsView(ProtectedView):
    """Every professional disagreement about the child."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            found = child_disagreements(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        context = {
            "child": found.child,
            "disagreements": found.disagreements,
            "may_record": role_grants(request.actor.role, Permission.CHILD_RECORD),
        }
        return render(request, "disagreements/child.html", context)


class RaiseView(ProtectedView):
    """Record a disagreement with another organisation's decision about the child."""

    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = child_or_404(request, child_id)
        initial = {"decision": request.GET.get("decision", "")}  # "Disagree with this decision", from elsewhere
        return self._page(request, child, RaiseForm(initial=initial, decisions=self._decisions(request, child)))

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        child = child_or_404(request, child_id)
        form = RaiseForm(request.POST, decisions=self._decisions(request, child))
        if form.is_valid():
            data = form.cleaned_data
            try:
                shown = disagreement_raise(
                    actor=request.actor,
                    child_id=child.id,
                    decision_id=uuid.UUID(data["decision"]),
                    subject=data["subject"],
                    about=data["about"],
                )
            except InvalidInput as error:
                form.add_service_errors(error.errors)
            else:
                messages.success(request, "Disagreement recorded: both organisations can see it")
                return redirect("disagreements:detail", disagreement_id=shown.id)
        return self._page(request, child, form, status=400)

    @staticmethod
    def _decisions(request: ActorRequest, child: Person) -> list[tuple[str, str]]:
        return [(str(d.id), d.label) for d in decisions_to_dispute(actor=request.actor, child=child)]

    @staticmethod
    def _page(request: ActorRequest, child: Person, form: RaiseForm, status: int = 200) -> HttpResponse:
        context = {"child": child, "form": form, "days": working_days_at_stage()}
        return render(request, "disagreements/raise.html", context, status=status)


def _disagreement_or_404(request: ActorRequest, disagreement_id: uuid.UUID) -> ShownDisagreement:
    try:
        return disagreement_get(actor=request.actor, disagreement_id=disagreement_id)
    except NotFound as error:
        raise Http404 from error


def _may_act(request: ActorRequest, shown: ShownDisagreement) -> bool:
    party = request.actor.organisation_code in shown.disagreement.parties
    return party and role_grants(request.actor.role, Permission.CHILD_RECORD)


class DisagreementView(ProtectedView):
    """One disagreement: the decision disputed, every stage with its date, the due date and the outcome."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, disagreement_id: uuid.UUID) -> HttpResponse:
        shown = _disagreement_or_404(request, disagreement_id)
        context = {"d": shown, "may_act": _may_act(request, shown)}
        return render(request, "disagreements/detail.html", context)


def _to_act_on(request: ActorRequest, disagreement_id: uuid.UUID) -> ShownDisagreement:
    """The disagreement, for one of its parties to escalate or resolve: anyone else is refused (403)."""
    shown = _disagreement_or_404(request, disagreement_id)
    if request.actor.organisation_code not in shown.disagreement.parties:
        raise NotPermitted(PARTIES_ONLY)
    return shown


class EscalateView(ProtectedView):
    """Escalate the disagreement to its next stage."""

    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, disagreement_id: uuid.UUID) -> HttpResponse:
        shown = _to_act_on(request, disagreement_id)
        return render(request, "disagreements/escalate.html", {"d": shown, "form": EscalateForm()})

    def post(self, request: ActorRequest, disagreement_id: uuid.UUID) -> HttpResponse:
        shown = _to_act_on(request, disagreement_id)
        form = EscalateForm(request.POST)
        if form.is_valid():
            try:
                after = disagreement_escalate(
                    actor=request.actor, disagreement_id=disagreement_id, reason=form.cleaned_data["reason"]
                )
            except InvalidInput as error:
                form.add_service_errors(error.errors)
            else:
                messages.success(request, f"Escalated to {after.stage_name} stage")
                return redirect("disagreements:detail", disagreement_id=disagreement_id)
        return render(request, "disagreements/escalate.html", {"d": shown, "form": form}, status=400)


class ResolveView(ProtectedView):
    """Record the outcome: the disagreement is resolved."""

    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, disagreement_id: uuid.UUID) -> HttpResponse:
        shown = _to_act_on(request, disagreement_id)
        return render(request, "disagreements/resolve.html", {"d": shown, "form": ResolveForm()})

    def post(self, request: ActorRequest, disagreement_id: uuid.UUID) -> HttpResponse:
        shown = _to_act_on(request, disagreement_id)
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                disagreement_resolve(
                    actor=request.actor, disagreement_id=disagreement_id, outcome=form.cleaned_data["outcome"]
                )
            except InvalidInput as error:
                form.add_service_errors(error.errors)
            else:
                messages.success(request, "Outcome recorded: the disagreement is resolved")
                return redirect("disagreements:detail", disagreement_id=disagreement_id)
        return render(request, "disagreements/resolve.html", {"d": shown, "form": form}, status=400)
