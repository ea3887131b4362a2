"""Finding glossary terms in text: whole words, abbreviations as written, phrases in any case, longest first."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macpu.practice.rules.glossary import KnownTerm, matcher_build, terms_found
from macpu.practice.rules.glossary_seed import SEED_TERMS

DNA = KnownTerm("DNA", "dna", "did not attend", is_abbreviation=True)
WNB = KnownTerm("was not brought", "was-not-brought", "no adult brought them", is_abbreviation=False)
CIN = KnownTerm("CIN", "cin", "child in need", is_abbreviation=True)
LAC = KnownTerm("LAC", "lac", "looked-after child", is_abbreviation=True)
ENCOMPASS = KnownTerm("Operation Encompass", "operation-encompass", "police tell the school", is_abbreviation=False)
CP_IS = KnownTerm("CP-IS", "cp-is", "Child Protection - Information Sharing", is_abbreviation=True)
S47 = KnownTerm("s47", "s47", "section 47 enquiry", is_abbreviation=True)
SENCO = KnownTerm("SENCo", "senco", "special educational needs co-ordinator", is_abbreviation=True)
TERMS = [DNA, WNB, CIN, LAC, ENCOMPASS, CP_IS, S47, SENCO]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Child DNA at the clinic", ["DNA"]),
        ("dna sample taken", []),  # an abbreviation matches only as written
        ("The child Was Not Brought to the appointment", ["was not brought"]),  # a phrase in any case
        ("was not\nbrought", ["was not brought"]),  # across a line break
        ("CINEMA trip; LACK of food", []),  # never inside a longer word
        ("CIN plan reviewed; LAC review booked", ["CIN", "LAC"]),
        ("Referral under s47.", ["s47"]),
        ("Discussed with the SENCo, then the SENCO", ["SENCo"]),
        ("CP-IS alert seen in ED", ["CP-IS"]),
        ("An Operation Encompass notification", ["Operation Encompass"]),
        ("(DNA)", ["DNA"]),
        ("DNA2 and 2DNA are codes", []),
        ("", []),
    ],
)
def test_terms_are_found_as_whole_words_with_abbreviations_case_aware(text: str, found: list[str]) -> None:
    assert terms_found(text, TERMS) == found


def test_the_longest_term_wins_and_matches_never_overlap() -> None:
    encompass = KnownTerm("Encompass", "encompass", "short", is_abbreviation=False)
    pieces = matcher_build([encompass, ENCOMPASS]).pieces("Operation Encompass call, then Encompass again")
    assert [(p.text, p.term.term if p.term else None) for p in pieces] == [
        ("Operation Encompass", "Operation Encompass"),
        (" call, then ", None),
        ("Encompass", "Encompass"),
        (" again", None),
    ]


def test_a_term_is_kept_as_the_text_wrote_it() -> None:
    pieces = matcher_build(TERMS).pieces("WAS NOT BROUGHT")
    assert [(p.text, p.term) for p in pieces] == [("WAS NOT BROUGHT", WNB)]


def test_no_terms_leave_the_text_whole() -> None:
    assert [p.text for p in matcher_build([]).pieces("Seen by the GP")] == ["Seen by the GP"]


@given(st.text(alphabet=st.sampled_from(list("DNAcinCIN wasnotbrought-<>&\"'s47\n")), max_size=80))
def test_the_pieces_join_back_into_the_text_exactly(text: str) -> None:
    pieces = matcher_build(TERMS).pieces(text)
    assert "".join(piece.text for piece in pieces) == text
    assert all(piece.text for piece in pieces)


@given(st.text(max_size=60))
def test_any_text_is_cut_without_error_and_joins_back(text: str) -> None:
    assert "".join(p.text for p in matcher_build(TERMS).pieces(text)) == text


def test_the_seed_glossary_has_about_thirty_terms_each_once_with_known_equivalents() -> None:
    names = [seed.term for seed in SEED_TERMS]
    assert len(names) >= 30
    assert len({name.casefold() for name in names}) == len(names)
    for seed in SEED_TERMS:
        assert seed.expansion
        assert seed.meaning
        assert seed.sectors
        assert set(seed.equivalents) <= set(names), seed.term
    for required in ("DNA", "was not brought", "CIN", "LADO", "MARAC", "Operation Encompass", "CP-IS", "MASH"):
        assert required in names
