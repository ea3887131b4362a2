"""Which local lengths an area may set: never beyond a Working Together maximum, either way for local ones."""

import pytest

from macpu.pathway.rules.local_timescales import length_errors
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, TimescaleCode, Unit

INITIAL_CONFERENCE = DEFAULT_TIMESCALES[TimescaleCode.INITIAL_CONFERENCE]
FIRST_CORE_GROUP = DEFAULT_TIMESCALES[TimescaleCode.FIRST_CORE_GROUP]


@pytest.mark.parametrize("amount", [0, 10, 15])
def test_a_working_together_timescale_may_be_kept_or_shortened(amount: int) -> None:
    assert length_errors(INITIAL_CONFERENCE, amount, Unit.WORKING_DAYS) == {}


def test_a_working_together_timescale_may_not_be_lengthened() -> None:
    assert length_errors(INITIAL_CONFERENCE, 16, Unit.WORKING_DAYS) == {
        "amount": "Working Together 2023 sets 15 working days as the longest this may take, "
        "so a local value cannot be longer than 15 working days"
    }


def test_a_working_together_timescale_keeps_its_national_unit() -> None:
    assert "unit" in length_errors(INITIAL_CONFERENCE, 2, Unit.WEEKS)
    assert "unit" in length_errors(DEFAULT_TIMESCALES[TimescaleCode.FIRST_REVIEW_CONFERENCE], 60, Unit.WORKING_DAYS)


@pytest.mark.parametrize(("amount", "unit"), [(5, Unit.WORKING_DAYS), (20, Unit.WORKING_DAYS), (3, Unit.WEEKS)])
def test_a_local_procedure_default_may_change_either_way_and_in_any_unit(amount: int, unit: Unit) -> None:
    assert length_errors(FIRST_CORE_GROUP, amount, unit) == {}


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        (-1, Unit.WORKING_DAYS, "The length must be 0 or more"),
        (366, Unit.WORKING_DAYS, "The length must be 365 working days or fewer"),
        (53, Unit.WEEKS, "The length must be 52 weeks or fewer"),
        (13, Unit.CALENDAR_MONTHS, "The length must be 12 calendar months or fewer"),
    ],
)
def test_the_amount_stays_within_a_sensible_range(amount: int, unit: Unit, message: str) -> None:
    assert length_errors(FIRST_CORE_GROUP, amount, unit) == {"amount": message}
