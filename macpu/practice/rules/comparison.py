"""Side by side: two or more organisations' current profiles as rows, with the rows where they differ marked.

Descriptive rows (what an organisation does, its referral route...) are shown but never marked: each organisation
words them its own way. The rows that are compared are the ones partners act on: when consent is sought, each
timescale, who attends strategy discussions, and the terms each uses for the same thing.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from macpu.practice.rules.profile import (
    COMMITMENT_LABELS,
    CONSENT_LABELS,
    Commitment,
    ProfileContent,
    SafeguardingLead,
)

NO_PROFILE = "No profile published"
NOT_USED = "None of these terms"


@dataclass(frozen=True)
class ComparedProfile:
    """One column: whose profile it is, and its current content (None when nothing has been published)."""

    code: str
    name: str
    content: ProfileContent | None


@dataclass(frozen=True)
class ComparedRow:
    key: str
    label: str
    values: tuple[str, ...]  # one per column, in the columns' order
    compared: bool  # whether a difference in this row is marked
    differs: bool


@dataclass(frozen=True)
class Comparison:
    columns: tuple[ComparedProfile, ...]
    rows: tuple[ComparedRow, ...]

    @property
    def differences(self) -> tuple[ComparedRow, ...]:
        return tuple(row for row in self.rows if row.differs)


def _leads(leads: Sequence[SafeguardingLead]) -> str:
    lines = []
    for lead in leads:
        reach = f"office hours: {lead.office_hours}"
        if lead.out_of_hours:
            reach += f"; out of hours: {lead.out_of_hours}"
        lines.append(f"{lead.name}, {lead.role} ({reach})")
    return "\n".join(lines)


def _threshold(content: ProfileContent) -> str:
    if not content.threshold_document_title:
        return "None given"
    url = content.threshold_document_url
    return f"{content.threshold_document_title} ({url})" if url else content.threshold_document_title


Reader = Callable[[ProfileContent], str]

_DESCRIBED: tuple[tuple[str, str, Reader], ...] = (
    ("safeguarding_role", "What it does in safeguarding", lambda c: c.safeguarding_role),
    ("referral_route", "How to refer a child", lambda c: c.referral_route),
    ("threshold_document", "Threshold document", _threshold),
    ("escalation_route", "How to escalate", lambda c: c.escalation_route),
    ("leads", "Named safeguarding leads", lambda c: _leads(c.leads)),
)
_AFTER: tuple[tuple[str, str, Reader], ...] = (
    ("consent_explanation", "When consent is sought, explained", lambda c: c.consent_explanation),
    ("records_held", "Records it holds that others may need", lambda c: c.records_held),
)


def _normalised(text: str) -> str:
    return re.sub(r"[\s.,;]+", " ", text).strip().casefold()


def _differs(values: Sequence[str | None]) -> bool:
    """Whether the columns that have a value disagree; a column without a profile is not a difference."""
    known = {value for value in values if value is not None}
    return len(known) > 1


def _row(key: str, label: str, raw: Sequence[str | None], shown: Sequence[str | None], compared: bool) -> ComparedRow:
    values = tuple(NO_PROFILE if value is None else value for value in shown)
    return ComparedRow(key, label, values, compared, compared and _differs(raw))


def _described_row(key: str, label: str, columns: Sequence[ComparedProfile], read: Reader) -> ComparedRow:
    shown = [None if col.content is None else read(col.content) for col in columns]
    return _row(key, label, shown, shown, compared=False)


def _consent_row(columns: Sequence[ComparedProfile]) -> ComparedRow:
    raw = [None if col.content is None else col.content.consent_practice.value for col in columns]
    shown = [None if col.content is None else CONSENT_LABELS[col.content.consent_practice] for col in columns]
    return _row("consent_practice", "When it seeks consent", raw, shown, compared=True)


def _timescale_row(commitment: Commitment, columns: Sequence[ComparedProfile]) -> ComparedRow:
    raw: list[str | None] = []
    shown: list[str | None] = []
    for col in columns:
        timescale = None if col.content is None else col.content.timescales.get(commitment)
        raw.append(None if timescale is None else f"{timescale.value} {timescale.unit}")
        shown.append(None if timescale is None else timescale.describe(commitment))
    return _row(commitment.value, COMMITMENT_LABELS[commitment], raw, shown, compared=True)


def _attendees_row(columns: Sequence[ComparedProfile]) -> ComparedRow:
    shown = [None if col.content is None else col.content.strategy_discussion_attendees for col in columns]
    raw = [None if value is None else _normalised(value) for value in shown]
    return _row("strategy_discussion_attendees", "Who attends strategy discussions for it", raw, shown, compared=True)


def equivalence_groups(pairs: Iterable[tuple[str, str]]) -> list[frozenset[str]]:
    """The groups of terms that mean the same thing, from pairs of equivalent terms (the closure of the pairs).

    Groups come sorted by their alphabetically first term, so the comparison's rows keep a stable order.
    """
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        parent.setdefault(term, term)
        while parent[term] != term:
            parent[term] = parent[parent[term]]
            term = parent[term]
        return term

    for first, second in pairs:
        parent[root(first)] = root(second)
    groups: dict[str, set[str]] = {}
    for term in list(parent):
        groups.setdefault(root(term), set()).add(term)
    return sorted((frozenset(group) for group in groups.values() if len(group) > 1), key=lambda g: min(g).casefold())


def _terms_row(group: frozenset[str], columns: Sequence[ComparedProfile]) -> ComparedRow | None:
    raw: list[str | None] = []
    shown: list[str | None] = []
    for col in columns:
        if col.content is None:
            raw.append(None)
            shown.append(None)
            continue
        used = sorted((term for term in col.content.terms if term in group), key=str.casefold)
        raw.append(", ".join(used) if used else None)
        shown.append(", ".join(used) if used else NOT_USED)
    if sum(value is not None for value in raw) == 0:
        return None  # no column uses any of the group's terms
    label = "Terms for the same thing: " + ", ".join(sorted(group, key=str.casefold))
    return _row("terms:" + min(group, key=str.casefold), label, raw, shown, compared=True)


def profiles_compare(columns: Sequence[ComparedProfile], equivalences: Iterable[tuple[str, str]] = ()) -> Comparison:
    """The rows of the side-by-side view of `columns`, with each compared row marked where the columns differ.

    `equivalences` are pairs of glossary terms that mean the same thing ("DNA" and "was not brought"): a row is
    added for each group of them that a column uses, marked when the columns use different terms of the group.
    """
    rows = [_described_row(key, label, columns, read) for key, label, read in _DESCRIBED]
    rows.append(_consent_row(columns))
    rows.extend(_described_row(key, label, columns, read) for key, label, read in _AFTER[:1])
    rows.extend(_timescale_row(commitment, columns) for commitment in Commitment)
    rows.append(_attendees_row(columns))
    rows.extend(_described_row(key, label, columns, read) for key, label, read in _AFTER[1:])
    term_rows = (_terms_row(group, columns) for group in equivalence_groups(equivalences))
    rows.extend(row for row in term_rows if row is not None)
    return Comparison(tuple(columns), tuple(rows))
