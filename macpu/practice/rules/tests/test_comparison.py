"""Side by side: which rows are compared, and a row is marked only where the organisations' profiles differ."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from macpu.practice.rules.comparison import (
    NO_PROFILE,
    NOT_USED,
    ComparedProfile,
    equivalence_groups,
    profiles_compare,
)
from macpu.practice.rules.profile import (
    Commitment,
    ConsentPractice,
    ProfileContent,
    SafeguardingLead,
    Timescale,
    TimeUnit,
)

DAYS = TimeUnit.WORKING_DAYS
TIMESCALES = {
    Commitment.ACKNOWLEDGE_REFERRAL: Timescale(1, DAYS),
    Commitment.REPORT_INITIAL_CONFERENCE: Timescale(3, DAYS),
    Commitment.REPORT_REVIEW_CONFERENCE: Timescale(5, DAYS),
    Commitment.ANSWER_INFORMATION_REQUEST: Timescale(2, DAYS),
}
COUNCIL = ProfileContent(
    safeguarding_role="Children's social care",
    referral_route="Through the front door",
    threshold_document_title="Continuum of need",
    threshold_document_url="https://example.gov.uk/thresholds",
    escalation_route="Team manager, then head of service",
    leads=(SafeguardingLead("Jo Ames", "Head of service", "01632 960000", "EDT 01632 960001"),),
    consent_practice=ConsentPractice.INFORMS_WITHOUT_SEEKING,
    consent_explanation="Shares under its statutory duties",
    timescales=TIMESCALES,
    strategy_discussion_attendees="Team manager and allocated social worker",
    records_held="Assessments and plans",
    terms=("was not brought", "CLA"),
)
GP = replace(
    COUNCIL,
    consent_practice=ConsentPractice.BEFORE_SHARING,
    timescales={**TIMESCALES, Commitment.REPORT_INITIAL_CONFERENCE: Timescale(2, TimeUnit.CALENDAR_DAYS)},
    strategy_discussion_attendees="The named GP for safeguarding",
    terms=("DNA", "CLA"),
)
EQUIVALENT = [("DNA", "was not brought"), ("WNB", "was not brought"), ("CLA", "LAC")]


def _rows(*contents: ProfileContent | None) -> dict[str, tuple[tuple[str, ...], bool, bool]]:
    columns = [ComparedProfile(f"O{i}", f"Org {i}", content) for i, content in enumerate(contents)]
    comparison = profiles_compare(columns, EQUIVALENT)
    return {row.key: (row.values, row.compared, row.differs) for row in comparison.rows}


def test_the_same_profile_twice_differs_nowhere() -> None:
    rows = _rows(COUNCIL, COUNCIL)
    assert not any(differs for _, _, differs in rows.values())


def test_consent_timescales_attendees_and_terms_for_the_same_thing_are_marked_where_they_differ() -> None:
    rows = _rows(COUNCIL, GP)
    differing = {key for key, (_, _, differs) in rows.items() if differs}
    assert differing == {
        "consent_practice",
        "report_initial_conference",
        "strategy_discussion_attendees",
        "terms:DNA",
    }
    assert rows["report_initial_conference"][0] == ("3 working days before", "2 calendar days before")
    assert rows["acknowledge_referral"][0] == ("Within 1 working day", "Within 1 working day")
    assert rows["terms:DNA"][0] == ("was not brought", "DNA")
    assert rows["terms:CLA"][:3] == (("CLA", "CLA"), True, False)


def test_descriptive_rows_are_shown_but_never_marked() -> None:
    other = replace(COUNCIL, safeguarding_role="Something else entirely", records_held="Other records")
    rows = _rows(COUNCIL, other)
    assert rows["safeguarding_role"] == (("Children's social care", "Something else entirely"), False, False)


def test_wording_of_the_attendees_that_differs_only_in_case_and_spacing_is_the_same() -> None:
    other = replace(COUNCIL, strategy_discussion_attendees="team manager  and allocated social worker.")
    assert _rows(COUNCIL, other)["strategy_discussion_attendees"][2] is False


def test_an_organisation_without_a_profile_is_shown_as_such_and_is_not_a_difference() -> None:
    rows = _rows(COUNCIL, None, COUNCIL)
    assert rows["consent_practice"][0][1] == NO_PROFILE
    assert not any(differs for _, _, differs in rows.values())


def test_a_group_of_terms_no_column_uses_has_no_row_and_a_column_using_none_of_them_says_so() -> None:
    rows = _rows(COUNCIL, replace(GP, terms=()))
    assert "terms:LAC" not in rows
    assert "terms:CLA" in rows
    assert rows["terms:CLA"][0] == ("CLA", NOT_USED)
    assert rows["terms:CLA"][2] is False  # one column alone uses the group: nothing to compare


def test_equivalence_is_the_closure_of_the_pairs() -> None:
    groups = equivalence_groups([("DNA", "was not brought"), ("WNB", "was not brought"), ("CLA", "LAC")])
    assert groups == [frozenset({"CLA", "LAC"}), frozenset({"DNA", "was not brought", "WNB"})]


@given(st.lists(st.tuples(st.sampled_from("ABCDEFG"), st.sampled_from("ABCDEFG")), max_size=12))
def test_every_pair_ends_in_one_group_and_groups_never_overlap(pairs: list[tuple[str, str]]) -> None:
    groups = equivalence_groups(pairs)
    for first, second in pairs:
        if first != second:
            assert any({first, second} <= group for group in groups)
    seen: set[str] = set()
    for group in groups:
        assert not seen & group
        seen |= group


@given(st.lists(st.sampled_from(list(ConsentPractice)), min_size=2, max_size=5))
def test_consent_is_marked_exactly_when_two_columns_differ(practices: list[ConsentPractice]) -> None:
    contents = [replace(COUNCIL, consent_practice=practice) for practice in practices]
    assert _rows(*contents)["consent_practice"][2] is (len(set(practices)) > 1)
