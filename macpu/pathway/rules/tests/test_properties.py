"""Properties of due dates, month arithmetic, deadlines and the review schedule, checked by Hypothesis."""

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from macpu.pathway.rules.calendar_months import add_months
from macpu.pathway.rules.deadlines import Deadline, DeadlineState
from macpu.pathway.rules.review_schedule import review_schedule
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, Timescale, Unit, due_date
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

ENGLAND = bank_holiday_calendar()
# Early enough that a year of deadlines stays inside the calendar's 2099.
days = st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2090, 12, 31))
timescales = st.sampled_from(list(DEFAULT_TIMESCALES.values()))
working_day_timescales = st.sampled_from(
    [timescale for timescale in DEFAULT_TIMESCALES.values() if timescale.length.unit is Unit.WORKING_DAYS]
)


@given(timescale=working_day_timescales, start=days)
def test_a_working_day_due_date_is_that_many_working_days_on(timescale: Timescale, start: dt.date) -> None:
    due = due_date(timescale, start, ENGLAND)
    assert ENGLAND.between(start, due) == timescale.length.amount
    if timescale.length.amount:
        assert ENGLAND.is_working_day(due)


@given(timescale=timescales, first=days, second=days)
def test_due_date_never_goes_back_as_the_start_moves_on(timescale: Timescale, first: dt.date, second: dt.date) -> None:
    earlier, later = min(first, second), max(first, second)
    assert due_date(timescale, earlier, ENGLAND) <= due_date(timescale, later, ENGLAND)
    assert due_date(timescale, earlier, ENGLAND) >= earlier


@given(day=days, months=st.integers(min_value=0, max_value=120))
def test_months_land_in_the_named_month_on_the_same_day_or_its_last(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day == min(day.day, calendar.monthrange(later.year, later.month)[1])


@given(first=days, second=days, months=st.integers(min_value=0, max_value=12))
def test_months_are_monotonic_in_the_start(first: dt.date, second: dt.date, months: int) -> None:
    earlier, later = min(first, second), max(first, second)
    assert add_months(earlier, months) <= add_months(later, months)


@given(due=days, today=days)
def test_a_deadline_is_overdue_exactly_when_the_due_day_has_passed(due: dt.date, today: dt.date) -> None:
    deadline = Deadline(due, today, ENGLAND)
    assert (deadline.state is DeadlineState.OVERDUE) == (today > due)
    assert (deadline.working_days_left <= 0) if today > due else (deadline.working_days_left >= 0)


@given(today=days, left=st.integers(min_value=1, max_value=60))
def test_working_days_left_counts_down_to_a_working_day_due_date(today: dt.date, left: int) -> None:
    deadline = Deadline(ENGLAND.add(today, left), today, ENGLAND)
    assert deadline.working_days_left == left
    assert deadline.state is (DeadlineState.DUE_SOON if left <= 2 else DeadlineState.DUE)


@given(initial_conference=days, gaps=st.lists(st.integers(min_value=0, max_value=250), max_size=8))
def test_each_review_is_due_after_the_conference_before_it(initial_conference: dt.date, gaps: list[int]) -> None:
    held, day = [], initial_conference
    for gap in gaps:
        day += dt.timedelta(days=gap)
        held.append(day)
    schedule = review_schedule(initial_conference, held, ENGLAND)
    assert [review.number for review in schedule] == list(range(1, len(held) + 2))
    assert [review.held_on for review in schedule] == [*held, None]
    counted_from = [initial_conference, *held]
    assert all(review.due > start for review, start in zip(schedule, counted_from, strict=True))
