"""The working-day sums: the brief's worked examples (section 8, R56, R58) and the edges of the calendar."""

import datetime as dt

import pytest

from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar
from macpu.workingdays.rules.working_days import OutsideCalendar, WorkingCalendar

ENGLAND = bank_holiday_calendar()
D = dt.date


@pytest.mark.parametrize(
    ("start", "working_days", "due"),
    [
        # R56: a referral received on Friday 19 December 2025 is answered by Monday 22 December.
        (D(2025, 12, 19), 1, D(2025, 12, 22)),
        # R56: strategy discussion + 15 working days, skipping 25 and 26 December 2025 and 1 January 2026.
        (D(2025, 12, 19), 15, D(2026, 1, 14)),
        # R56: initial conference + 10 working days, skipping Good Friday and Easter Monday 2026.
        (D(2026, 3, 27), 10, D(2026, 4, 14)),
        # 2026: Boxing Day is a Saturday, so Monday 28 December is its substitute.
        (D(2026, 12, 24), 1, D(2026, 12, 29)),
        # From a weekend, the first working day is the Monday.
        (D(2026, 1, 10), 1, D(2026, 1, 12)),
    ],
)
def test_the_briefs_worked_examples(start: dt.date, working_days: int, due: dt.date) -> None:
    assert ENGLAND.add(start, working_days) == due
    assert ENGLAND.between(start, due) == working_days


def test_no_working_days_added_is_the_day_itself_even_a_holiday() -> None:
    assert ENGLAND.add(D(2025, 12, 25), 0) == D(2025, 12, 25)
    assert ENGLAND.between(D(2025, 12, 25), D(2025, 12, 25)) == 0


@pytest.mark.parametrize(
    "holiday",
    [
        D(2026, 12, 28),  # Boxing Day's substitute
        D(2022, 6, 2),  # R58: the Spring bank holiday of 2022, moved for the Platinum Jubilee
        D(2022, 6, 3),  # R58: the Platinum Jubilee
        D(2022, 9, 19),  # R58: the State Funeral of Queen Elizabeth II
        D(2023, 5, 8),  # R58: the Coronation
        D(2020, 5, 8),  # the early May bank holiday of 2020, moved for VE Day's 75th anniversary
    ],
)
def test_each_years_own_list_is_used_one_off_holidays_included(holiday: dt.date) -> None:
    assert not ENGLAND.is_working_day(holiday)


@pytest.mark.parametrize("working_day", [D(2022, 5, 30), D(2020, 5, 4), D(2026, 12, 24)])
def test_a_bank_holiday_moved_away_leaves_a_working_day(working_day: dt.date) -> None:
    # R58: the last Monday of May 2022 was a working day, its holiday moved to 2 June; so was 4 May 2020.
    assert ENGLAND.is_working_day(working_day)


def test_a_historical_deadline_counts_the_one_off_holidays_of_its_year() -> None:
    # Friday 27 May 2022 + 5 working days skips Thursday 2 and Friday 3 June, but not Monday 30 May.
    assert ENGLAND.add(D(2022, 5, 27), 5) == D(2022, 6, 7)


def test_a_negative_number_of_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        ENGLAND.add(D(2026, 1, 5), -1)


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(ValueError, match="before the start"):
        ENGLAND.between(D(2026, 1, 5), D(2026, 1, 2))


def test_a_sum_beyond_the_known_years_is_refused_rather_than_guessed() -> None:
    calendar = WorkingCalendar({}, 2026, 2026)
    assert calendar.add(D(2026, 12, 30), 1) == D(2026, 12, 31)
    with pytest.raises(OutsideCalendar, match="from 2026 to 2026"):
        calendar.add(D(2026, 12, 30), 2)
    with pytest.raises(OutsideCalendar):
        calendar.between(D(2025, 12, 31), D(2026, 1, 2))
    with pytest.raises(OutsideCalendar):
        calendar.is_working_day(D(2027, 1, 4))


def test_large_sums_are_exact() -> None:
    calendar = WorkingCalendar({D(2030, 1, 1): "New Year's Day"}, 2026, 2040)
    # Weekdays only, one holiday: 5 working days a week.
    start = D(2026, 1, 5)  # a Monday
    assert calendar.add(start, 5 * 52 * 10) == start + dt.timedelta(weeks=52 * 10, days=1)
    assert calendar.between(start, start + dt.timedelta(weeks=52 * 10)) == 5 * 52 * 10 - 1


def test_added_holidays_move_a_deadline_and_the_first_name_is_kept() -> None:
    extra = ENGLAND.with_holidays({D(2026, 1, 13): "Proclaimed day", D(2025, 12, 25): "Another name"})
    assert extra.add(D(2025, 12, 19), 15) == D(2026, 1, 15)
    assert extra.holidays[D(2025, 12, 25)] == "Christmas Day"
    assert ENGLAND.add(D(2025, 12, 19), 15) == D(2026, 1, 14)


def test_the_non_working_weekdays_of_a_year_are_listed_in_order_with_their_names() -> None:
    listed = ENGLAND.non_working_weekdays(2026)
    assert [day for day, _ in listed] == [
        D(2026, 1, 1),
        D(2026, 4, 3),
        D(2026, 4, 6),
        D(2026, 5, 4),
        D(2026, 5, 25),
        D(2026, 8, 31),
        D(2026, 12, 25),
        D(2026, 12, 28),
    ]
    assert listed[1][1] == "Good Friday"
