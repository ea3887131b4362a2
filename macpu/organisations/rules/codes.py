"""Validation of organisation codes: each answer is None (valid) or what is wrong, for a person to read."""

import re

from macpu.organisations.rules.vocabulary import SCHOOL_TYPES, OrganisationType

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")
_URN = re.compile(r"^\d{6,7}$")
_LA_CODE = re.compile(r"^\d{3}$")


def normalise_code(raw: str) -> str:
    return raw.strip().upper()


def code_problem(code: str, organisation_type: OrganisationType | None) -> str | None:
    """What is wrong with an organisation's primary code, or None."""
    if not code:
        return "is required"
    if not _CODE.match(code):
        return "must be 2 to 20 letters, digits or hyphens, starting with a letter or digit"
    if organisation_type in SCHOOL_TYPES and not _URN.match(code):
        return "must be the school's URN: 6 or 7 digits"
    return None


def la_code_problem(la_code: str) -> str | None:
    """What is wrong with a local authority code (the DfE 3-digit LA number, as in UPNs), or None."""
    if la_code and not _LA_CODE.match(la_code):
        return "must be the 3-digit DfE local authority number, for example 801"
    return None
