"""Properties of the working-day sums, checked by Hypothesis against a day-by-day count."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar
from macpu.workingdays.rules.working_days import WorkingCalendar

ENGLAND = bank_holiday_calendar()
# No later than 2070, so that two sums of 3,000 working days (about 24 years) stay inside 2099.
days = st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2070, 12, 31))
counts = st.integers(min_value=0, max_value=3000)
small_counts = st.integers(min_value=0, max_value=60)
# Random holiday sets, weekends included, so the arithmetic is not tuned to England's.
random_calendars = st.builds(
    lambda holidays: WorkingCalendar(dict.fromkeys(holidays, "holiday"), 2000, 2030),
    st.sets(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), max_size=400),
)


def _add_day_by_day(calendar: WorkingCalendar, day: dt.date, working_days: int) -> dt.date:
    while working_days:
        day += dt.timedelta(days=1)
        working_days -= calendar.is_working_day(day)
    return day


@given(day=days, n=counts)
def test_between_undoes_add(day: dt.date, n: int) -> None:
    assert ENGLAND.between(day, ENGLAND.add(day, n)) == n


@given(day=days, n=st.integers(min_value=1, max_value=3000))
def test_a_deadline_after_at_least_one_working_day_is_a_working_day(day: dt.date, n: int) -> None:
    assert ENGLAND.is_working_day(ENGLAND.add(day, n))


@given(day=days, a=counts, b=counts)
def test_add_is_monotonic_and_composes(day: dt.date, a: int, b: int) -> None:
    assert ENGLAND.add(ENGLAND.add(day, a), b) == ENGLAND.add(day, a + b)
    if a < b:
        assert ENGLAND.add(day, a) < ENGLAND.add(day, b)


@given(start=days, end=days)
def test_between_is_additive_and_never_negative(start: dt.date, end: dt.date) -> None:
    start, end = min(start, end), max(start, end)
    middle = start + (end - start) / 2
    assert ENGLAND.between(start, end) == ENGLAND.between(start, middle) + ENGLAND.between(middle, end) >= 0


@settings(max_examples=50)
@given(
    calendar=random_calendars,
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2028, 12, 31)),
    n=small_counts,
)
def test_the_arithmetic_agrees_with_counting_day_by_day(calendar: WorkingCalendar, day: dt.date, n: int) -> None:
    due = _add_day_by_day(calendar, day, n)
    assert calendar.add(day, n) == due
    assert calendar.between(day, due) == n
    assert calendar.between(day, due + dt.timedelta(days=3)) == n + sum(
        calendar.is_working_day(due + dt.timedelta(days=k)) for k in (1, 2, 3)
    )
