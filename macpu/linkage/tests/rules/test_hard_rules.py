"""The hard rules: differing valid NHS numbers are different children; a possible twin is never a match."""

import duckdb
import pytest

from macpu.linkage.rules.hard_rules import MISSING, Verdict, may_match_sql, verdict
from macpu.linkage.rules.levels import COMPARISONS, DATE_OF_BIRTH, FAMILY_NAME, GIVEN_NAME, NHS_NUMBER

pytestmark = pytest.mark.pure

NHS_AGREES, NHS_DIFFERS = NHS_NUMBER.gamma("agrees"), NHS_NUMBER.gamma("different valid NHS numbers")
GIVEN = {label: GIVEN_NAME.gamma(label) for label in (lv.label for lv in GIVEN_NAME.levels)}
FAMILY_AGREES, FAMILY_DIFFERS = FAMILY_NAME.gamma("agrees"), FAMILY_NAME.gamma("differs")
DOB_AGREES, DOB_SWAPPED, DOB_DIFFERS = (
    DATE_OF_BIRTH.gamma("agrees"),
    DATE_OF_BIRTH.gamma("day and month swapped"),
    DATE_OF_BIRTH.gamma("differs"),
)


def test_levels_count_down_to_differs_at_zero() -> None:
    assert GIVEN["agrees"] == len(GIVEN_NAME.levels) - 1
    assert GIVEN["differs"] == 0
    for comparison in COMPARISONS:
        assert comparison.levels[-1].kind == "else"


CASES = [
    # (nhs, given, family, dob) -> verdict
    ((NHS_DIFFERS, GIVEN["agrees"], FAMILY_AGREES, DOB_AGREES), Verdict.DIFFERENT_CHILDREN),
    ((MISSING, GIVEN["differs"], FAMILY_AGREES, DOB_AGREES), Verdict.POSSIBLE_TWIN),
    ((MISSING, GIVEN["differs"], FAMILY_NAME.gamma("similar spelling"), DOB_SWAPPED), Verdict.POSSIBLE_TWIN),
    ((NHS_AGREES, GIVEN["differs"], FAMILY_AGREES, DOB_AGREES), Verdict.POSSIBLE_TWIN),
    ((MISSING, GIVEN["nickname of the same name"], FAMILY_AGREES, DOB_AGREES), Verdict.POSSIBLE_MATCH),
    ((MISSING, GIVEN["sounds the same"], FAMILY_AGREES, DOB_AGREES), Verdict.POSSIBLE_MATCH),
    ((MISSING, GIVEN["initial agrees"], FAMILY_AGREES, DOB_AGREES), Verdict.POSSIBLE_MATCH),
    ((MISSING, GIVEN["differs"], FAMILY_DIFFERS, DOB_AGREES), Verdict.POSSIBLE_MATCH),  # not the same family
    ((MISSING, GIVEN["differs"], FAMILY_AGREES, DOB_DIFFERS), Verdict.POSSIBLE_MATCH),  # not the same birthday
    ((MISSING, GIVEN["differs"], MISSING, DOB_AGREES), Verdict.POSSIBLE_MATCH),
    ((NHS_AGREES, GIVEN["agrees"], FAMILY_AGREES, DOB_AGREES), Verdict.POSSIBLE_MATCH),
]


@pytest.mark.parametrize(("levels", "expected"), CASES)
def test_verdict(levels: tuple[int, int, int, int], expected: Verdict) -> None:
    nhs, given, family, dob = levels
    assert verdict(nhs_number=nhs, given_name=given, family_name=family, dob=dob) == expected


def test_the_sql_filter_lets_through_exactly_the_possible_matches() -> None:
    rows = ", ".join(f"({n}, {g}, {f}, {d})" for (n, g, f, d), _ in CASES)
    connection = duckdb.connect()
    kept = connection.sql(
        f"select gamma_nhs_number, gamma_given_name, gamma_family_name, gamma_dob from (values {rows}) "  # noqa: S608  # names are our own; values bound
        f"as p(gamma_nhs_number, gamma_given_name, gamma_family_name, gamma_dob) where {may_match_sql()}"
    ).fetchall()
    assert set(kept) == {levels for levels, expected in CASES if expected == Verdict.POSSIBLE_MATCH}
