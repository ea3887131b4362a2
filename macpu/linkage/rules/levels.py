"""The comparison levels of the Fellegi-Sunter model, as data (ADR 0019): one table, read by the splink settings.

Each field has its levels, most specific first; the last is always "differs" (splink's else level). A
missing value on either side is splink's null level and contributes nothing. Conditions are written in
DuckDB's SQL on the cleaned columns (`name_l`, `name_r`); kinds other than "custom" are splink's own
dialect-aware levels, so the same table runs on Spark. Splink numbers the levels of a comparison downwards
(its gamma value): the first level gets the highest, "differs" gets 0, a missing value -1.
"""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["exact", "custom", "jaro_winkler", "damerau_levenshtein", "within_a_year", "else"]


@dataclass(frozen=True)
class Level:
    label: str
    kind: Kind
    column: str = ""
    sql: str = ""  # the condition, for kind "custom"
    threshold: float = 0.0  # for the similarity kinds
    term_frequency: bool = False  # adjust the weight by how common the value is (exact levels only)


@dataclass(frozen=True)
class Comparison:
    name: str  # splink's output column name: gamma_<name> in its predictions
    null_column: str  # the column whose absence makes the comparison missing
    levels: tuple[Level, ...]

    def gamma(self, label: str) -> int:
        """Splink's comparison vector value of the level with this label."""
        labels = [level.label for level in self.levels]
        return len(labels) - 1 - labels.index(label)

    @property
    def columns(self) -> tuple[str, ...]:
        """The cleaned columns this comparison reads."""
        seen = [self.null_column, *(level.column for level in self.levels if level.column)]
        return tuple(dict.fromkeys(seen))


DIFFERS = Level("differs", "else")

NHS_NUMBER = Comparison(
    "nhs_number",
    "nhs_number",
    (Level("agrees", "exact", "nhs_number"), Level("different valid NHS numbers", "else")),
)
GIVEN_NAME = Comparison(
    "given_name",
    "given_name",
    (
        Level("agrees", "exact", "given_name", term_frequency=True),
        Level(
            "nickname of the same name",
            "custom",
            "given_canon",
            # An ambiguous familiar form (Em: Emma or Emily) has two full names: any of them may agree.
            sql="given_canon_l = given_canon_r or given_canon_l = given_canon_alt_r "
            "or given_canon_alt_l = given_canon_r or given_canon_alt_l = given_canon_alt_r",
        ),
        Level("similar spelling", "jaro_winkler", "given_name", threshold=0.92),
        Level("sounds the same", "custom", "given_mp", sql="given_mp_l = given_mp_r"),
        Level("alike", "jaro_winkler", "given_name", threshold=0.80),
        Level(
            "initial agrees",
            "custom",
            "given_initial",
            sql="(length(given_name_l) = 1 or length(given_name_r) = 1) and given_initial_l = given_initial_r",
        ),
        # A short name with one typo (Roy and Ryo, Amy and Ay) is not alike by Jaro-Winkler.
        Level("one letter differs", "damerau_levenshtein", "given_name", threshold=1),
        DIFFERS,
    ),
)
FAMILY_NAME = Comparison(
    "family_name",
    "family_name",
    (
        Level("agrees", "exact", "family_name", term_frequency=True),
        Level("similar spelling", "jaro_winkler", "family_name", threshold=0.92),
        Level("sounds the same", "custom", "family_mp", sql="family_mp_l = family_mp_r"),
        Level(
            "one part of a double-barrelled name",
            "custom",
            "family_name",
            sql="family_first_l = family_first_r or family_last_l = family_last_r",
        ),
        Level("alike", "jaro_winkler", "family_name", threshold=0.80),
        DIFFERS,
    ),
)
DATE_OF_BIRTH = Comparison(
    "dob",
    "dob",
    (
        Level("agrees", "exact", "dob"),
        Level(
            "day and month swapped",
            "custom",
            "dob",
            sql="year(dob_l) = year(dob_r) and month(dob_l) = day(dob_r) and day(dob_l) = month(dob_r)",
        ),
        Level(
            "a year apart, same day and month",
            "custom",
            "dob",
            sql="month(dob_l) = month(dob_r) and day(dob_l) = day(dob_r) and abs(year(dob_l) - year(dob_r)) = 1",
        ),
        Level(
            "month differs, same year and day",
            "custom",
            "dob",
            sql="year(dob_l) = year(dob_r) and day(dob_l) = day(dob_r)",
        ),
        Level("one character differs", "damerau_levenshtein", "dob_s", threshold=1),
        Level(
            "one part differs",
            "custom",
            "dob",
            sql="(case when year(dob_l) = year(dob_r) then 1 else 0 end + case when month(dob_l) = month(dob_r) "
            "then 1 else 0 end + case when day(dob_l) = day(dob_r) then 1 else 0 end) = 2",
        ),
        Level("within a year", "within_a_year", "dob"),
        DIFFERS,
    ),
)
POSTCODE = Comparison(
    "postcode",
    "postcode",
    (
        Level("agrees", "exact", "postcode", term_frequency=True),
        Level("same district", "exact", "postcode_district"),
        DIFFERS,
    ),
)
SEX = Comparison("sex", "sex", (Level("agrees", "exact", "sex"), DIFFERS))
ADDRESS = Comparison(
    "address",
    "address",
    (
        Level("agrees", "exact", "address", term_frequency=True),
        Level("similar", "jaro_winkler", "address", threshold=0.90),
        DIFFERS,
    ),
)

COMPARISONS: tuple[Comparison, ...] = (NHS_NUMBER, GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH, POSTCODE, SEX)
# Compared only when the extract has the column.
OPTIONAL_COMPARISONS: dict[str, Comparison] = {"address": ADDRESS}

# A level that never occurs among true matches in training gets m = 0, an infinite negative weight that no
# agreement elsewhere can outweigh. Fixing m keeps a mistyped sex ordinary evidence (ADR 0019); the NHS
# number needs none: differing valid numbers are a hard rule anyway.
FIXED_M: dict[tuple[str, str], float] = {("sex", "differs"): 0.01}
