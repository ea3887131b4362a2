"""Which statutory places of a MACPT are missing (CA 2004 s.16EA(4)): table-driven, and properties with Hypothesis."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macpu.macpt.rules.membership import (
    REQUIRED_PLACES,
    Member,
    NominatingBody,
    Place,
    RequiredPlace,
    leaving_date_error,
    missing_places,
)

DAY = dt.date(2027, 9, 1)
JOINED = dt.date(2027, 1, 4)
FOUNDED = dt.date(2026, 1, 5)

EDUCATION = Member(Place.EDUCATION, NominatingBody.LOCAL_AUTHORITY, FOUNDED)
SOCIAL_WORK = Member(Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY, FOUNDED)
HEALTH = Member(Place.HEALTH, NominatingBody.INTEGRATED_CARE_BOARD, FOUNDED)
POLICE = Member(Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE, FOUNDED)
FULL_TEAM = [EDUCATION, SOCIAL_WORK, HEALTH, POLICE]


def _paragraphs(places: list[RequiredPlace]) -> list[str]:
    return [place.paragraph for place in places]


def test_a_team_with_one_member_in_each_place_nominated_by_the_right_body_misses_nothing() -> None:
    assert missing_places(FULL_TEAM, DAY) == []


def test_an_empty_team_misses_all_four_places_in_the_order_of_the_act() -> None:
    assert _paragraphs(missing_places([], DAY)) == ["a", "b", "c", "d"]


def test_each_missing_place_says_what_is_missing_and_cites_its_paragraph() -> None:
    messages = [place.message for place in missing_places([], DAY)]
    assert messages == [
        "The team has no person with experience in education in relation to children, nominated by the local "
        "authority (Children Act 2004 s.16EA(4)(a)).",
        "The team has no social worker with experience in social work in relation to children, nominated by the "
        "local authority (Children Act 2004 s.16EA(4)(b)).",
        "The team has no registered health professional with experience in healthcare for children, nominated by "
        "an integrated care board for the area (Children Act 2004 s.16EA(4)(c)).",
        "The team has no constable or relevant police employee with experience in child protection, nominated by "
        "the chief officer of police for the area (Children Act 2004 s.16EA(4)(d)).",
    ]


@pytest.mark.parametrize(
    ("wrongly_nominated", "missing"),
    [
        (Member(Place.EDUCATION, NominatingBody.INTEGRATED_CARE_BOARD, JOINED), "a"),
        (Member(Place.SOCIAL_WORK, NominatingBody.OTHER, JOINED), "b"),
        (Member(Place.HEALTH, NominatingBody.LOCAL_AUTHORITY, JOINED), "c"),
        (Member(Place.POLICE, NominatingBody.LOCAL_AUTHORITY, JOINED), "d"),
    ],
)
def test_a_member_nominated_by_the_wrong_body_does_not_fill_the_place(wrongly_nominated: Member, missing: str) -> None:
    team = [member for member in FULL_TEAM if member.membership is not wrongly_nominated.membership]
    assert _paragraphs(missing_places([*team, wrongly_nominated], DAY)) == [missing]


def test_other_members_never_fill_a_required_place() -> None:
    others = [Member(Place.OTHER, body, JOINED) for body in NominatingBody]
    assert _paragraphs(missing_places(others, DAY)) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("joined_on", "left_on", "on", "current"),
    [
        (JOINED, None, JOINED, True),  # from the day they joined
        (JOINED, None, JOINED - dt.timedelta(days=1), False),  # not before
        (JOINED, DAY, DAY - dt.timedelta(days=1), True),  # up to the day before they left
        (JOINED, DAY, DAY, False),  # not on the day they left
        (JOINED, JOINED, JOINED, False),  # left the day they joined: never a member
    ],
)
def test_a_member_counts_from_joining_until_the_day_they_leave(
    joined_on: dt.date, left_on: dt.date | None, on: dt.date, current: bool
) -> None:
    police = Member(Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE, joined_on, left_on)
    assert police.is_current(on) is current
    assert _paragraphs(missing_places([EDUCATION, SOCIAL_WORK, HEALTH, police], on)) == ([] if current else ["d"])


def test_a_leaving_date_before_joining_is_refused_and_the_joining_day_itself_allowed() -> None:
    assert leaving_date_error(joined_on=JOINED, left_on=JOINED - dt.timedelta(days=1)) == (
        "The date they left must be on or after the date they joined, 4 January 2027"
    )
    assert leaving_date_error(joined_on=JOINED, left_on=JOINED) is None
    assert leaving_date_error(joined_on=JOINED, left_on=DAY) is None


def test_the_labels_name_every_place_and_body() -> None:
    assert [place.label for place in Place][:4] == ["Education", "Social work", "Health", "Police"]
    assert NominatingBody.CHIEF_OFFICER_OF_POLICE.label == "The chief officer of police"
    assert REQUIRED_PLACES[0].citation == "Children Act 2004 s.16EA(4)(a)"


days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2032, 12, 31))
members = st.builds(
    lambda place, body, joined, stay: Member(place, body, joined, None if stay is None else joined + stay),
    st.sampled_from(Place),
    st.sampled_from(NominatingBody),
    days,
    st.none() | st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=2000)),
)


@given(team=st.lists(members, max_size=12), on=days)
def test_a_place_is_missing_exactly_when_no_current_member_with_the_right_body_holds_it(
    team: list[Member], on: dt.date
) -> None:
    missing = missing_places(team, on)
    for required in REQUIRED_PLACES:
        filled = any(
            m.is_current(on) and m.membership is required.place and m.nominated_by is required.nominated_by
            for m in team
        )
        assert (required in missing) is not filled


@given(team=st.lists(members, max_size=12), extra=members, on=days)
def test_adding_a_member_never_makes_a_place_go_missing(team: list[Member], extra: Member, on: dt.date) -> None:
    assert set(missing_places([*team, extra], on)) <= set(missing_places(team, on))


@given(team=st.lists(members, max_size=12), on=days)
def test_the_order_of_members_does_not_matter(team: list[Member], on: dt.date) -> None:
    assert missing_places(team, on) == missing_places(list(reversed(team)), on)
