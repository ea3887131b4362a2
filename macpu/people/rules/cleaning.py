"""Cleaning of the values agencies send in extracts and searches: dates of birth, NHS numbers and postcodes.

Each function returns the clean value or raises ValueError saying what is wrong. A bulk run treats a value it
cannot clean as missing for that field and warns with its row (docs/linkage.md); a search form shows the reason.
"""

import datetime as dt
import re

from macpu.people.rules.identifiers import normalise_nhs_number

# The forms agencies send, ISO 8601 first; day-first UK forms; never month-first (US) forms.
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y%m%d", "%d.%m.%Y")
# The UK postcode pattern (outward code, then inward code), with GIR 0AA; spaces optional on the way in.
_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$")


def clean_date_of_birth(text: str, *, today: dt.date | None = None) -> dt.date:
    """A date of birth from ISO 8601 (a date-time keeps its date), dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyymmdd."""
    value = (text or "").strip()
    if not value:
        raise ValueError("no date")
    if "T" in value[:11] and len(value) > 10:
        value = value[:10]
    for form in _DATE_FORMATS:
        try:
            born = dt.datetime.strptime(value, form).date()  # noqa: DTZ007 - a date, no time zone
        except ValueError:
            continue
        if born.year < 1900:
            raise ValueError("a date before 1900")
        if today is not None and born > today:
            raise ValueError("a date in the future")
        return born
    raise ValueError("not a date in a known form (yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy, yyyymmdd)")


def clean_nhs_number(text: str) -> str:
    """Ten digits with a valid Modulus 11 check digit (spaces and hyphens allowed on the way in)."""
    return normalise_nhs_number(text)


def clean_postcode(text: str) -> str:
    """A UK postcode in capitals with one space before the inward code: "ab12cd" -> "AB1 2CD"."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if not compact:
        raise ValueError("no postcode")
    if not _POSTCODE.match(compact):
        raise ValueError("not a UK postcode")
    return f"{compact[:-3]} {compact[-3:]}"
