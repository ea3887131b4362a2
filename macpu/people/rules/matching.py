"""Explained comparison of two descriptions of a person: the one engine search and the feed share (bulk linkage
compares the same fields at the same kinds of level on splink, and learns its weights: `linkage.rules.levels`).

Fellegi-Sunter: each field falls into one of a few ordered *levels* (agrees, a nickname, sounds the same, day
and month swapped, ...), and each level carries a match weight, log2(m/u): how much more often that level is
seen between two records of the same person (m) than between two records of different people (u). The sum
of the weights ranks candidates and says why, field by field. A missing value contributes nothing.

The weights (`WEIGHTS`) are set by hand in the order and about the proportions splink learns for the same levels
on synthetic extracts (`macpu link --save-model`; docs/linkage.md compares the two), but more cautious for
postcodes and dates: synthetic postcodes are spread over the country, while the children of one area share
few. Bulk linkage learns its own weights for each extract (`linkage.splink_settings`).

Two hard rules stand above any total (brief T16, ADR 0007): two valid NHS numbers that differ are two people;
the same family name and date of birth with a clearly different given name is a possible twin. Neither is ever a
probable duplicate. And a total decides only whether two records go to a person for review: macpu never links
records on names and date of birth alone (R6).
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import JaroWinkler

from macpu.people.rules.names import are_nicknames, fold, parts, phonetic

# Jaro-Winkler similarities of folded names: at or above SIMILAR a likely typing error; at or above ALIKE, alike.
SIMILAR = 0.92
ALIKE = 0.80


class Level(StrEnum):
    """The levels of every field, each once: `WEIGHTS` maps (field, level) to its match weight."""

    AGREES = "agrees"
    NICKNAME = "nickname"
    SIMILAR_SPELLING = "similar_spelling"
    SOUNDS_THE_SAME = "sounds_the_same"
    ONE_PART_OF_NAME = "one_part_of_name"
    ALIKE = "alike"
    INITIAL = "initial"
    SWAPPED = "day_and_month_swapped"
    ONE_PART_DIFFERS = "one_part_differs"
    SAME_DISTRICT = "same_district"
    DIFFERS = "differs"
    MISSING = "missing"


_TEXT = {
    Level.AGREES: "agrees",
    Level.NICKNAME: "a familiar form of the same name",
    Level.SIMILAR_SPELLING: "similar spelling (a likely typing error)",
    Level.SOUNDS_THE_SAME: "sounds the same (phonetic match)",
    Level.ONE_PART_OF_NAME: "one part of a double-barrelled name",
    Level.ALIKE: "alike",
    Level.INITIAL: "initial agrees",
    Level.SWAPPED: "day and month swapped",
    Level.ONE_PART_DIFFERS: "one part differs (a likely typing error)",
    Level.SAME_DISTRICT: "same district (a local move)",
    Level.DIFFERS: "differs",
    Level.MISSING: "missing",
}
# How a difference reads where a difference has a usual innocent cause.
_DIFFERS_TEXT = {
    "family_name": "differs (a changed surname?)",
    "postcode": "differs (moved?)",
    "nhs_number": "differs: different people",
}

# log2(m/u) of each level, set by hand as the module's docstring says.
WEIGHTS: dict[tuple[str, Level], float] = {
    ("nhs_number", Level.AGREES): 14.0,
    ("nhs_number", Level.DIFFERS): -14.0,
    ("given_name", Level.AGREES): 6.5,
    ("given_name", Level.NICKNAME): 5.0,
    ("given_name", Level.SIMILAR_SPELLING): 4.5,
    ("given_name", Level.SOUNDS_THE_SAME): 4.0,
    ("given_name", Level.ALIKE): 1.0,
    ("given_name", Level.INITIAL): 1.5,
    ("given_name", Level.DIFFERS): -5.5,
    ("family_name", Level.AGREES): 6.0,
    ("family_name", Level.SIMILAR_SPELLING): 4.5,
    ("family_name", Level.SOUNDS_THE_SAME): 4.0,
    ("family_name", Level.ONE_PART_OF_NAME): 3.5,
    ("family_name", Level.ALIKE): 0.5,
    ("family_name", Level.DIFFERS): -2.5,
    ("date_of_birth", Level.AGREES): 9.0,
    ("date_of_birth", Level.SWAPPED): 7.0,
    ("date_of_birth", Level.ONE_PART_DIFFERS): 3.5,
    ("date_of_birth", Level.DIFFERS): -6.0,
    ("postcode", Level.AGREES): 5.0,
    ("postcode", Level.SAME_DISTRICT): 2.0,
    ("postcode", Level.DIFFERS): -1.0,
    ("sex", Level.AGREES): 0.5,
    ("sex", Level.DIFFERS): -3.0,
}

# At or above this total, two records are a probable duplicate, for a person to review (brief T16).
PROBABLE_DUPLICATE = 14.0


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
    level: Level
    weight: float

    @property
    def outcome(self) -> str:
        """The level in words, as an explanation shows it."""
        if self.level == Level.DIFFERS:
            return _DIFFERS_TEXT.get(self.field, _TEXT[Level.DIFFERS])
        return _TEXT[self.level]

    def __str__(self) -> str:
        return f"{self.field}: {self.outcome} ({self.weight:+.1f})"


def _field(field: str, level: Level) -> FieldComparison:
    return FieldComparison(field, level, 0.0 if level == Level.MISSING else WEIGHTS[(field, level)])


@dataclass(frozen=True)
class MatchScore:
    comparisons: tuple[FieldComparison, ...]

    @property
    def total(self) -> float:
        return sum(comparison.weight for comparison in self.comparisons)

    def level(self, field: str) -> Level:
        return next((c.level for c in self.comparisons if c.field == field), Level.MISSING)

    @property
    def different_nhs_numbers(self) -> bool:
        return self.level("nhs_number") == Level.DIFFERS

    @property
    def possible_twin(self) -> bool:
        """The same family name and date of birth, a clearly different given name: a twin, not a match (T16)."""
        return (
            self.level("given_name") == Level.DIFFERS
            and self.level("family_name") in {Level.AGREES, Level.SIMILAR_SPELLING, Level.SOUNDS_THE_SAME}
            and self.level("date_of_birth") == Level.AGREES
        )

    @property
    def probable_duplicate(self) -> bool:
        return self.total >= PROBABLE_DUPLICATE and not self.different_nhs_numbers and not self.possible_twin

    def explanation(self) -> str:
        return "; ".join(str(comparison) for comparison in self.comparisons)

    def as_dict(self) -> dict[str, object]:
        return {
            "total": round(self.total, 2),
            "fields": [(c.field, c.outcome, c.weight) for c in self.comparisons],
            "levels": {c.field: str(c.level) for c in self.comparisons},
            "possible_twin": self.possible_twin,
        }


def name_similarity(left: str, right: str) -> float:
    return float(JaroWinkler.similarity(fold(left), fold(right)))


def _given_name(left: str, right: str) -> Level:
    a, b = fold(left), fold(right)
    if not a or not b:
        return Level.MISSING
    if a == b or parts(a)[:1] == parts(b)[:1]:
        return Level.AGREES
    if are_nicknames(a, b):
        return Level.NICKNAME
    similarity = name_similarity(a, b)
    if similarity >= SIMILAR:
        return Level.SIMILAR_SPELLING
    if phonetic(parts(a)[0]) == phonetic(parts(b)[0]):
        return Level.SOUNDS_THE_SAME
    if min(len(a), len(b)) == 1 and a[0] == b[0]:
        return Level.INITIAL
    return Level.ALIKE if similarity >= ALIKE else Level.DIFFERS


def _family_name(left: str, right: str) -> Level:
    a, b = fold(left), fold(right)
    if not a or not b:
        return Level.MISSING
    if a.replace(" ", "") == b.replace(" ", ""):
        return Level.AGREES
    similarity = name_similarity(a, b)
    if similarity >= SIMILAR:
        return Level.SIMILAR_SPELLING
    if phonetic(a) == phonetic(b):
        return Level.SOUNDS_THE_SAME
    if set(parts(a)) & set(parts(b)):
        return Level.ONE_PART_OF_NAME
    return Level.ALIKE if similarity >= ALIKE else Level.DIFFERS


def dates_swapped(left: dt.date, right: dt.date) -> bool:
    """The same date with day and month transposed (3/4 for 4/3)."""
    return left != right and (left.year, left.month, left.day) == (right.year, right.day, right.month)


def _date_of_birth(left: dt.date | None, right: dt.date | None) -> Level:
    if left is None or right is None:
        return Level.MISSING
    if left == right:
        return Level.AGREES
    if dates_swapped(left, right):
        return Level.SWAPPED
    same_parts = (left.year == right.year) + (left.month == right.month) + (left.day == right.day)
    return Level.ONE_PART_DIFFERS if same_parts == 2 else Level.DIFFERS


def _postcode(left: str, right: str) -> Level:
    a, b = left.replace(" ", "").upper(), right.replace(" ", "").upper()
    if not a or not b:
        return Level.MISSING
    if a == b:
        return Level.AGREES
    # The outward code is all but the last three characters (the inward code).
    return Level.SAME_DISTRICT if a[:-3] == b[:-3] else Level.DIFFERS


def _sex(left: str, right: str) -> Level:
    known = {"female", "male"}
    if left not in known or right not in known:
        return Level.MISSING
    return Level.AGREES if left == right else Level.DIFFERS


def _nhs_number(left: str, right: str) -> Level:
    if not left or not right:
        return Level.MISSING
    return Level.AGREES if left == right else Level.DIFFERS


def compare(incoming: Demographics, candidate: Demographics) -> MatchScore:
    """How far two descriptions agree, field by field, with reasons."""
    levels = (
        ("nhs_number", _nhs_number(incoming.nhs_number, candidate.nhs_number)),
        ("given_name", _given_name(incoming.given_name, candidate.given_name)),
        ("family_name", _family_name(incoming.family_name, candidate.family_name)),
        ("date_of_birth", _date_of_birth(incoming.date_of_birth, candidate.date_of_birth)),
        ("postcode", _postcode(incoming.postcode, candidate.postcode)),
        ("sex", _sex(incoming.sex, candidate.sex)),
    )
    return MatchScore(tuple(_field(field, level) for field, level in levels if level != Level.MISSING))


def names_and_date_of_birth_agree(incoming: Demographics, record: Demographics) -> bool:
    """Strict agreement, required before an unverified NHS number may link two records."""
    return (
        incoming.date_of_birth is not None
        and incoming.date_of_birth == record.date_of_birth
        and fold(incoming.given_name) == fold(record.given_name) != ""
        and fold(incoming.family_name).replace(" ", "") == fold(record.family_name).replace(" ", "") != ""
    )


def clearly_contradicts(incoming: Demographics, record: Demographics) -> bool:
    """Names and date of birth so different that even a verified NHS number should be checked by a person.

    A changed family name alone (adoption, marriage of a parent) or a swapped date is not a contradiction.
    """
    dob = _date_of_birth(incoming.date_of_birth, record.date_of_birth)
    return dob == Level.DIFFERS and _given_name(incoming.given_name, record.given_name) in {Level.DIFFERS, Level.ALIKE}
