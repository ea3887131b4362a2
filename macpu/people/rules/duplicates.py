"""Resolving a probable duplicate (brief T16, issue 8): what a reviewer is warned of, and how the score reads. Pure.

Twins are the largest source of false matches: two records whose valid NHS numbers differ are never the same
child (linking them is refused), and the same family name and date of birth with a clearly different given name is
a possible twin, not a match (a warning the reviewer must weigh).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number

FIELD_LABELS = {
    "nhs_number": "NHS number",
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "postcode": "Postcode",
    "sex": "Sex",
}

NHS_NUMBERS_DIFFER = (
    "The two records have different valid NHS numbers: they are different children and cannot be linked"
)
POSSIBLE_TWIN = (
    "Same family name and date of birth but a clearly different given name: this may be a twin, not the same child"
)
RELATED_TO_EACH_OTHER = "The two records are recorded as related to each other: they cannot be the same person"


@dataclass(frozen=True)
class ExplainedField:
    field: str
    label: str
    outcome: str
    weight: float


def valid_nhs_numbers(values: Iterable[str]) -> frozenset[str]:
    """The values that are valid NHS numbers (Modulus 11), as 10 digits; the others are left out."""
    valid = set()
    for value in values:
        try:
            valid.add(normalise_nhs_number(value))
        except IdentifierError:
            continue
    return frozenset(valid)


def nhs_numbers_conflict(left: Iterable[str], right: Iterable[str]) -> bool:
    """Both records hold valid NHS numbers, and none of them is the same: different children."""
    a, b = valid_nhs_numbers(left), valid_nhs_numbers(right)
    return bool(a) and bool(b) and not a & b


def explained_fields(explanation: dict[str, object]) -> list[ExplainedField]:
    """The stored per-field explanation of a score (`MatchScore.as_dict`) as rows a reviewer reads."""
    fields = explanation.get("fields", [])
    rows = []
    for item in fields if isinstance(fields, list) else []:
        if not isinstance(item, (list, tuple)) or len(item) != 3:
            continue
        field, outcome, weight = item
        rows.append(ExplainedField(str(field), FIELD_LABELS.get(str(field), str(field)), str(outcome), float(weight)))
    return rows
