"""What a chronology shows: the filters of a view, as values that can be written into a link and read back."""

import datetime as dt
import uuid
from dataclasses import dataclass

from macpu.core.dates import in_words


@dataclass(frozen=True)
class ChronologyFilter:
    """Empty fields do not filter. Several values of one field are alternatives (any of them)."""

    sectors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # organisation codes
    types: tuple[str, ...] = ()
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None
    people: tuple[uuid.UUID, ...] = ()
    significant_only: bool = False
    oldest_first: bool = False

    @property
    def asks_about_content(self) -> bool:
        """Type and people are content: entries whose content the viewer may not read cannot match them,
        or the filter would tell what the entry is."""
        return bool(self.types or self.people or self.significant_only)

    @property
    def active(self) -> bool:
        return bool(
            self.sectors
            or self.organisations
            or self.types
            or self.occurred_from
            or self.occurred_to
            or self.people
            or self.significant_only
        )

    def as_query(self) -> list[tuple[str, str]]:
        """The filter as the query of a link that shows the same view (the API's parameter names)."""
        query = [("sector", value) for value in self.sectors]
        query += [("org", value) for value in self.organisations]
        query += [("type", value) for value in self.types]
        if self.occurred_from:
            query.append(("from", self.occurred_from.isoformat()))
        if self.occurred_to:
            query.append(("to", self.occurred_to.isoformat()))
        query += [("person", str(value)) for value in self.people]
        if self.significant_only:
            query.append(("significant", "yes"))
        if self.oldest_first:
            query.append(("order", "oldest"))
        return query

    def audit_details(self) -> dict[str, object]:
        """What the audit log keeps of a view's filters: codes and dates, no personal data."""
        return {
            name: value
            for name, value in {
                "sectors": list(self.sectors),
                "organisations": list(self.organisations),
                "types": list(self.types),
                "from": self.occurred_from.isoformat() if self.occurred_from else None,
                "to": self.occurred_to.isoformat() if self.occurred_to else None,
                "people": [str(p) for p in self.people],
                "significant_only": self.significant_only,
            }.items()
            if value
        }


def described(chosen: ChronologyFilter) -> str:
    """The filters in words, for the heading of an export or a saved version (codes as given: no lookups here)."""
    parts = []
    if chosen.sectors:
        parts.append("sectors " + ", ".join(s.replace("_", " ") for s in chosen.sectors))
    if chosen.organisations:
        parts.append("organisations " + ", ".join(chosen.organisations))
    if chosen.types:
        parts.append("entries of the kinds " + ", ".join(t.replace("_", " ") for t in chosen.types))
    if chosen.people:
        parts.append(f"entries naming {len(chosen.people)} chosen {'person' if len(chosen.people) == 1 else 'people'}")
    if chosen.occurred_from and chosen.occurred_to:
        parts.append(f"from {in_words(chosen.occurred_from)} to {in_words(chosen.occurred_to)}")
    elif chosen.occurred_from:
        parts.append(f"from {in_words(chosen.occurred_from)}")
    elif chosen.occurred_to:
        parts.append(f"up to {in_words(chosen.occurred_to)}")
    if chosen.significant_only:
        parts.append("significant entries only")
    return ("Filtered: " + "; ".join(parts)) if parts else "The whole chronology"


def period_errors(chosen: ChronologyFilter) -> dict[str, str]:
    if chosen.occurred_from and chosen.occurred_to and chosen.occurred_from > chosen.occurred_to:
        return {"to": "The end of the period must be the same as or after its start"}
    return {}
