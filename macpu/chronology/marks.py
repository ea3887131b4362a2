"""What other parts of macpu say about the entries a person is shown: marks beside an entry.

The gap rules mark the entries that are the evidence of a child's open findings, so that a practitioner
reading the chronology sees what a rule saw. The chronology knows nothing of who marks: the layer below
never imports the layer above. A part that marks entries registers its provider when the apps are ready
(`gaps.apps`), by name, so the providers are listed in one place rather than wired through signals.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from macpu.core.actor import Actor


@dataclass(frozen=True)
class EntryMark:
    """A tag shown on an entry (`Possible gap`), what it means, and where to read more."""

    tag: str
    text: str
    href: str


class MarkProvider(Protocol):
    """Given the reader, the children and the events about to be shown: {event_id: [EntryMark, ...]}."""

    def __call__(
        self, *, actor: Actor, child_ids: frozenset[uuid.UUID], event_ids: frozenset[uuid.UUID]
    ) -> Mapping[uuid.UUID, Iterable[EntryMark]]: ...


_providers: dict[str, MarkProvider] = {}


def mark_provider_register(name: str, provider: MarkProvider) -> None:
    """Called once from an app's `ready()`: the provider then marks every chronology page's entries."""
    _providers[name] = provider


def marks_for(
    *, actor: Actor, child_ids: Iterable[uuid.UUID], event_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[EntryMark, ...]]:
    """Every mark any part of macpu puts on these events, by event."""
    events, children = frozenset(event_ids), frozenset(child_ids)
    if not events:
        return {}
    marks: dict[uuid.UUID, list[EntryMark]] = defaultdict(list)
    for provider in _providers.values():
        for event_id, found in provider(actor=actor, child_ids=children, event_ids=events).items():
            marks[event_id].extend(found)
    return {event_id: tuple(found) for event_id, found in marks.items()}
