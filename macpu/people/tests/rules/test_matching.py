import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macpu.people.rules.matching import (
    PROBABLE_DUPLICATE,
    WEIGHTS,
    Demographics,
    Level,
    clearly_contradicts,
    compare,
    dates_swapped,
    names_and_date_of_birth_agree,
)

pytestmark = pytest.mark.pure

MAISIE = Demographics("Maisie", "Whitmore", dt.date(2019, 3, 4), "female", "NB1 4AA")


def _levels(left: Demographics, right: Demographics) -> dict[str, Level]:
    return {c.field: c.level for c in compare(left, right).comparisons}


def test_the_same_person_spelled_differently_with_swapped_day_and_month_is_a_probable_duplicate() -> None:
    score = compare(Demographics("Maisy", "Whitmore", dt.date(2019, 4, 3), "female", "NB1 4AA"), MAISIE)
    assert score.probable_duplicate
    assert [c.outcome for c in score.comparisons] == [
        "sounds the same (phonetic match)",
        "agrees",
        "day and month swapped",
        "agrees",
        "agrees",
    ]
    assert "date_of_birth: day and month swapped (+7.0)" in score.explanation()


@pytest.mark.parametrize(
    ("left", "right", "field", "level"),
    [
        ("Bill", "William", "given_name", Level.NICKNAME),
        ("Alfie", "alfred", "given_name", Level.NICKNAME),
        ("MAISIE", "maisie", "given_name", Level.AGREES),
        ("Jonathon", "Jonathan", "given_name", Level.SIMILAR_SPELLING),
        ("Kaitlyn", "Caitlin", "given_name", Level.SOUNDS_THE_SAME),
        ("M", "Maisie", "given_name", Level.INITIAL),
        ("Oliver", "Maisie", "given_name", Level.DIFFERS),
        ("Smyth", "Smith", "family_name", Level.SOUNDS_THE_SAME),
        ("O'Brien", "OBRIEN", "family_name", Level.AGREES),
        ("Whitmore-Jones", "Jones", "family_name", Level.ONE_PART_OF_NAME),
        ("Whitmroe", "Whitmore", "family_name", Level.SIMILAR_SPELLING),
        ("Hill", "Whitmore", "family_name", Level.DIFFERS),
    ],
)
def test_names_fall_into_the_level_that_explains_how_they_differ(
    left: str, right: str, field: str, level: Level
) -> None:
    description = {field: left}
    other = {field: right}
    assert _levels(Demographics(**description), Demographics(**other)) == {field: level}  # type: ignore[arg-type]


def test_dates_and_postcodes_say_how_they_differ() -> None:
    assert _levels(Demographics(date_of_birth=dt.date(2019, 3, 14)), MAISIE)["date_of_birth"] == Level.ONE_PART_DIFFERS
    assert _levels(Demographics(date_of_birth=dt.date(2018, 7, 30)), MAISIE)["date_of_birth"] == Level.DIFFERS
    assert _levels(Demographics(postcode="nb14aa"), MAISIE)["postcode"] == Level.AGREES
    assert _levels(Demographics(postcode="NB1 9ZZ"), MAISIE)["postcode"] == Level.SAME_DISTRICT
    assert _levels(Demographics(postcode="LS2 7AB"), MAISIE)["postcode"] == Level.DIFFERS
    assert compare(Demographics(postcode="LS2 7AB"), MAISIE).comparisons[0].outcome == "differs (moved?)"


def test_a_twin_with_a_different_first_name_is_never_a_probable_duplicate_whatever_the_total() -> None:
    twin = Demographics("Oliver", "Whitmore", MAISIE.date_of_birth, "female", "NB1 4AA")
    score = compare(twin, MAISIE)
    assert score.possible_twin
    assert score.total >= PROBABLE_DUPLICATE  # the weights alone would say so: the rule stands above them
    assert not score.probable_duplicate


def test_different_valid_nhs_numbers_are_different_people_whatever_else_agrees() -> None:
    left = Demographics(**{**MAISIE.__dict__, "nhs_number": "9990000018"})
    right = Demographics(**{**MAISIE.__dict__, "nhs_number": "9990000026"})
    score = compare(left, right)
    assert score.different_nhs_numbers
    assert not score.probable_duplicate
    assert "nhs_number: differs: different people" in score.explanation()


def test_missing_fields_count_for_nothing() -> None:
    assert compare(Demographics(family_name="Whitmore"), MAISIE).total == WEIGHTS[("family_name", Level.AGREES)]
    assert compare(Demographics(), MAISIE).total == 0.0


def test_names_and_date_of_birth_must_agree_exactly_for_an_unverified_nhs_number() -> None:
    assert names_and_date_of_birth_agree(Demographics("maisie", "WHITMORE", dt.date(2019, 3, 4)), MAISIE)
    assert not names_and_date_of_birth_agree(Demographics("Maisy", "Whitmore", dt.date(2019, 3, 4)), MAISIE)
    assert not names_and_date_of_birth_agree(Demographics("Maisie", "Whitmore", dt.date(2019, 4, 3)), MAISIE)


def test_a_changed_family_name_does_not_contradict_a_verified_nhs_number() -> None:
    assert not clearly_contradicts(Demographics("Maisie", "Hill", dt.date(2019, 3, 4)), MAISIE)
    assert clearly_contradicts(Demographics("Jordan", "Okoro", dt.date(2011, 9, 17)), MAISIE)


def test_exact_names_and_date_of_birth_reach_review_but_link_nothing_by_themselves() -> None:
    alone = compare(Demographics("Maisie", "Whitmore", dt.date(2019, 3, 4)), MAISIE)
    assert alone.probable_duplicate  # a person reviews it: the feed never links on these alone (intake tests)


def test_a_changed_surname_with_the_rest_agreeing_is_still_a_probable_duplicate() -> None:
    assert compare(Demographics("Maisie", "Hill", dt.date(2019, 3, 4), "female", "NB1 4AA"), MAISIE).probable_duplicate


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_swapping_is_symmetric_and_never_matches_the_same_date(day: dt.date) -> None:
    if day.day <= 12:
        swapped = dt.date(day.year, day.day, day.month)
        assert dates_swapped(day, swapped) == dates_swapped(swapped, day) == (day != swapped)
    assert not dates_swapped(day, day)


_names = st.sampled_from(["Maisie", "Maisy", "Oliver", "Bill", "William", "", "M", "Smith-Jones", "Smyth", "Okoro"])


@given(_names, _names, _names, _names)
def test_comparison_is_symmetric(given_a: str, family_a: str, given_b: str, family_b: str) -> None:
    a, b = Demographics(given_a, family_a, MAISIE.date_of_birth), Demographics(given_b, family_b, dt.date(2019, 4, 3))
    assert compare(a, b).total == compare(b, a).total


@pytest.mark.parametrize(("short", "full"), [("Sam", "Samantha"), ("Sam", "Samuel"), ("Em", "Emma"), ("Em", "Emily")])
def test_a_familiar_form_of_two_names_is_taken_for_either(short: str, full: str) -> None:
    assert _levels(Demographics(given_name=short), Demographics(given_name=full)) == {"given_name": Level.NICKNAME}
