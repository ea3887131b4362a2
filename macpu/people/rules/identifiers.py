"""Children's identifiers: NHS number (NHS Data Dictionary, Modulus 11) and UPN (DfE, check letter).

See docs/domain/identifiers.md and R2 to R5 of the brief. Validation uses the
`nhs-number` and `python-stdnum` libraries; this module turns their answers
into messages a person can act on.
"""

import re
from dataclasses import dataclass

from nhs_number.validate import calculate_checksum, is_valid
from stdnum import exceptions as stdnum_errors
from stdnum.gb import upn

_SEPARATORS = re.compile(r"[\s-]")
TEST_RANGE_PREFIX = "999"


class IdentifierError(ValueError):
    """The value is not a valid identifier; the message says why."""


def normalise_nhs_number(raw: str) -> str:
    """The NHS number as 10 digits, or IdentifierError saying what is wrong (R2)."""
    digits = _SEPARATORS.sub("", raw or "")
    if not digits:
        raise IdentifierError("Enter an NHS number")
    if not digits.isdigit():
        raise IdentifierError("An NHS number must contain only digits, spaces and hyphens")
    if len(digits) != 10:
        raise IdentifierError(f"An NHS number must be 10 digits; this has {len(digits)}")
    if calculate_checksum(digits[:9]) == 10:
        raise IdentifierError("This is not a valid NHS number: no NHS number can start with these 9 digits")
    if not is_valid(digits):
        raise IdentifierError("This is not a valid NHS number: the check digit does not match")
    return digits


def format_nhs_number(digits: str) -> str:
    """Display as 3-3-4 (R4): 943 476 5919."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def nhs_number_warnings(digits: str, *, test_range_expected: bool) -> list[str]:
    """Reasons a checksum-valid number is implausible (R3): accepted, but flagged."""
    warnings = []
    if len(set(digits)) == 1:
        warnings.append("every digit is the same")
    if digits.startswith(TEST_RANGE_PREFIX) and not test_range_expected:
        warnings.append("the number is in the 999 test range, which is never issued")
    return warnings


def synthetic_nhs_number(serial: int) -> str:
    """The `serial`-th valid NHS number in the 999 test range (serial from 0), for synthetic data."""
    if not 0 <= serial < 500_000:
        raise ValueError("serial must be from 0 to 499,999")
    # Two neighbouring stems differ by 2 in their weighted sum, so at most one has no check digit.
    for stem in (f"{TEST_RANGE_PREFIX}{2 * serial:06d}", f"{TEST_RANGE_PREFIX}{2 * serial + 1:06d}"):
        check = calculate_checksum(stem)
        if check != 10:
            return f"{stem}{check}"
    raise AssertionError("unreachable: one of two neighbouring stems always has a check digit")


@dataclass(frozen=True)
class Upn:
    value: str
    temporary: bool
    la_code: str


def normalise_upn(raw: str) -> Upn:
    """A Unique Pupil Number checked for length, format, LA number and check letter (R5)."""
    value = _SEPARATORS.sub("", raw or "").upper()
    if not value:
        raise IdentifierError("Enter a UPN")
    try:
        upn.validate(value)
    except stdnum_errors.InvalidLength as error:
        raise IdentifierError(f"A UPN must be 13 characters; this has {len(value)}") from error
    except stdnum_errors.InvalidFormat as error:
        raise IdentifierError("A UPN must be a letter, 11 digits, then a digit or letter (not I, O or S)") from error
    except stdnum_errors.InvalidComponent as error:
        raise IdentifierError(f"{value[1:4]} in a UPN is not a local authority number") from error
    except stdnum_errors.InvalidChecksum as error:
        raise IdentifierError("This is not a valid UPN: the check letter does not match") from error
    return Upn(value=value, temporary=value[-1].isalpha(), la_code=value[1:4])


def upn_with_check_letter(body: str) -> str:
    """Prefix the correct check letter to the last 12 characters of a UPN (for synthetic data)."""
    return upn.calc_check_digit(body) + body
