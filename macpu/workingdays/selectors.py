"""Reads of the working-day calendar: the bank holidays, plus the proclaimed holidays in force."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from macpu.core import clock
from macpu.workingdays.models import ProclaimedHoliday
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar
from macpu.workingdays.rules.working_days import WorkingCalendar


def proclaimed_holidays(*, as_known_on: dt.date | None = None) -> QuerySet[ProclaimedHoliday]:
    """The proclaimed holidays in force now, or as macpu knew them at the end of `as_known_on`."""
    if as_known_on is None:
        return ProclaimedHoliday.objects.filter(removed_at__isnull=True)
    day_after = dt.datetime.combine(as_known_on + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON)
    return ProclaimedHoliday.objects.filter(
        Q(removed_at__isnull=True) | Q(removed_at__gte=day_after), created_at__lt=day_after
    )


def proclaimed_holidays_history() -> QuerySet[ProclaimedHoliday]:
    """Every proclaimed holiday ever added, removed ones included, newest first."""
    return ProclaimedHoliday.objects.order_by("-created_at")


def working_calendar(*, as_known_on: dt.date | None = None) -> WorkingCalendar:
    """England and Wales's working days with the proclaimed holidays in force (or as known on a past date).

    The bank holidays are built once per process; the proclaimed table is small and read on every call,
    so a holiday added in one process counts in every other at once.
    """
    extra = dict(proclaimed_holidays(as_known_on=as_known_on).values_list("date", "name"))
    return bank_holiday_calendar().with_holidays(extra)


def bank_holiday_name(day: dt.date) -> str | None:
    """The bank holiday on `day` from the rule set (proclaimed ones aside), if there is one."""
    return bank_holiday_calendar().holidays.get(day)


@dataclass(frozen=True)
class NonWorkingDay:
    date: dt.date
    name: str
    proclaimed: bool


def non_working_weekdays(*, year: int) -> list[NonWorkingDay]:
    """The weekdays of `year` that are not working days: bank holidays and proclaimed holidays in force."""
    proclaimed = {holiday.date for holiday in proclaimed_holidays().filter(date__year=year)}
    calendar = working_calendar()
    if not calendar.first_year <= year <= calendar.last_year:
        return []
    return [NonWorkingDay(day, name, day in proclaimed) for day, name in calendar.non_working_weekdays(year)]
