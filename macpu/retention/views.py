"""The information governance officer's pages: the schedule and its periods, the holds, a preview of the next run.
HTTP only: the selectors read, the services write. Counts and opaque ids: no child is named here."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core import clock
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.models import Area
from macpu.organisations.selectors import area_of_organisation
from macpu.retention.forms import HoldForm, PeriodForm, ReleaseForm
from macpu.retention.models import HoldReason
from macpu.retention.rules.schedule import RecordType, Verdict
from macpu.retention.selectors import (
    PeriodInForce,
    child_find,
    hold_get,
    holds_list,
    retention_preview,
    runs_recent,
    schedule_for_area,
)
from macpu.retention.services.schedule import hold_place, hold_release, period_set


def _area(request: ActorRequest) -> Area | None:
    return area_of_organisation(organisation_id=request.actor.organisation_id)


def _add_errors(form: object, error: InvalidInput) -> None:
    for key, problems in error.errors.items():
        for problem in problems:
            form.add_error(key if key in form.fields else None, problem)  # type: ignore[attr-defined]


class RetentionView(ProtectedView):
    """The schedule in force, what the next run would dispose of (counts), the holds in force and the last runs."""

    permission = Permission.RETENTION_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        area = _area(request)
        today = clock.today()
        preview = retention_preview(on=today)
        rows = [
            {"label": RecordType(t).label, "verdicts": v, "due": v.get(Verdict.DUE.value, 0)}
            for t, v in preview.children.items()
        ]
        context = {
            "area": area,
            "schedule": schedule_for_area(area.id if area else None),
            "preview": rows,
            "due": preview.total(Verdict.DUE),
            "held": preview.total(Verdict.HELD),
            "today": today,
            "holds": holds_list(current_on=today),
            "reasons": dict(HoldReason.choices),
            "runs": runs_recent(),
        }
        return render(request, "retention/overview.html", context)


class PeriodView(ProtectedView):
    """Set the area's period for one record type."""

    permission = Permission.RETENTION_MANAGE

    def get(self, request: ActorRequest, record_type: str) -> HttpResponse:
        area, row = self._area_and_row(request, record_type)
        form = PeriodForm(initial={"until_age": row.period.until_age, "years_after_last": row.period.years_after_last})
        return render(request, "retention/period.html", {"area": area, "row": row, "form": form})

    def post(self, request: ActorRequest, record_type: str) -> HttpResponse:
        area, row = self._area_and_row(request, record_type)
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                period_set(actor=request.actor, area=area, record_type=record_type, **form.cleaned_data)
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"The retention period is saved for {area.name}")
                return redirect("retention:overview")
        return render(request, "retention/period.html", {"area": area, "row": row, "form": form}, status=400)

    @staticmethod
    def _area_and_row(request: ActorRequest, record_type: str) -> tuple[Area, PeriodInForce]:
        area = _area(request)
        if area is None:
            raise Http404("macpu has no area whose retention periods could be set")
        row = next((row for row in schedule_for_area(area.id) if row.record_type.value == record_type), None)
        if row is None:
            raise Http404("No record type has this name")
        return area, row


class HoldCreateView(ProtectedView):
    """Place a legal hold on a child's record, named by NHS number or macpu id."""

    permission = Permission.RETENTION_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "retention/hold_new.html", {"form": HoldForm()})

    def post(self, request: ActorRequest) -> HttpResponse:
        form = HoldForm(request.POST)
        if form.is_valid():
            child = child_find(form.cleaned_data["child"])
            if child is None:
                form.add_error("child", "No child has this NHS number or macpu id")
            else:
                try:
                    hold_place(
                        actor=request.actor,
                        child_id=child.id,
                        reason=form.cleaned_data["reason"],
                        description=form.cleaned_data["description"],
                        ends_on=form.cleaned_data["ends_on"],
                    )
                except InvalidInput as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, "The hold is placed: the child's record will not be disposed of")
                    return redirect("retention:overview")
        return render(request, "retention/hold_new.html", {"form": form}, status=400)


class HoldReleaseView(ProtectedView):
    """Release a hold, saying why."""

    permission = Permission.RETENTION_MANAGE

    def get(self, request: ActorRequest, hold_id: uuid.UUID) -> HttpResponse:
        return self._page(request, hold_id, ReleaseForm())

    def post(self, request: ActorRequest, hold_id: uuid.UUID) -> HttpResponse:
        form = ReleaseForm(request.POST)
        if form.is_valid():
            try:
                hold_release(actor=request.actor, hold_id=hold_id, reason=form.cleaned_data["release_reason"])
            except NotFound as error:
                raise Http404 from error
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, "The hold is released")
                return redirect("retention:overview")
        return self._page(request, hold_id, form, status=400)

    @staticmethod
    def _page(request: ActorRequest, hold_id: uuid.UUID, form: ReleaseForm, status: int = 200) -> HttpResponse:
        hold = hold_get(hold_id)
        if hold is None:
            raise Http404("No hold has this id")
        context = {"hold": hold, "reason": HoldReason(hold.reason).label, "form": form}
        return render(request, "retention/hold_release.html", context, status=status)
