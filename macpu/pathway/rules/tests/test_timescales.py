"""The default timescales and their due dates: the brief's worked examples (section 8, R19-R22, R54, R56, R58)."""

import datetime as dt
import re

import pytest

from macpu.pathway.rules.timescales import (
    DEFAULT_TIMESCALES,
    Basis,
    Length,
    TimescaleCode,
    Unit,
    due_date,
    initial_conference_due,
)
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

ENGLAND = bank_holiday_calendar()
D = dt.date
CODE = TimescaleCode


def _due(code: TimescaleCode, start: dt.date, override: Length | None = None) -> dt.date:
    return due_date(DEFAULT_TIMESCALES[code], start, ENGLAND, override)


@pytest.mark.parametrize(
    ("code", "start", "due"),
    [
        # Section 8 and R56 (R12): a referral received on Friday 19 December 2025 is decided by Monday 22 December.
        (CODE.REFERRAL_DECISION, D(2025, 12, 19), D(2025, 12, 22)),
        # Section 8 and R56 (R19): strategy discussion on Friday 19 December 2025 + 15 working days, skipping
        # 25 and 26 December 2025 and 1 January 2026: the initial conference is due by Wednesday 14 January 2026.
        (CODE.INITIAL_CONFERENCE, D(2025, 12, 19), D(2026, 1, 14)),
        # Section 8 and R56 (R21): initial conference on Friday 27 March 2026 + 10 working days, skipping Good
        # Friday and Easter Monday: the first core group is due by Tuesday 14 April 2026.
        (CODE.FIRST_CORE_GROUP, D(2026, 3, 27), D(2026, 4, 14)),
        # R22: 30 November + 3 months = 28 February, or 29 in a leap year.
        (CODE.FIRST_REVIEW_CONFERENCE, D(2025, 11, 30), D(2026, 2, 28)),
        (CODE.FIRST_REVIEW_CONFERENCE, D(2023, 11, 30), D(2024, 2, 29)),
    ],
)
def test_the_briefs_worked_examples(code: TimescaleCode, start: dt.date, due: dt.date) -> None:
    assert _due(code, start) == due


@pytest.mark.parametrize(
    ("received", "decided_by"),
    [
        # R58: Thursday 2 and Friday 3 June 2022 (Spring bank holiday moved, Platinum Jubilee) are not working days.
        (D(2022, 6, 1), D(2022, 6, 6)),
        # R58: Monday 30 May 2022 is a working day, its bank holiday having moved to 2 June.
        (D(2022, 5, 27), D(2022, 5, 30)),
        # R58: Monday 19 September 2022, the State Funeral, is not.
        (D(2022, 9, 16), D(2022, 9, 20)),
        # R58: Monday 8 May 2023, the Coronation, is not.
        (D(2023, 5, 5), D(2023, 5, 9)),
    ],
)
def test_r58_historical_deadlines_use_their_own_years_holidays(received: dt.date, decided_by: dt.date) -> None:
    assert _due(CODE.REFERRAL_DECISION, received) == decided_by


def test_r19_the_initial_conference_is_counted_from_the_latest_strategy_discussion() -> None:
    # given: a first strategy discussion, then a later one for the same enquiry
    discussions = [D(2025, 12, 19), D(2025, 12, 5)]
    # when
    due = initial_conference_due(discussions, ENGLAND)
    # then
    assert due == D(2026, 1, 14)


def test_r19_no_strategy_discussion_means_no_initial_conference_due() -> None:
    with pytest.raises(ValueError, match="strategy discussion"):
        initial_conference_due([], ENGLAND)


def test_r20_the_assessment_is_due_45_working_days_after_the_referral() -> None:
    # 15 working days reach 14 January 2026 (section 8); 30 more, with no holiday, are six weeks later.
    assert _due(CODE.ASSESSMENT, D(2025, 12, 19)) == D(2026, 2, 25)


@pytest.mark.parametrize(
    ("notified", "due"),
    [
        # R54: 15 working days from notification, over Christmas 2025 as in section 8.
        (D(2025, 12, 19), D(2026, 1, 14)),
        # R54: over Easter 2026: 10 working days reach 14 April (section 8), 5 more Tuesday 21 April.
        (D(2026, 3, 27), D(2026, 4, 21)),
    ],
)
def test_r54_the_transfer_in_conference_is_due_15_working_days_from_notification(
    notified: dt.date, due: dt.date
) -> None:
    assert _due(CODE.TRANSFER_IN_CONFERENCE, notified) == due


