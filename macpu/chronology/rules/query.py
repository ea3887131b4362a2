"""A chronology's filters read back from the query of a link (`ChronologyFilter.as_query`), as an export keeps them."""

import datetime as dt
import uuid
from collections.abc import Iterable

from macpu.chronology.rules.filters import ChronologyFilter


def filter_from_query(query: Iterable[tuple[str, str] | list[str]]) -> ChronologyFilter:
    """The filter a query states; the query was written by `as_query`, so its values are well formed."""
    given: dict[str, list[str]] = {}
    for name, value in query:
        given.setdefault(name, []).append(value)

    def day(name: str) -> dt.date | None:
        return dt.date.fromisoformat(given[name][0]) if given.get(name) else None

    return ChronologyFilter(
        sectors=tuple(given.get("sector", ())),
        organisations=tuple(given.get("org", ())),
        types=tuple(given.get("type", ())),
        occurred_from=day("from"),
        occurred_to=day("to"),
        people=tuple(uuid.UUID(value) for value in given.get("person", ())),
        significant_only="yes" in given.get("significant", ()),
        oldest_first="oldest" in given.get("order", ()),
    )
