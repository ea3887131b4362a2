"""The schedule's rules, as at a day: what is due, what a hold stops, what cannot be judged."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macpu.retention.rules.schedule import (
    DEFAULT_PERIODS,
    ChildFacts,
    Hold,
    Period,
    RecordType,
    Verdict,
    add_years,
    decide,
    due_on,
    record_type_of,
)

CONCERN = ChildFacts(born=dt.date(2000, 1, 1), last_recorded=dt.date(2010, 6, 1), event_types=frozenset({"concern"}))
PROTECTION = ChildFacts(
    born=dt.date(2000, 1, 1), last_recorded=dt.date(2010, 6, 1), event_types=frozenset({"plan_started"})
)


@pytest.mark.parametrize(
    ("facts", "on", "verdict", "due"),
    [
        (CONCERN, dt.date(2024, 12, 31), Verdict.KEPT, dt.date(2025, 1, 1)),  # the day before the 25th birthday
        (CONCERN, dt.date(2025, 1, 1), Verdict.DUE, dt.date(2025, 1, 1)),
        (PROTECTION, dt.date(2025, 1, 1), Verdict.KEPT, dt.date(2075, 1, 1)),  # to the 75th birthday
        (PROTECTION, dt.date(2075, 1, 1), Verdict.DUE, dt.date(2075, 1, 1)),
        # Recorded at 23: kept 6 years after that, past the 25th birthday.
        (
            ChildFacts(dt.date(2000, 1, 1), dt.date(2023, 3, 1), frozenset()),
            dt.date(2028, 1, 1),
            Verdict.KEPT,
            dt.date(2029, 3, 1),
        ),
    ],
)
def test_what_is_due_as_at_a_day(facts: ChildFacts, on: dt.date, verdict: Verdict, due: dt.date) -> None:
    decision = decide(facts, {}, [], on)
    assert (decision.verdict, decision.due_on) == (verdict, due)


def test_the_record_type_follows_the_most_serious_step_recorded() -> None:
    assert record_type_of(CONCERN) == RecordType.CHILD_CONCERN
    assert record_type_of(PROTECTION) == RecordType.CHILD_PROTECTION


def test_a_hold_in_force_stops_a_due_record_and_an_ended_one_does_not() -> None:
    on = dt.date(2030, 1, 1)
    open_ended = Hold(starts_on=dt.date(2029, 1, 1), ends_on=None)
    ended = Hold(starts_on=dt.date(2029, 1, 1), ends_on=dt.date(2029, 12, 31))
    not_started = Hold(starts_on=dt.date(2030, 1, 2), ends_on=None)
    assert decide(CONCERN, {}, [open_ended], on).verdict == Verdict.HELD
    assert decide(CONCERN, {}, [ended, not_started], on).verdict == Verdict.DUE
    assert decide(CONCERN, {}, [open_ended], dt.date(2020, 1, 1)).verdict == Verdict.KEPT  # a hold never shortens


def test_no_date_of_birth_means_the_record_is_kept_for_review() -> None:
    facts = ChildFacts(born=None, last_recorded=dt.date(2000, 1, 1), event_types=frozenset())
    assert decide(facts, {}, [], dt.date(2100, 1, 1)).verdict == Verdict.NO_BIRTH_DATE


def test_the_longest_period_of_the_areas_involved_applies() -> None:
    periods = {RecordType.CHILD_CONCERN: [Period(25, 6), Period(30, 6)]}
    assert decide(CONCERN, periods, [], dt.date(2029, 1, 1)).verdict == Verdict.KEPT
    assert due_on(CONCERN, periods[RecordType.CHILD_CONCERN]) == dt.date(2030, 1, 1)


def test_a_leap_day_birthday_falls_on_28_february() -> None:
    assert add_years(dt.date(2004, 2, 29), 25) == dt.date(2029, 2, 28)


def test_periods_out_of_range_are_named() -> None:
    assert set(Period(until_age=17, years_after_last=101).problems()) == {"until_age", "years_after_last"}
    assert all(not period.problems() for period in DEFAULT_PERIODS.values())


@given(
    born=st.dates(dt.date(1950, 1, 1), dt.date(2030, 1, 1)),
    recorded_after=st.integers(0, 40 * 365),
    on=st.dates(dt.date(1950, 1, 1), dt.date(2150, 1, 1)),
    protection=st.booleans(),
)
def test_nothing_is_ever_due_before_its_period_ends(
    born: dt.date, recorded_after: int, on: dt.date, protection: bool
) -> None:
    facts = ChildFacts(born, born + dt.timedelta(days=recorded_after), frozenset({"conference"} if protection else ()))
    decision = decide(facts, {}, [], on)
    period = DEFAULT_PERIODS[decision.record_type]
    due = decision.verdict == Verdict.DUE
    assert due == (
        on >= add_years(born, period.until_age) and on >= add_years(facts.last_recorded, period.years_after_last)
    )
