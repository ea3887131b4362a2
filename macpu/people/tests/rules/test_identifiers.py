import pytest

from macpu.people.rules.identifiers import (
    IdentifierError,
    format_nhs_number,
    nhs_number_warnings,
    normalise_nhs_number,
    normalise_upn,
    synthetic_nhs_number,
    upn_with_check_letter,
)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("9434765919", "9434765919"), ("943 476 5919", "9434765919"), ("654-100-3238", "6541003238")],
)
def test_accepts_valid_nhs_numbers_and_strips_separators(raw: str, stored: str) -> None:
    assert normalise_nhs_number(raw) == stored


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("9434765918", "the check digit does not match"),
        ("9876544321", "the check digit does not match"),
        ("1000000010", "no NHS number can start with these 9 digits"),
        ("1000000011", "no NHS number can start with these 9 digits"),
        ("12345", "must be 10 digits; this has 5"),
        ("94347659190", "must be 10 digits; this has 11"),
        ("94347A5919", "only digits"),
        ("", "Enter an NHS number"),
    ],
)
def test_refuses_invalid_nhs_numbers_saying_why(raw: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        normalise_nhs_number(raw)


def test_displays_nhs_number_as_3_3_4() -> None:
    assert format_nhs_number("9434765919") == "943 476 5919"


def test_flags_implausible_but_valid_nhs_numbers() -> None:
    assert nhs_number_warnings("0000000000", test_range_expected=False) == ["every digit is the same"]
    assert nhs_number_warnings("9990000018", test_range_expected=False) == [
        "the number is in the 999 test range, which is never issued"
    ]
    assert nhs_number_warnings("9990000018", test_range_expected=True) == []
    assert nhs_number_warnings("9434765919", test_range_expected=False) == []


def test_synthetic_nhs_numbers_are_valid_unique_and_in_the_test_range() -> None:
    numbers = [synthetic_nhs_number(serial) for serial in range(5000)]
    assert len(set(numbers)) == 5000
    assert all(number.startswith("999") and normalise_nhs_number(number) == number for number in numbers)


@pytest.mark.parametrize(("raw", "temporary"), [("B801200005001", False), ("P207000016049", False)])
def test_accepts_valid_upns(raw: str, temporary: bool) -> None:
    upn = normalise_upn(raw)
    assert (upn.value, upn.temporary, upn.la_code) == (raw, temporary, raw[1:4])


def test_accepts_a_temporary_upn_ending_in_a_letter() -> None:
    value = upn_with_check_letter("80120000500A")
    assert normalise_upn(value).temporary is True


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("A801200005001", "check letter does not match"),
        ("Q207000016049", "check letter does not match"),
        ("B80120000500", "must be 13 characters; this has 12"),
        ("B8012000050I1", "a letter, 11 digits"),
        ("B000200005001", "000 in a UPN is not a local authority number"),
    ],
)
def test_refuses_invalid_upns_saying_why(raw: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        normalise_upn(raw)
