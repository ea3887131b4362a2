"""Working days: Monday to Friday, less the days a calendar names as holidays (brief section 8, R56).

The start day is never counted: `add(day, 1)` is the first working day after `day`,
and `add(day, 0)` is `day` itself. `between(start, end)` counts the working days
after `start` up to and including `end`, so `between(day, add(day, n)) == n`.

Sums are arithmetic on day numbers (5 weekdays in every 7) corrected by the
holidays that fall on weekdays, found by bisection: no loop over the days, so a
deadline years ahead costs the same as one next week.
"""

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class OutsideCalendar(ValueError):
    """The sum reaches a year whose holidays the calendar does not know, so any answer could be wrong."""


def _weekdays_through(ordinal: int) -> int:
    """Weekdays from 1 January of year 1 (a Monday, ordinal 1) up to and including `ordinal`."""
    weeks, days = divmod(ordinal, 7)
    return 5 * weeks + min(days, 5)


def _nth_weekday(count: int) -> int:
    """The ordinal of the `count`-th weekday since year 1 (the inverse of `_weekdays_through` on weekdays)."""
    weeks, days = divmod(count - 1, 5)
    return 7 * weeks + days + 1


@dataclass(frozen=True)
class WorkingCalendar:
    """The non-working weekdays of `first_year` to `last_year`, with their names; weekends are never working days."""

    holidays: Mapping[dt.date, str] = field(repr=False)
    first_year: int
    last_year: int
    # The ordinals of the holidays that fall on weekdays, sorted: only these change a working-day sum.
    _weekday_holidays: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise ValueError(f"first_year {self.first_year} is after last_year {self.last_year}")
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        weekday_holidays = sorted(day.toordinal() for day in self.holidays if day.weekday() < 5)
        object.__setattr__(self, "_weekday_holidays", tuple(weekday_holidays))

    def with_holidays(self, extra: Mapping[dt.date, str]) -> "WorkingCalendar":
        """This calendar with more non-working days (a day already named keeps its first name)."""
        return WorkingCalendar({**extra, **self.holidays}, self.first_year, self.last_year)

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: dt.date) -> bool:
        self._require_covered(day)
        return day.weekday() < 5 and day not in self.holidays

    def add(self, day: dt.date, working_days: int) -> dt.date:
        """The `working_days`-th working day after `day` (the day itself when 0, even if it is not a working day)."""
        if working_days < 0:
            raise ValueError(f"the number of working days must be 0 or more, not {working_days}")
        self._require_covered(day)
        ordinal, owed = day.toordinal(), working_days
        while owed:
            # Step over `owed` weekdays; each holiday stepped over is a working day still owed.
            target = _nth_weekday(_weekdays_through(ordinal) + owed)
            if target > self._last_ordinal:
                raise OutsideCalendar(self._outside_message())
            owed = self._holidays_in(ordinal, target)
            ordinal = target
        return dt.date.fromordinal(ordinal)

    def between(self, start: dt.date, end: dt.date) -> int:
        """The working days after `start`, up to and including `end`."""
        if end < start:
            raise ValueError(f"the end {end.isoformat()} is before the start {start.isoformat()}")
        self._require_covered(start)
        self._require_covered(end)
        first, last = start.toordinal(), end.toordinal()
        return _weekdays_through(last) - _weekdays_through(first) - self._holidays_in(first, last)

    def non_working_weekdays(self, year: int) -> list[tuple[dt.date, str]]:
        """The holidays of `year` that fall Monday to Friday, in date order."""
        return sorted((day, name) for day, name in self.holidays.items() if day.year == year and day.weekday() < 5)

    @property
    def _last_ordinal(self) -> int:
        return dt.date(self.last_year, 12, 31).toordinal()

    def _holidays_in(self, after: int, through: int) -> int:
        """Weekday holidays after ordinal `after`, up to and including ordinal `through`."""
        holidays = self._weekday_holidays
        return bisect.bisect_right(holidays, through) - bisect.bisect_right(holidays, after)

    def _require_covered(self, day: dt.date) -> None:
        if not self.covers(day):
            raise OutsideCalendar(self._outside_message())

    def _outside_message(self) -> str:
        return f"working days are known only from {self.first_year} to {self.last_year}"
