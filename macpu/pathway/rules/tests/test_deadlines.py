"""An open step's deadline read on a given day (R19 and R22 warnings; overdue computed when read)."""

import datetime as dt

import pytest

from macpu.pathway.rules.deadlines import Deadline, DeadlineState
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

ENGLAND = bank_holiday_calendar()
D = dt.date
# Section 8: the initial conference after a strategy discussion on 19 December 2025.
ICPC_DUE = D(2026, 1, 14)


@pytest.mark.parametrize(
    ("today", "left", "state"),
    [
        (D(2025, 12, 19), 15, DeadlineState.DUE),
        (D(2026, 1, 9), 3, DeadlineState.DUE),
        (D(2026, 1, 12), 2, DeadlineState.DUE_SOON),
        # The weekend before counts as the Friday: Monday and Tuesday are left before Wednesday.
        (D(2026, 1, 10), 3, DeadlineState.DUE),
        (D(2026, 1, 13), 1, DeadlineState.DUE_SOON),
        (D(2026, 1, 14), 0, DeadlineState.DUE_TODAY),
        (D(2026, 1, 15), -1, DeadlineState.OVERDUE),
        (D(2026, 1, 19), -3, DeadlineState.OVERDUE),
    ],
)
def test_the_initial_conference_deadline_day_by_day(today: dt.date, left: int, state: DeadlineState) -> None:
    deadline = Deadline(ICPC_DUE, today, ENGLAND)
    assert (deadline.working_days_left, deadline.state) == (left, state)


def test_r19_warns_3_working_days_before_the_initial_conference() -> None:
    assert Deadline(ICPC_DUE, D(2026, 1, 9), ENGLAND, due_soon_within=3).state is DeadlineState.DUE_SOON
    assert Deadline(ICPC_DUE, D(2026, 1, 8), ENGLAND, due_soon_within=3).state is DeadlineState.DUE


def test_holidays_are_not_working_days_left() -> None:
    # Section 8: a referral decision due on 22 December 2025, read on 29 December: 23, 24 and 29 December have passed.
    overdue = Deadline(D(2025, 12, 22), D(2025, 12, 29), ENGLAND)
    assert (overdue.working_days_left, overdue.state) == (-3, DeadlineState.OVERDUE)


def test_a_weekend_due_date_read_on_the_sunday_is_overdue_with_no_working_day_passed() -> None:
    # R22: a review due on Saturday 28 February 2026 (30 November 2025 + 3 months).
    read_on_sunday = Deadline(D(2026, 2, 28), D(2026, 3, 1), ENGLAND)
    assert (read_on_sunday.working_days_left, read_on_sunday.state) == (0, DeadlineState.OVERDUE)
    read_on_friday = Deadline(D(2026, 2, 28), D(2026, 2, 27), ENGLAND)
    assert (read_on_friday.working_days_left, read_on_friday.state) == (0, DeadlineState.DUE_SOON)


def test_a_negative_warning_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        Deadline(ICPC_DUE, D(2026, 1, 9), ENGLAND, due_soon_within=-1)
