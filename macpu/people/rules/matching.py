"""Explained comparison of two descriptions of a person, for matching records agencies spell differently.

Each field contributes a weight (in the spirit of Fellegi-Sunter match weights:
positive when the fields agree, negative when they disagree, nothing when one
is missing), and says why. The total decides only whether two records are a
*probable duplicate* for a person to review: macpu never links records on names
and date of birth alone (R6; brief T16). Linkage at scale (the linkage issue)
extends this module rather than replacing it.
"""

import datetime as dt
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

# At or above this total, two records are a probable duplicate, for a person to review.
PROBABLE_DUPLICATE = 8.0
SIMILAR_NAME = 0.88
SAME_NAME = 0.97


@dataclass(frozen=True)
class Demographics:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    sex: str = ""
    postcode: str = ""
    nhs_number: str = ""


@dataclass(frozen=True)
class FieldComparison:
    field: str
    outcome: str
    weight: float

    def __str__(self) -> str:
        return f"{self.field}: {self.outcome} ({self.weight:+.1f})"


@dataclass(frozen=True)
class MatchScore:
    comparisons: tuple[FieldComparison, ...]

    @property
    def total(self) -> float:
        return sum(comparison.weight for comparison in self.comparisons)

    @property
    def probable_duplicate(self) -> bool:
        return self.total >= PROBABLE_DUPLICATE

    def explanation(self) -> str:
        return "; ".join(str(comparison) for comparison in self.comparisons)

    def as_dict(self) -> dict[str, object]:
        return {"total": round(self.total, 2), "fields": [(c.field, c.outcome, c.weight) for c in self.comparisons]}


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("'", "").split())


def name_similarity(left: str, right: str) -> float:
    return float(JaroWinkler.similarity(_fold(left), _fold(right)))


def _name(field: str, left: str, right: str, *, differ_weight: float) -> FieldComparison:
    if not left or not right:
        return FieldComparison(field, "missing", 0.0)
    similarity = name_similarity(left, right)
    if similarity >= SAME_NAME:
        return FieldComparison(field, "agrees", 4.0)
    if similarity >= SIMILAR_NAME:
        return FieldComparison(field, f"similar spelling ({similarity:.2f})", 2.5)
    if _fold(left)[:1] == _fold(right)[:1] and min(len(left), len(right)) == 1:
        return FieldComparison(field, "initial agrees", 1.0)
    return FieldComparison(field, "differs", differ_weight)


def dates_swapped(left: dt.date, right: dt.date) -> bool:
    """The same date with day and month transposed (3/4 for 4/3)."""
    return left != right and (left.year, left.month, left.day) == (right.year, right.day, right.month)


def _date_of_birth(left: dt.date | None, right: dt.date | None) -> FieldComparison:
    if left is None or right is None:
        return FieldComparison("date_of_birth", "missing", 0.0)
    if left == right:
        return FieldComparison("date_of_birth", "agrees", 5.0)
    if dates_swapped(left, right):
        return FieldComparison("date_of_birth", "day and month swapped", 3.5)
    same_parts = (left.year == right.year) + (left.month == right.month) + (left.day == right.day)
    if same_parts == 2:
        return FieldComparison("date_of_birth", "one part differs (a likely typing error)", 2.0)
    return FieldComparison("date_of_birth", "differs", -5.0)


def _postcode(left: str, right: str) -> FieldComparison:
    if not left or not right:
        return FieldComparison("postcode", "missing", 0.0)
    if left.replace(" ", "") == right.replace(" ", ""):
        return FieldComparison("postcode", "agrees", 2.0)
    if left.split(" ")[0] == right.split(" ")[0]:
        return FieldComparison("postcode", "same district", 1.0)
    # Families move: a different postcode is weak evidence of a different person.
    return FieldComparison("postcode", "differs", -0.5)


def _sex(left: str, right: str) -> FieldComparison:
    known = {"female", "male"}
    if left not in known or right not in known:
        return FieldComparison("sex", "missing", 0.0)
    return FieldComparison("sex", "agrees", 0.5) if left == right else FieldComparison("sex", "differs", -2.0)


def compare(incoming: Demographics, candidate: Demographics) -> MatchScore:
    """How far two descriptions agree, field by field, with reasons."""
    if incoming.nhs_number and candidate.nhs_number and incoming.nhs_number != candidate.nhs_number:
        # Two valid NHS numbers that differ are two people (twins are the classic false match).
        return MatchScore((FieldComparison("nhs_number", "differs: different people", -100.0),))
    return MatchScore(
        (
            # A clearly different first name with the same surname and birthday is a possible twin.
            _name("given_name", incoming.given_name, candidate.given_name, differ_weight=-6.0),
            _name("family_name", incoming.family_name, candidate.family_name, differ_weight=-3.0),
            _date_of_birth(incoming.date_of_birth, candidate.date_of_birth),
            _postcode(incoming.postcode, candidate.postcode),
            _sex(incoming.sex, candidate.sex),
        )
    )


def names_and_date_of_birth_agree(incoming: Demographics, record: Demographics) -> bool:
    """Strict agreement, required before an unverified NHS number may link two records."""
    return (
        incoming.date_of_birth is not None
        and incoming.date_of_birth == record.date_of_birth
        and name_similarity(incoming.given_name, record.given_name) >= SAME_NAME
        and name_similarity(incoming.family_name, record.family_name) >= SAME_NAME
    )


def clearly_contradicts(incoming: Demographics, record: Demographics) -> bool:
    """Names and date of birth so different that even a verified NHS number should be checked by a person.

    A changed family name alone (adoption, marriage of a parent) or a swapped date is not a contradiction.
    """
    dob = _date_of_birth(incoming.date_of_birth, record.date_of_birth)
    given = _name("given_name", incoming.given_name, record.given_name, differ_weight=-1.0)
    family = _name("family_name", incoming.family_name, record.family_name, differ_weight=-1.0)
    dob_differs = dob.outcome == "differs"
    names_differ = given.outcome == "differs" and family.outcome == "differs"
    return dob_differs and (given.outcome == "differs" or names_differ)
