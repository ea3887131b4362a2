"""Names as matching sees them: folded, nickname-canonical and phonetic forms.

Agencies write the same name in capitals or title case, with or without accents, hyphens and apostrophes
(O'Brien, OBRIEN, Smith-Jones, SMITH JONES), by a familiar form (Alfie for Alfred) or misspelt in ways that
sound the same (Smyth, Smith). Matching compares the folded forms, treats a name and its familiar form as the
same name, and uses a phonetic key (metaphone) to find spellings that sound alike.

The functions are cached: a search scores hundreds of candidates whose names repeat (Smith, Jack).
"""

import unicodedata
from functools import lru_cache

import jellyfish

from macpu.people.rules.nicknames import CANONICAL, FULL_NAMES

_DROPPED = str.maketrans({"'": "", "’": "", ".": "", "`": ""})
_SPACED = str.maketrans({"-": " ", "‐": " ", "_": " ", ",": " ", "/": " "})


@lru_cache(maxsize=65_536)
def fold(name: str) -> str:
    """Lower case, accents stripped, hyphens as spaces, apostrophes and dots dropped: "O'Brien-Zoë" -> "obrien zoe"."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(plain.lower().translate(_DROPPED).translate(_SPACED).split())


def parts(name: str) -> list[str]:
    """The parts of a folded name: a double-barrelled family name's two names, or several given names."""
    return fold(name).split()


@lru_cache(maxsize=65_536)
def canonical_given(name: str) -> str:
    """The full name a given name is a familiar form of ("bill" -> "william"), or its folded self.

    Only the first part of a given name counts ("Mary Jane" -> "mary"): agencies drop middle names.
    """
    first = parts(name)[:1]
    if not first:
        return ""
    return CANONICAL.get(first[0], first[0])


def are_nicknames(left: str, right: str) -> bool:
    """Two different given names where one is a familiar form of the other, or both of the same name."""
    a, b = parts(left)[:1], parts(right)[:1]
    if not a or not b or a == b:
        return False
    return bool(FULL_NAMES.get(a[0], frozenset(a)) & FULL_NAMES.get(b[0], frozenset(b)))


@lru_cache(maxsize=65_536)
def phonetic(name: str) -> str:
    """A metaphone key of the whole folded name, spaces removed (Smyth and Smith both "SM0"); "" for no name."""
    folded = fold(name).replace(" ", "")
    return jellyfish.metaphone(folded) if folded else ""


@lru_cache(maxsize=65_536)
def first_part_phonetic(name: str) -> str:
    """The metaphone key of the first part of a name (the first name of a double-barrelled family name)."""
    first = parts(name)[:1]
    return jellyfish.metaphone(first[0]) if first else ""
