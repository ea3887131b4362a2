"""The audit log's hash chain: each event's hash covers its content and the previous hash.

Editing, deleting, inserting or reordering any row breaks the chain at that row,
so `verify_chain` names the first event that is not where the log says it was.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(content: Mapping[str, Any]) -> str:
    """One exact text for the same content: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(*, previous_hash: str, content: Mapping[str, Any]) -> str:
    """SHA-256 over the previous event's hash and this event's canonical content."""
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(canonical_json(content).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class ChainedEvent:
    """One stored event as verification sees it."""

    sequence: int
    previous_hash: str
    hash: str
    content: Mapping[str, Any]


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events_checked: int
    head_hash: str
    first_break: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def verify_chain(events: Iterable[ChainedEvent]) -> ChainReport:
    """Walk the events in stored order and report the first one that breaks the chain."""
    expected_previous = GENESIS_HASH
    last_sequence = 0
    checked = 0
    for event in events:
        checked += 1
        if event.sequence <= last_sequence:
            return ChainReport(checked, expected_previous, ChainBreak(event.sequence, "out of order"))
        if event.previous_hash != expected_previous:
            reason = "does not follow the event before it (an event was deleted, inserted or moved)"
            return ChainReport(checked, expected_previous, ChainBreak(event.sequence, reason))
        if event_hash(previous_hash=event.previous_hash, content=event.content) != event.hash:
            return ChainReport(checked, expected_previous, ChainBreak(event.sequence, "content was altered"))
        expected_previous = event.hash
        last_sequence = event.sequence
    return ChainReport(checked, expected_previous, None)
