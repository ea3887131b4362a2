"""The timescales page: every signed-in user reads the area's timescales; administrators change them."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.models import Area
from macpu.pathway.forms import LocalTimescaleForm
from macpu.pathway.rules.timescales import TimescaleCode
from macpu.pathway.selectors.timescales import (
    area_for,
    timescale_code,
    timescale_in_force,
    timescale_title,
    timescales_in_force,
)
from macpu.pathway.services import local_timescale_remove, local_timescale_set


class TimescalesView(ProtectedView):
    """The timescales the area works to, with the national default and the source of each."""

    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        area = area_for(request.actor)
        context = {
            "area": area,
            "timescales": timescales_in_force(area),
            "may_change": area is not None and role_grants(request.actor.role, Permission.TIMESCALES_MANAGE),
        }
        return render(request, "pathway/timescales.html", context)


def _area_and_code(request: ActorRequest, code: str) -> tuple[Area, TimescaleCode]:
    area = area_for(request.actor)
    try:
        known = timescale_code(code)
    except NotFound as error:
        raise Http404 from error
    if area is None:
        raise Http404("macpu has no area whose timescales could be changed")
    return area, known


class TimescaleChangeView(ProtectedView):
    """Set the area's own length for one timescale."""

    permission = Permission.TIMESCALES_MANAGE

    def get(self, request: ActorRequest, code: str) -> HttpResponse:
        area, known = _area_and_code(request, code)
        current = timescale_in_force(area, known)
        initial = {"amount": current.length.amount, "unit": current.length.unit.value}
        form = LocalTimescaleForm(initial={**initial, "source": current.source if current.local else ""})
        return _form_page(request, area, known, form)

    def post(self, request: ActorRequest, code: str) -> HttpResponse:
        area, known = _area_and_code(request, code)
        form = LocalTimescaleForm(request.POST)
        if form.is_valid():
            try:
                row = local_timescale_set(actor=request.actor, area=area, code=known, **form.cleaned_data)
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, f"{timescale_title(known)} is now {row.length} in {area.name}")
                return redirect("pathway:timescales")
        return _form_page(request, area, known, form, status=400)


class TimescaleResetView(ProtectedView):
    """Return one timescale to the national default (the button on its change page)."""

    permission = Permission.TIMESCALES_MANAGE

    def post(self, request: ActorRequest, code: str) -> HttpResponse:
        area, known = _area_and_code(request, code)
        try:
            local_timescale_remove(actor=request.actor, area=area, code=known)
        except NotFound as error:
            raise Http404 from error
        default = timescale_in_force(None, known).length
        messages.success(request, f"{timescale_title(known)} is back to the national default of {default}")
        return redirect("pathway:timescales")


def _form_page(
    request: ActorRequest, area: Area, code: TimescaleCode, form: LocalTimescaleForm, status: int = 200
) -> HttpResponse:
    context = {"area": area, "timescale": timescale_in_force(area, code), "title": timescale_title(code), "form": form}
    return render(request, "pathway/timescale_form.html", context, status=status)
