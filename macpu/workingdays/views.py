"""The administrators' page of the working-day calendar: the year's bank holidays, and the proclaimed ones."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core import clock
from macpu.core.errors import InvalidInput, NotFound
from macpu.workingdays.forms import ProclaimedHolidayForm
from macpu.workingdays.selectors import non_working_weekdays, proclaimed_holidays_history
from macpu.workingdays.services import proclaimed_holiday_add, proclaimed_holiday_remove


def _page(request: ActorRequest, form: ProclaimedHolidayForm, status: int = 200) -> HttpResponse:
    this_year = clock.today().year
    years = [(year, non_working_weekdays(year=year)) for year in (this_year, this_year + 1)]
    history = proclaimed_holidays_history()
    context = {"form": form, "years": years, "history": history}
    return render(request, "workingdays/calendar.html", context, status=status)


class WorkingDaysView(ProtectedView):
    """List the non-working days of this year and next; add a proclaimed holiday."""

    permission = Permission.CALENDAR_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        return _page(request, ProclaimedHolidayForm())

    def post(self, request: ActorRequest) -> HttpResponse:
        form = ProclaimedHolidayForm(request.POST)
        if form.is_valid():
            try:
                holiday = proclaimed_holiday_add(actor=request.actor, day=form.cleaned_data["date"], **_text(form))
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, f"{holiday.name}, {_long(holiday.date)}, is now a non-working day")
                return redirect("workingdays:calendar")
        return _page(request, form, status=400)


class ProclaimedHolidayRemoveView(ProtectedView):
    """Make a proclaimed holiday a working day again (the button beside it on the calendar page)."""

    permission = Permission.CALENDAR_MANAGE

    def post(self, request: ActorRequest, day: str) -> HttpResponse:
        try:
            holiday = proclaimed_holiday_remove(actor=request.actor, day=dt.date.fromisoformat(day))
        except (ValueError, NotFound) as error:
            raise Http404 from error
        messages.success(request, f"{_long(holiday.date)} is a working day again")
        return redirect("workingdays:calendar")


def _text(form: ProclaimedHolidayForm) -> dict[str, str]:
    return {"name": form.cleaned_data["name"], "source": form.cleaned_data["source"]}


def _long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
