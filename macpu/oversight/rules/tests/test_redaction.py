"""Other people's names and identifiers are taken out of a subject access request; the subject's own stay."""

import pytest

from macpu.oversight.rules.redaction import THIRD_PARTY, Redactor

pytestmark = pytest.mark.pure


def test_full_names_then_single_names_and_identifiers_are_redacted_whole_words_any_case() -> None:
    redact = Redactor(
        [("Lisa", "Whitmore"), ("Kyle", "Dunmore")], identifiers=["9990000042"], keep=["Maisie", "Whitmore"]
    )
    text = "Mum LISA Whitmore said Kyle came round; Kyle's NHS number 9990000042. Maisie was calm. Lisabeth came too."
    assert redact(text) == (
        f"Mum {THIRD_PARTY} said {THIRD_PARTY} came round; {THIRD_PARTY}'s NHS number {THIRD_PARTY}. "
        "Maisie was calm. Lisabeth came too."
    )
    assert redact.count == 4


def test_a_family_name_the_subject_shares_is_kept_but_the_full_name_of_the_other_goes() -> None:
    redact = Redactor([("Lisa", "Whitmore")], keep=["Maisie", "Whitmore"])
    assert redact("Lisa Whitmore and Maisie Whitmore") == f"{THIRD_PARTY} and Maisie Whitmore"


def test_a_short_name_alone_is_left_for_the_reviewer_but_not_the_full_name() -> None:
    redact = Redactor([("Jo", "Li")])
    assert redact("Jo Li visited; Jo rang") == f"{THIRD_PARTY} visited; Jo rang"
    assert redact.count == 1