def test_r18_a_strategy_discussion_for_immediate_risk_is_due_the_same_day() -> None:
    assert _due(CODE.STRATEGY_DISCUSSION_IMMEDIATE_RISK, D(2025, 12, 24)) == D(2025, 12, 24)
    assert _due(CODE.STRATEGY_DISCUSSION, D(2025, 12, 24)) == D(2025, 12, 29)


def test_r22_later_reviews_are_6_calendar_months_and_clamp() -> None:
    assert _due(CODE.LATER_REVIEW_CONFERENCE, D(2025, 8, 31)) == D(2026, 2, 28)
    assert _due(CODE.LATER_REVIEW_CONFERENCE, D(2026, 3, 15)) == D(2026, 9, 15)


def test_a_review_due_on_a_weekend_is_not_moved() -> None:
    # R22 counts calendar months; 28 February 2026 is a Saturday and stays the due date.
    assert _due(CODE.FIRST_REVIEW_CONFERENCE, D(2025, 11, 30)).weekday() == 5


def test_visits_are_due_every_3_weeks_by_default() -> None:
    assert _due(CODE.VISIT, D(2026, 1, 5)) == D(2026, 1, 26)


def test_an_areas_own_length_replaces_the_default_and_keeps_the_default_source() -> None:
    # given: an area whose procedure sets the first core group at 15 working days (R21: configurable)
    core_group = DEFAULT_TIMESCALES[CODE.FIRST_CORE_GROUP]
    local = Length(15, Unit.WORKING_DAYS)
    # when
    due = due_date(core_group, D(2026, 3, 27), ENGLAND, override=local)
    # then
    assert due == D(2026, 4, 21)
    assert core_group.length == Length(10, Unit.WORKING_DAYS)
    assert "[Sefton-Core]" in core_group.source


def test_an_override_may_change_the_unit() -> None:
    review = DEFAULT_TIMESCALES[CODE.FIRST_REVIEW_CONFERENCE]
    assert due_date(review, D(2026, 3, 27), ENGLAND, override=Length(10, Unit.WORKING_DAYS)) == D(2026, 4, 14)


def test_a_negative_length_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        Length(-1, Unit.WORKING_DAYS)


def test_every_code_has_one_timescale_citing_its_requirement() -> None:
    assert set(DEFAULT_TIMESCALES) == set(TimescaleCode)
    for code, timescale in DEFAULT_TIMESCALES.items():
        assert timescale.code is code
        # Every default names the requirement that states it.
        assert re.search(r"\bR\d+\b", timescale.source)


@pytest.mark.parametrize(
    ("code", "length", "basis"),
    [
        (CODE.REFERRAL_DECISION, "1 working day", Basis.WORKING_TOGETHER),
        (CODE.ASSESSMENT, "45 working days", Basis.WORKING_TOGETHER),
        (CODE.INITIAL_CONFERENCE, "15 working days", Basis.WORKING_TOGETHER),
        (CODE.FIRST_REVIEW_CONFERENCE, "3 calendar months", Basis.WORKING_TOGETHER),
        (CODE.LATER_REVIEW_CONFERENCE, "6 calendar months", Basis.WORKING_TOGETHER),
        # Brief open question 2: found only in local procedures.
        (CODE.FIRST_CORE_GROUP, "10 working days", Basis.LOCAL_PROCEDURE),
        # Brief open question 3: WT2023 sets no national deadline for a strategy discussion.
        (CODE.STRATEGY_DISCUSSION, "1 working day", Basis.LOCAL_PROCEDURE),
        (CODE.TRANSFER_IN_CONFERENCE, "15 working days", Basis.LOCAL_PROCEDURE),
    ],
)
def test_the_defaults_and_how_far_they_bind(code: TimescaleCode, length: str, basis: Basis) -> None:
    assert str(DEFAULT_TIMESCALES[code].length) == length
    assert DEFAULT_TIMESCALES[code].basis is basis


def test_the_strategy_discussion_says_there_is_no_national_deadline() -> None:
    assert "no national deadline" in DEFAULT_TIMESCALES[CODE.STRATEGY_DISCUSSION].note


def test_the_warnings_the_requirements_name() -> None:
    # R19: 3 working days before the initial conference is due; R22: 10 before a review.
    assert DEFAULT_TIMESCALES[CODE.INITIAL_CONFERENCE].warn_within_working_days == 3
    assert DEFAULT_TIMESCALES[CODE.FIRST_REVIEW_CONFERENCE].warn_within_working_days == 10
    assert DEFAULT_TIMESCALES[CODE.LATER_REVIEW_CONFERENCE].warn_within_working_days == 10
