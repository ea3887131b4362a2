"""Small dataclasses that cross app boundaries."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ChronologyEntry:
    """One dated entry of a child's chronology, with where it came from."""

    occurred_on: dt.date
    kind: str
    title: str
    source_organisation: str
    detail: str = ""
    occurred_at: dt.datetime | None = None
    approximate: bool = False
    recorded_at: dt.datetime | None = None
    sector: str = ""
    author_role: str = ""
    record_id: str = ""
    sensitivity: str = "standard"
    withheld: bool = False
    contact: str = ""
