"""Redacting other people from a subject access request's text. Pure.

A person asking for their record (UK GDPR Article 15) is given it without information about other people
(DPA 2018 Schedule 2 paragraph 16) unless those people consent or it is reasonable to disclose: a decision for
the information governance officer. This is the first pass they review: every name and identifier macpu holds
for another person is replaced wherever it appears in the text.
"""

import re
from collections.abc import Iterable

THIRD_PARTY = "[third party]"
_SHORTEST_NAME = 3  # "Al", "Jo" alone would also match ordinary words ("jo" in "jog" is prevented by word edges, but
#                     two letters match initials and abbreviations too often to be useful)


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Longest first, so 'Lisa Whitmore' is replaced whole before 'Lisa'; whole words only; any case."""
    chosen = sorted({w.strip() for w in words if len(w.strip()) >= _SHORTEST_NAME}, key=len, reverse=True)
    if not chosen:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in chosen) + r")(?!\w)", re.IGNORECASE)


class Redactor:
    """Replaces every given name, family name, full name and identifier of the third parties, counting each."""

    def __init__(
        self, third_parties: Iterable[tuple[str, str]], identifiers: Iterable[str] = (), keep: Iterable[str] = ()
    ):
        kept = {word.strip().lower() for word in keep}  # the subject's own names stay
        words: set[str] = set()
        for given, family in third_parties:
            words |= {given, family, f"{given} {family}"}
        words |= set(identifiers)
        self._pattern = _pattern(w for w in words if w.strip().lower() not in kept)
        self.count = 0

    def __call__(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        redacted, replaced = self._pattern.subn(THIRD_PARTY, text)
        self.count += replaced
        return redacted
