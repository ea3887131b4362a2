import datetime as dt

from macpu.people.rules.identifier_history import (
    ConflictKind,
    ConsistentStatus,
    HeldIdentifier,
    agency_record_id,
    consistent_identifier,
    display_value,
    identifier_warnings,
    own_conflicts,
    stated_in,
)

ENDED = dt.date(2026, 9, 1)


def test_nhs_numbers_are_shown_3_3_4_and_other_identifiers_as_stored() -> None:
    assert display_value("nhs_number", "9434765919") == "943 476 5919"
    assert display_value("upn", "P207000016049") == "P207000016049"


def test_implausible_nhs_numbers_are_warned_of_and_a_kept_warning_is_not_repeated() -> None:
    kept = "every digit is the same"
    assert identifier_warnings("nhs_number", "4444444444", kept, test_range_expected=True) == (
        "every digit is the same",
    )
    assert identifier_warnings("nhs_number", "9990000026", "", test_range_expected=False) == (
        "the number is in the 999 test range, which is never issued",
    )
    assert identifier_warnings("nhs_number", "9990000026", "", test_range_expected=True) == ()


def test_a_temporary_upn_is_flagged() -> None:
    assert identifier_warnings("upn", "B80120000500A", "", test_range_expected=True) == (
        "a temporary UPN: the school should replace it with a permanent one",
    )


def test_an_agencys_record_states_an_identifier_however_it_spaced_it() -> None:
    assert stated_in({"nhs_number": "943 476 5919"}, "nhs_number", "9434765919")
    assert stated_in({"upn": "p207000016049"}, "upn", "P207000016049")
    assert not stated_in({"nhs_number": "9434765919"}, "upn", "9434765919")
    assert not stated_in({}, "former_upn", "P207000016049")


def test_only_an_agencys_own_id_is_shown_as_its_record_id() -> None:
    assert agency_record_id("NB-C000123") == "NB-C000123"
    assert agency_record_id("nhs:9434765919") == ""
    assert agency_record_id("name:whitmore|maisie|2019-03-27") == ""


def test_two_current_nhs_numbers_conflict_but_an_ended_one_does_not() -> None:
    two = [
        HeldIdentifier("nhs_number", "9434765919", True, None),
        HeldIdentifier("nhs_number", "6541003238", False, None),
    ]
    [conflict] = own_conflicts(two)
    assert (conflict.kind, conflict.values) == (ConflictKind.TWO_CURRENT, ("943 476 5919", "654 100 3238"))
    corrected = [two[0], HeldIdentifier("nhs_number", "6541003238", False, ENDED)]
    assert own_conflicts(corrected) == []


def test_an_ended_upn_and_a_recorded_former_upn_are_former_upns() -> None:
    held = [
        HeldIdentifier("upn", "B801200005001", False, None),
        HeldIdentifier("upn", "P207000016049", False, ENDED),
    ]
    [former] = own_conflicts(held)
    assert former.kind == ConflictKind.FORMER_UPN
    assert former.message.startswith("P207000016049 is a former UPN of this child (ended 1 September 2026)")
    assert [c.kind for c in own_conflicts([HeldIdentifier("former_upn", "P207000016049", False, None)])] == [
        ConflictKind.FORMER_UPN
    ]


def test_the_consistent_identifier_is_the_current_verified_one_first() -> None:
    held = [
        HeldIdentifier("nhs_number", "6541003238", False, None),
        HeldIdentifier("nhs_number", "9434765919", True, None),
        HeldIdentifier("nhs_number", "9990000026", True, ENDED),
    ]
    choice = consistent_identifier("nhs_number", "NHS number", held)
    assert (choice.status, choice.chosen) == (ConsistentStatus.VERIFIED, held[1])
    assert "More than one is current" in choice.advice


def test_an_unverified_consistent_identifier_says_how_to_verify_it() -> None:
    held = [HeldIdentifier("nhs_number", "9434765919", False, None)]
    choice = consistent_identifier("nhs_number", "NHS number", held)
    assert choice.status == ConsistentStatus.UNVERIFIED
    assert "trace it against the national demographics service" in choice.advice


def test_no_consistent_identifier_says_what_to_do() -> None:
    ended = [HeldIdentifier("nhs_number", "9434765919", True, ENDED)]
    choice = consistent_identifier("nhs_number", "NHS number", ended)
    assert (choice.status, choice.chosen) == (ConsistentStatus.NONE, None)
    assert choice.advice.startswith("No NHS number yet. Ask the child's GP practice")
    other = consistent_identifier("upn", "Unique pupil number", ended)
    assert (
        other.advice
        == "No Unique pupil number yet. Ask the organisation that issues it, then add it to the child's record."
    )
