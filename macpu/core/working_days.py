"""Working days in England: Monday to Friday, less the bank holidays of England and Wales.

Bank holidays come from the `holidays` package (its England subdivision includes
substitute days and one-off proclamations). Every working-day sum in macpu goes
through a WorkingCalendar, so local additions can be made in one place.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import holidays


@cache
def _england_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


@dataclass(frozen=True)
class WorkingCalendar:
    """England's calendar, plus any extra non-working days an area adds."""

    extra_holidays: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in _england_holidays(day.year) and day not in self.extra_holidays

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start`, up to and including `end` (0 when end is not after start)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def add(self, start: dt.date, working_days: int) -> dt.date:
        """The `working_days`-th working day after `start` (the start itself not counted)."""
        day, left = start, working_days
        while left > 0:
            day += dt.timedelta(days=1)
            left -= self.is_working_day(day)
        return day

    def working_days_in(self, days: Iterable[dt.date]) -> int:
        return sum(self.is_working_day(day) for day in days)


ENGLAND = WorkingCalendar()
