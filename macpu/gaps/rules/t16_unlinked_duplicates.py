"""T16 Duplicate or unlinked records: the same child held apart under two records.

Brief section 6, T16 [Rayo-2022], 1.8: probable duplicates (same date of birth, a similar name, a shared address)
without a verified identifier link go to the data quality role; never merged automatically. Matching is the
feed's (docs/feed.md, "People on the way in"): an event that matches a child on names and date of birth alone
gets a record of its own, flagged as a probable duplicate, and the engine puts those records in the facts as
`Whose.DUPLICATE` until a data quality officer links or separates them. One finding per probable duplicate
person (told apart by the name on their records); its evidence is that person's first record, so their later
records are shown, not made a new finding.
"""

from collections import defaultdict
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Whose


@dataclass(frozen=True)
class UnlinkedDuplicates:
    id: str = "T16"
    name: str = "Probable duplicate records not linked"
    version: int = 1
    source: str = "Brief section 6, T16 [Rayo-2022]; 1.8"
    thresholds: tuple[Threshold, ...] = ()

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        people: dict[str, list[GapRecord]] = defaultdict(list)
        for record in facts.records:
            if record.whose is Whose.DUPLICATE:
                people[record.subject_name].append(record)
        return [self._finding(facts, records) for records in people.values()]

    def _finding(self, facts: ChildFacts, records: list[GapRecord]) -> Finding:
        first = min(records, key=lambda r: (r.recorded_at, r.id))
        counts: dict[str, int] = defaultdict(int)
        for record in records:
            counts[record.org_name] += 1
        held = ", ".join(f"{count} by {org}" for org, count in counts.items())
        name = first.subject_name or "another record"
        span = f"{records[0].on}" if len(records) == 1 else f"{records[0].on} to {records[-1].on}"
        explanation = (
            f"'{name}' is probably this child but is held apart: {_records(len(records))} ({held}; {span}) with no "
            "verified identifier linking them to the child's own. A data quality officer should check and link or "
            "separate them; never merge them automatically."
        )
        arose_on = min(first.recorded_at.date(), facts.as_of)
        return Finding(self.id, self.version, arose_on, (first,), explanation, (Recipient.DATA_QUALITY,))


def _records(count: int) -> str:
    return "1 record" if count == 1 else f"{count} records"


RULE = UnlinkedDuplicates()
