"""The two hard rules applied on top of the model's scores, before pairs are written or clustered (ADR 0019).

1. Two records whose valid NHS numbers differ are never the same child, whatever the score.
2. Same family name and date of birth with a clearly different given name (not a nickname, not a similar
   or sound-alike spelling, not one letter apart, not an initial) is a possible twin: never a match.

Both read the levels splink found for the pair (its gamma values), so the SQL filter and the Python
predicate below are built from the same table.
"""

from enum import StrEnum

from macpu.linkage.rules.levels import DATE_OF_BIRTH, FAMILY_NAME, GIVEN_NAME, NHS_NUMBER

MISSING = -1
NHS_DIFFERS = NHS_NUMBER.gamma("different valid NHS numbers")
GIVEN_DIFFERS = GIVEN_NAME.gamma("differs")
FAMILY_DIFFERS = FAMILY_NAME.gamma("differs")
DOB_DIFFERS = DATE_OF_BIRTH.gamma("differs")


class Verdict(StrEnum):
    POSSIBLE_MATCH = "possible match"  # the model's score decides
    DIFFERENT_CHILDREN = "different children: their valid NHS numbers differ"
    POSSIBLE_TWIN = "possible twin: same family name and date of birth, a clearly different given name"


def verdict(*, nhs_number: int, given_name: int, family_name: int, dob: int) -> Verdict:
    """The hard rules' verdict on a pair from its levels (gamma values; -1 when a value is missing)."""
    if nhs_number == NHS_DIFFERS:
        return Verdict.DIFFERENT_CHILDREN
    if (
        given_name == GIVEN_DIFFERS
        and family_name not in (FAMILY_DIFFERS, MISSING)
        and dob
        not in (
            DOB_DIFFERS,
            MISSING,
        )
    ):
        return Verdict.POSSIBLE_TWIN
    return Verdict.POSSIBLE_MATCH


def may_match_sql() -> str:
    """The same rules as a SQL condition on splink's predictions: true for pairs the rules let through."""
    return (
        f"gamma_nhs_number <> {NHS_DIFFERS} and not (gamma_given_name = {GIVEN_DIFFERS} "
        f"and gamma_family_name not in ({FAMILY_DIFFERS}, {MISSING}) and gamma_dob not in ({DOB_DIFFERS}, {MISSING}))"
    )
