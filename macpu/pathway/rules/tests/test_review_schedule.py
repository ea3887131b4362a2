"""The review conference schedule (R22): 3 months after the initial conference, then 6 after each review held."""

import datetime as dt

import pytest

from macpu.pathway.rules.review_schedule import ReviewDue, next_review_due, review_schedule
from macpu.pathway.rules.timescales import Length, Unit
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

ENGLAND = bank_holiday_calendar()
D = dt.date


def test_r22_the_first_review_is_due_3_months_after_the_initial_conference_clamped() -> None:
    # R22: 30 November + 3 months = 28 February.
    assert review_schedule(D(2025, 11, 30), [], ENGLAND) == [ReviewDue(1, D(2026, 2, 28), None)]


def test_r22_each_later_review_is_due_6_months_after_the_review_held_before_it() -> None:
    # given: an initial conference, a first review held early and a second held late
    initial_conference = D(2025, 11, 30)
    held = [D(2026, 9, 1), D(2026, 2, 20)]
    # when
    schedule = review_schedule(initial_conference, held, ENGLAND)
    # then
    assert schedule == [
        ReviewDue(1, D(2026, 2, 28), D(2026, 2, 20)),
        ReviewDue(2, D(2026, 8, 20), D(2026, 9, 1)),
        ReviewDue(3, D(2027, 3, 1), None),
    ]
    assert [review.held_late for review in schedule] == [False, True, False]


def test_r22_a_clamped_due_date_does_not_shorten_the_later_ones() -> None:
    # 31 August + 3 months clamps to 30 November; the next review counts from the day it was held.
    schedule = review_schedule(D(2025, 8, 31), [D(2025, 11, 30)], ENGLAND)
    assert [review.due for review in schedule] == [D(2025, 11, 30), D(2026, 5, 30)]


def test_the_next_review_due() -> None:
    assert next_review_due(D(2025, 11, 30), [D(2026, 2, 20)], ENGLAND) == D(2026, 8, 20)


def test_an_area_may_set_its_own_review_lengths() -> None:
    schedule = review_schedule(
        D(2026, 1, 31),
        [D(2026, 3, 2)],
        ENGLAND,
        first_review=Length(1, Unit.CALENDAR_MONTHS),
        later_reviews=Length(4, Unit.CALENDAR_MONTHS),
    )
    assert [review.due for review in schedule] == [D(2026, 2, 28), D(2026, 7, 2)]


def test_a_review_before_the_initial_conference_is_refused() -> None:
    with pytest.raises(ValueError, match="before the initial conference"):
        review_schedule(D(2026, 1, 31), [D(2026, 1, 30)], ENGLAND)
