"""The agency extract a bulk run reads: its columns, and the cleaning of each value (pure).

An extract is a CSV file with a header row. Only `record_id` is required; the other known columns may be
missing or empty. A value that cannot be cleaned (not a date, an NHS number failing Modulus 11, not a UK
postcode, an unknown sex) counts as missing for that field, and the run warns naming its line and field and
the kind of problem, never the value: warnings go to logs and terminals, values are personal data.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from macpu.people.rules.cleaning import clean_date_of_birth, clean_nhs_number, clean_postcode
from macpu.people.rules.names import canonical_given, parts
from macpu.people.rules.nicknames import FULL_NAMES

RECORD_ID = "record_id"
FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number")
# Extra columns a run compares when the extract has them.
OPTIONAL_FIELDS = ("address",)
# The fields whose values are checked; names are folded, never rejected.
CHECKED_FIELDS = ("date_of_birth", "sex", "postcode", "nhs_number")

PROBLEMS = {
    "date_of_birth": "not a valid date of birth",
    "sex": "not a recognised sex (female, male, F, M, 1, 2)",
    "postcode": "not a valid UK postcode",
    "nhs_number": "not a valid NHS number (Modulus 11)",
}

# Sex as agencies code it (NHS Data Dictionary: 1 male, 2 female, 0 not known, 9 not specified).
_SEX = {"f": "female", "female": "female", "2": "female", "girl": "female", "m": "male", "male": "male", "1": "male"}
_SEX_UNKNOWN = {"u", "unknown", "not known", "not specified", "0", "9", "x", "i", "indeterminate", "other"}


class ExtractError(ValueError):
    """The file cannot be linked at all: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Cleaned:
    """A value as the model compares it (None: missing), and the kind of problem when it was rejected."""

    value: str | None
    problem: str | None = None


def check_header(columns: Sequence[str], file_name: str) -> tuple[str, ...]:
    """The header's columns in lower case, or ExtractError when `record_id` is missing or a column repeats."""
    names = tuple(column.strip().lower() for column in columns)
    if RECORD_ID not in names:
        shown = ", ".join(names[:12]) or "none"
        raise ExtractError(f"{file_name} has no {RECORD_ID} column (its header has: {shown})")
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise ExtractError(f"{file_name} has the column {', '.join(repeated)} more than once")
    return names


def clean(field: str, text: str | None, *, today: dt.date | None = None) -> Cleaned:
    """One raw value of a checked field, cleaned: an empty value is missing without a problem."""
    raw = (text or "").strip()
    if not raw:
        return Cleaned(None)
    try:
        if field == "date_of_birth":
            return Cleaned(clean_date_of_birth(raw, today=today).isoformat())
        if field == "postcode":
            return Cleaned(clean_postcode(raw))
        if field == "nhs_number":
            return Cleaned(clean_nhs_number(raw))
        if field == "sex":
            return _clean_sex(raw)
    except ValueError:
        return Cleaned(None, PROBLEMS[field])
    raise ValueError(f"{field} is not a checked field")


def _clean_sex(raw: str) -> Cleaned:
    folded = raw.lower()
    if folded in _SEX:
        return Cleaned(_SEX[folded])
    if folded in _SEX_UNKNOWN:
        return Cleaned(None)
    return Cleaned(None, PROBLEMS["sex"])


def clean_address(text: str | None) -> str | None:
    """An address compared as upper-case words: punctuation dropped, spaces collapsed; None when empty."""
    words = "".join(c if c.isalnum() else " " for c in (text or "").upper()).split()
    return " ".join(words) or None


def other_canonical_given(name: str) -> str:
    """The other full name an ambiguous familiar form stands for, or the canonical one ("" for no name).

    `canonical_given` keeps one full name per familiar form, so "Em" reaches Emily but not Emma, and "Sam"
    Samuel but not Samantha; the nickname level compares both forms of each side.
    """
    first = parts(name)[:1]
    if not first:
        return ""
    canonical = canonical_given(name)
    # At most two full names per familiar form (`nicknames.FULL_NAMES`), so "the other" is well defined.
    others = sorted(FULL_NAMES.get(first[0], frozenset()) - {canonical})
    return others[0] if others else canonical


def warning(file_name: str, line: int, field: str, problem: str) -> str:
    """The warning for one rejected value: file, line, field and problem; never the value."""
    return f"{file_name} line {line}: {field} is {problem}; treated as missing"


def duplicate_error(file_name: str, lines_by_id: Sequence[Sequence[int]]) -> ExtractError:
    """The error for record_ids used more than once, naming the lines (not the ids: they may identify people)."""
    shown = "; ".join("lines " + ", ".join(str(line) for line in lines) for lines in lines_by_id[:10])
    more = f" and {len(lines_by_id) - 10} more" if len(lines_by_id) > 10 else ""
    return ExtractError(f"{file_name}: the same {RECORD_ID} is used more than once ({shown}{more})")
