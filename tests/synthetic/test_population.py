"""The generated population: deterministic, and shaped like real families."""

import datetime as dt
from collections import Counter
from functools import cache

import pytest
from stdnum.gb import upn

from macpu.people.models import RelationshipType, Sex
from macpu.people.rules.identifiers import normalise_nhs_number
from macpu.synthetic import area
from macpu.synthetic.population import Adult, Child, Kinship, Population, generate_population

pytestmark = pytest.mark.pure

START = dt.date(2026, 5, 1)
PARENT_OR_CARER = {Kinship.MOTHER, Kinship.FATHER, Kinship.STEP_PARENT, Kinship.PARENT_PARTNER, Kinship.GRANDPARENT}


@cache
def population() -> Population:
    return generate_population(children=600, seed=7, start_date=START)


def test_same_seed_gives_the_same_population() -> None:
    assert generate_population(children=120, seed=11, start_date=START) == generate_population(
        children=120, seed=11, start_date=START
    )


def test_a_different_seed_gives_a_different_population() -> None:
    assert generate_population(children=120, seed=11, start_date=START) != generate_population(
        children=120, seed=12, start_date=START
    )


def test_the_population_has_exactly_the_children_asked_for_in_about_half_as_many_families() -> None:
    people = population()
    assert len(people.children) == 600
    assert 200 <= len(people.families) <= 400
    assert len({child.local_id for child in people.children}) == 600


def test_every_child_has_a_mother() -> None:
    people = population()
    mothers = {tie.child_id for tie in people.ties if tie.kinship == Kinship.MOTHER}
    assert mothers == {child.local_id for child in people.children}


def test_every_born_child_lives_with_a_parent_or_carer_now() -> None:
    people = population()
    living_with = {
        tie.child_id
        for tie in people.ties
        if tie.kinship in PARENT_OR_CARER and tie.lives_with and tie.valid_to is None
    }
    assert {child.local_id for child in people.children if not child.is_unborn} <= living_with


def test_full_siblings_share_a_household_and_some_half_siblings_live_apart() -> None:
    people = population()
    children = {child.local_id: child for child in people.children}
    siblings = [tie for tie in people.ties if tie.kinship == Kinship.SIBLING]
    assert siblings
    for tie in siblings:
        child, other = children[tie.child_id], children[tie.relative_id]
        if child.residences and other.residences:
            assert child.residences[-1].household_id == other.residences[-1].household_id
    assert any(tie.kinship == Kinship.HALF_SIBLING and not tie.lives_with for tie in people.ties)


def test_the_hidden_adult_pattern_and_grandparents_who_live_elsewhere_occur() -> None:
    people = population()
    two_years_ago = START - dt.timedelta(days=731)
    assert any(
        t.kinship == Kinship.PARENT_PARTNER and t.lives_with and t.valid_from and t.valid_from > two_years_ago
        for t in people.ties
    )
    assert any(t.kinship == Kinship.GRANDPARENT and not t.lives_with for t in people.ties)


def test_nhs_numbers_are_unique_valid_and_in_the_test_range() -> None:
    people = population()
    numbers = [c.nhs_number for c in people.children if c.nhs_number] + [
        a.nhs_number for a in people.adults if a.nhs_number
    ]
    assert len(numbers) == len(set(numbers))
    assert all(number.startswith("999") for number in numbers)
    assert all(normalise_nhs_number(number) == number for number in numbers)  # raises if a check digit is wrong
    assert all(child.nhs_number for child in people.children if not child.is_unborn)
    assert sum(1 for adult in people.adults if adult.nhs_number) > 0.8 * len(people.adults)


def test_school_age_children_have_valid_unique_upns_from_northbridge_and_a_school() -> None:
    people = population()
    upns = [child.upn for child in people.children if child.upn]
    assert upns
    assert len(upns) == len(set(upns))
    for value in upns:
        assert upn.is_valid(value)
        assert value[1:4] == area.NORTHBRIDGE_LA_CODE
    school_codes = {school.urn for school in area.SCHOOLS} | {area.COLLEGE_CODE}
    on_roll = [child.school_code for child in people.children if child.school_code]
    assert on_roll
    assert set(on_roll) <= school_codes


def test_ages_are_0_to_17_and_under_fives_have_health_visiting() -> None:
    people = population()
    ages = Counter(age for child in people.children if (age := child.age_on(START)) is not None)
    assert min(ages) == 0
    assert max(ages) == 17
    for child in people.children:
        if not child.is_unborn:
            assert child.health_visiting == ((child.age_on(START) or 0) < 5)


def test_every_born_person_has_a_gp_practice_and_an_address() -> None:
    people = population()
    practices = set(area.GP_PRACTICE_CODES)
    born: list[Adult | Child] = [*people.adults, *(c for c in people.children if not c.is_unborn)]
    for person in born:
        assert person.gp_practice_code in practices
        assert person.addresses
        dates = [spell.moved_in for spell in person.addresses]
        assert dates == sorted(dates)
        assert len(dates) == len(set(dates))
        assert all(spell.postcode.startswith("NB") for spell in person.addresses)


def test_some_children_are_unborn_with_a_mother_and_an_expected_date_to_come() -> None:
    people = population()
    unborn = [child for child in people.children if child.is_unborn]
    assert unborn
    mothers = {tie.child_id: tie.relative_id for tie in people.ties if tie.kinship == Kinship.MOTHER}
    adults = {adult.local_id for adult in people.adults}
    for child in unborn:
        assert child.expected_date
        assert child.expected_date > START
        assert mothers[child.local_id] in adults
        assert child.nhs_number is None
        assert child.upn is None


def test_about_one_in_thirteen_children_are_known_to_childrens_social_care() -> None:
    people = population()
    known = sum(len(family.child_ids) for family in people.families if family.known_to_childrens_social_care)
    assert 40 <= known <= 60


def test_the_vocabularies_are_macpus() -> None:
    assert {kinship.value for kinship in Kinship} <= {choice.value for choice in RelationshipType}
    sexes = {child.sex.value for child in population().children} | {adult.sex.value for adult in population().adults}
    assert sexes <= {choice.value for choice in Sex}
