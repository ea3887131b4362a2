import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from macpu.people.rules.matching import (
    PROBABLE_DUPLICATE,
    Demographics,
    clearly_contradicts,
    compare,
    dates_swapped,
    names_and_date_of_birth_agree,
)

MAISIE = Demographics("Maisie", "Whitmore", dt.date(2019, 3, 4), "female", "NB1 4AA")


def test_the_same_person_spelled_differently_with_swapped_day_and_month_is_a_probable_duplicate() -> None:
    score = compare(Demographics("Maisy", "Whitmore", dt.date(2019, 4, 3), "female", "NB1 4AA"), MAISIE)
    assert score.probable_duplicate
    assert [c.outcome for c in score.comparisons] == [
        "similar spelling (0.89)",
        "agrees",
        "day and month swapped",
        "agrees",
        "agrees",
    ]
    assert "date_of_birth: day and month swapped (+3.5)" in score.explanation()


def test_a_twin_with_a_different_first_name_is_not_a_probable_duplicate() -> None:
    twin = Demographics("Oliver", "Whitmore", MAISIE.date_of_birth, "male", "NB1 4AA")
    assert not compare(twin, MAISIE).probable_duplicate


def test_different_valid_nhs_numbers_are_different_people_whatever_else_agrees() -> None:
    left = Demographics(**{**MAISIE.__dict__, "nhs_number": "9990000018"})
    right = Demographics(**{**MAISIE.__dict__, "nhs_number": "9990000026"})
    assert compare(left, right).total < 0


def test_missing_fields_count_for_nothing() -> None:
    assert compare(Demographics(family_name="Whitmore"), MAISIE).total == 4.0
    assert compare(Demographics(), MAISIE).total == 0.0


def test_names_and_date_of_birth_must_agree_exactly_for_an_unverified_nhs_number() -> None:
    assert names_and_date_of_birth_agree(Demographics("maisie", "WHITMORE", dt.date(2019, 3, 4)), MAISIE)
    assert not names_and_date_of_birth_agree(Demographics("Maisy", "Whitmore", dt.date(2019, 3, 4)), MAISIE)
    assert not names_and_date_of_birth_agree(Demographics("Maisie", "Whitmore", dt.date(2019, 4, 3)), MAISIE)


def test_a_changed_family_name_does_not_contradict_a_verified_nhs_number() -> None:
    assert not clearly_contradicts(Demographics("Maisie", "Hill", dt.date(2019, 3, 4)), MAISIE)
    assert clearly_contradicts(Demographics("Jordan", "Okoro", dt.date(2011, 9, 17)), MAISIE)


def test_threshold_is_met_by_exact_names_and_date_of_birth_alone_so_these_never_link_by_themselves() -> None:
    # Names and date of birth alone reach the probable-duplicate threshold, and no further.
    alone = compare(Demographics("Maisie", "Whitmore", dt.date(2019, 3, 4)), MAISIE)
    assert alone.total == 13.0 >= PROBABLE_DUPLICATE


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_swapping_is_symmetric_and_never_matches_the_same_date(day: dt.date) -> None:
    if day.day <= 12:
        swapped = dt.date(day.year, day.day, day.month)
        assert dates_swapped(day, swapped) == dates_swapped(swapped, day) == (day != swapped)
    assert not dates_swapped(day, day)
