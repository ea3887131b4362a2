"""Finding the glossary's terms in a text, so that pages can show what each means where it appears.

Matching is whole-word (a term never matches inside a longer word: "CIN" is not found in "CINEMA", "LAC" not in
"LACK"), case-aware (an abbreviation matches only as written, so "DSL" is found but not "dsl"; a phrase such as
"was not brought" matches in any case), longest first ("Operation Encompass" before "Encompass"), and never
overlapping. The result is the text cut into plain pieces and matched terms, which join back into the text exactly.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownTerm:
    term: str  # as written in the glossary: "DNA", "was not brought"
    slug: str  # the glossary entry's anchor
    expansion: str  # a short meaning shown in place: "did not attend (a health appointment)"
    is_abbreviation: bool


@dataclass(frozen=True)
class Piece:
    """A run of the text: plain (term None) or one occurrence of a term, as it was written in the text."""

    text: str
    term: KnownTerm | None = None


_WORD = r"[0-9A-Za-z\u00C0-\u024F]"


def _pattern(term: KnownTerm) -> str:
    # Whitespace inside a phrase matches any run of whitespace (a line break in a long entry).
    body = r"\s+".join(re.escape(word) for word in term.term.split())
    return body if term.is_abbreviation else f"(?i:{body})"


@dataclass(frozen=True)
class GlossaryMatcher:
    """A compiled matcher for a set of terms; build it once and use it for many texts."""

    terms: tuple[KnownTerm, ...]
    regex: re.Pattern[str] | None
    by_group: dict[str, KnownTerm]

    def pieces(self, text: str) -> list[Piece]:
        """`text` cut into plain pieces and the terms found in it, in order; joined, they are `text` again."""
        if self.regex is None or not text:
            return [Piece(text)] if text else []
        found: list[Piece] = []
        at = 0
        for match in self.regex.finditer(text):
            group = match.lastgroup
            if group is None:
                continue
            if match.start() > at:
                found.append(Piece(text[at : match.start()]))
            found.append(Piece(match.group(), self.by_group[group]))
            at = match.end()
        if at < len(text):
            found.append(Piece(text[at:]))
        return found


def matcher_build(terms: Sequence[KnownTerm]) -> GlossaryMatcher:
    """Compile `terms` into one alternation, longest first, each bounded by non-word characters."""
    usable = sorted((t for t in terms if t.term.strip()), key=lambda t: (-len(t.term), t.term))
    if not usable:
        return GlossaryMatcher((), None, {})
    by_group = {f"t{index}": term for index, term in enumerate(usable)}
    alternation = "|".join(f"(?P<{group}>{_pattern(term)})" for group, term in by_group.items())
    regex = re.compile(f"(?<!{_WORD})(?:{alternation})(?!{_WORD})")
    return GlossaryMatcher(tuple(usable), regex, by_group)


def terms_found(text: str, terms: Sequence[KnownTerm]) -> list[str]:
    """The glossary terms `text` uses, each once, in the order they first appear."""
    seen: dict[str, None] = {}
    for piece in matcher_build(terms).pieces(text):
        if piece.term is not None:
            seen.setdefault(piece.term.term, None)
    return list(seen)
