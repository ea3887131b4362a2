"""What other parts of macpu say about the entries a person is shown: marks beside an entry.

The gap rules answer with the entries that are the evidence of a child's open findings, so that a
practitioner reading the chronology sees what a rule saw. The chronology knows nothing of who answers:
the layer below never imports the layer above (as `events.signals` does for changes).
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.dispatch import Signal

from macpu.core.actor import Actor

# Sent with `actor`, `child_ids` and `event_ids` (frozensets) for the entries about to be shown; each
# receiver returns {event_id: [EntryMark, ...]} for those it has something to say about.
entries_shown = Signal()


@dataclass(frozen=True)
class EntryMark:
    """A tag shown on an entry (`Possible gap`), what it means, and where to read more."""

    tag: str
    text: str
    href: str


def marks_for(
    *, actor: Actor, child_ids: Iterable[uuid.UUID], event_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[EntryMark, ...]]:
    """Every mark any part of macpu puts on these events, by event."""
    events, children = frozenset(event_ids), frozenset(child_ids)
    if not events:
        return {}
    marks: dict[uuid.UUID, list[EntryMark]] = defaultdict(list)
    for _, answer in entries_shown.send(sender=marks_for, actor=actor, child_ids=children, event_ids=events):
        answered: Mapping[uuid.UUID, Iterable[EntryMark]] = answer  # type: ignore[assignment]  # receivers' contract
        for event_id, found in answered.items():
            marks[event_id].extend(found)
    return {event_id: tuple(found) for event_id, found in marks.items()}
