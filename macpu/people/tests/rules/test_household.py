import datetime as dt
import uuid

from macpu.people.rules.household import DatedRelationship, household_on

MOTHER, PARTNER, GRANDMOTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def relationships() -> list[DatedRelationship]:
    return [
        DatedRelationship(MOTHER, "mother", True, dt.date(2019, 3, 27), None),
        DatedRelationship(PARTNER, "parent_partner", True, dt.date(2025, 2, 1), dt.date(2025, 9, 30)),
        DatedRelationship(GRANDMOTHER, "grandparent", False, None, None),
    ]


def test_household_on_a_date_includes_only_those_living_with_the_child_then() -> None:
    assert {r.relative_id for r in household_on(relationships(), dt.date(2025, 1, 31))} == {MOTHER}
    assert {r.relative_id for r in household_on(relationships(), dt.date(2025, 2, 1))} == {MOTHER, PARTNER}
    assert {r.relative_id for r in household_on(relationships(), dt.date(2025, 9, 30))} == {MOTHER, PARTNER}
    assert {r.relative_id for r in household_on(relationships(), dt.date(2025, 10, 1))} == {MOTHER}


def test_a_person_with_two_overlapping_relationships_is_counted_once() -> None:
    twice = [*relationships(), DatedRelationship(MOTHER, "carer", True, None, None)]
    assert [r.relative_id for r in household_on(twice, dt.date(2020, 1, 1))].count(MOTHER) == 1
