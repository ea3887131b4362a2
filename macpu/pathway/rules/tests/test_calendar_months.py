"""Calendar months with month-end clamping (R22)."""

import datetime as dt

import pytest

from macpu.pathway.rules.calendar_months import add_months

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "later"),
    [
        # R22: 30 November + 3 months = 28 February, 29 in a leap year.
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),
        # 31 January + 1 month = 28 or 29 February.
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        # A 31st into a 30-day month.
        (D(2026, 3, 31), 6, D(2026, 9, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        # 29 February into a month that has a 29th.
        (D(2024, 2, 29), 6, D(2024, 8, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        # Across the year end, and a day every month has.
        (D(2025, 10, 31), 3, D(2026, 1, 31)),
        (D(2025, 12, 15), 3, D(2026, 3, 15)),
        (D(2025, 12, 15), 0, D(2025, 12, 15)),
    ],
)
def test_months_clamp_to_the_end_of_a_shorter_month(day: dt.date, months: int, later: dt.date) -> None:
    assert add_months(day, months) == later


def test_clamping_does_not_carry_into_the_next_month() -> None:
    # 28 February + 3 months is 28 May, not 31 May: each sum counts from the day given.
    assert add_months(add_months(D(2026, 1, 31), 1), 3) == D(2026, 5, 28)
    assert add_months(D(2026, 1, 31), 4) == D(2026, 5, 31)


def test_negative_months_are_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        add_months(D(2026, 1, 31), -1)
