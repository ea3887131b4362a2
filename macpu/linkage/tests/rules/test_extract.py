"""Cleaning of extract values: a bad value is missing with a problem named, never the value itself."""

import datetime as dt

import pytest

from macpu.linkage.rules.extract import (
    PROBLEMS,
    Cleaned,
    ExtractError,
    check_header,
    clean,
    clean_address,
    duplicate_error,
    other_canonical_given,
    warning,
)
from macpu.people.rules.identifiers import synthetic_nhs_number
from macpu.people.rules.names import canonical_given

pytestmark = pytest.mark.pure

VALID_NHS = synthetic_nhs_number(7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-03-14", "2015-03-14"),
        ("14/03/2015", "2015-03-14"),
        ("14-03-2015", "2015-03-14"),
        ("20150314", "2015-03-14"),
        (" 2015-03-14 ", "2015-03-14"),
    ],
)
def test_dates_of_birth_in_iso_and_uk_forms(text: str, expected: str) -> None:
    assert clean("date_of_birth", text) == Cleaned(expected)


@pytest.mark.parametrize("text", ["31/02/2015", "2015-13-01", "03/14/2015", "yesterday", "1850-01-01"])
def test_an_invalid_date_is_missing_with_its_problem(text: str) -> None:
    assert clean("date_of_birth", text) == Cleaned(None, PROBLEMS["date_of_birth"])


def test_a_date_after_today_is_invalid() -> None:
    assert clean("date_of_birth", "2030-01-01", today=dt.date(2026, 11, 26)).value is None


def test_nhs_numbers_are_checked_by_modulus_11() -> None:
    assert clean("nhs_number", f"{VALID_NHS[:3]} {VALID_NHS[3:6]} {VALID_NHS[6:]}") == Cleaned(VALID_NHS)
    wrong_check = VALID_NHS[:9] + str((int(VALID_NHS[9]) + 1) % 10)
    assert clean("nhs_number", wrong_check) == Cleaned(None, PROBLEMS["nhs_number"])
    assert clean("nhs_number", "12345").problem == PROBLEMS["nhs_number"]


@pytest.mark.parametrize(("text", "expected"), [("ls1 4ap", "LS1 4AP"), ("SW1A1AA", "SW1A 1AA"), ("M1  1AE", "M1 1AE")])
def test_postcodes_are_normalised(text: str, expected: str) -> None:
    assert clean("postcode", text) == Cleaned(expected)


def test_a_postcode_not_in_uk_form_is_missing_with_its_problem() -> None:
    assert clean("postcode", "NOT KNOWN") == Cleaned(None, PROBLEMS["postcode"])


@pytest.mark.parametrize(("text", "expected"), [("F", "female"), ("Male", "male"), ("2", "female"), ("1", "male")])
def test_sex_in_the_forms_agencies_use(text: str, expected: str) -> None:
    assert clean("sex", text) == Cleaned(expected)


def test_an_unknown_sex_is_missing_quietly_and_nonsense_with_a_problem() -> None:
    assert clean("sex", "not known") == Cleaned(None)
    assert clean("sex", "q") == Cleaned(None, PROBLEMS["sex"])


@pytest.mark.parametrize("field", ["date_of_birth", "nhs_number", "postcode", "sex"])
def test_an_empty_value_is_missing_without_a_problem(field: str) -> None:
    assert clean(field, "  ") == Cleaned(None)
    assert clean(field, None) == Cleaned(None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Em", {"emma", "emily"}), ("SAM", {"samuel", "samantha"}), ("Emma", {"emma"}), ("Bill", {"william"})],
)
def test_an_ambiguous_familiar_form_keeps_both_full_names(name: str, expected: set[str]) -> None:
    assert {canonical_given(name), other_canonical_given(name)} == expected


def test_addresses_compare_as_upper_case_words() -> None:
    assert clean_address(" 12, High St.  ") == "12 HIGH ST"
    assert clean_address("  ") is None


def test_the_header_needs_a_record_id_and_no_repeated_columns() -> None:
    assert check_header(["Record_ID", " given_name "], "a.csv") == ("record_id", "given_name")
    with pytest.raises(ExtractError, match=r"a\.csv has no record_id column \(its header has: id, name\)"):
        check_header(["id", "name"], "a.csv")
    with pytest.raises(ExtractError, match="the column postcode more than once"):
        check_header(["record_id", "postcode", "postcode"], "a.csv")


def test_a_warning_names_file_line_field_and_problem_never_the_value() -> None:
    text = warning("a.csv", 17, "nhs_number", PROBLEMS["nhs_number"])
    assert text == "a.csv line 17: nhs_number is not a valid NHS number (Modulus 11); treated as missing"


def test_repeated_record_ids_are_named_by_their_lines() -> None:
    error = duplicate_error("a.csv", [[2, 9], [4, 5, 6]])
    assert str(error) == "a.csv: the same record_id is used more than once (lines 2, 9; lines 4, 5, 6)"
