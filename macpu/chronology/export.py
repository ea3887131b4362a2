"""The chronology's public shape for machines: one mapping per entry (JSON) and one row per entry (CSV).

The API, `macpu chronology` and the CSV export all use it, so the three agree.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from macpu.chronology.selectors import Entry

CSV_FIELDS = (
    "occurred_at",
    "date_is_approximate",
    "recorded_at",
    "type",
    "title",
    "org",
    "org_name",
    "sector",
    "author_role",
    "record_id",
    "summary",
    "sensitivity",
    "withheld",
    "significant",
    "sources",
    "same_fact_reason",
)


def entry_as_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": str(entry.id),
        "child_id": str(entry.child_id),
        "occurred_at": entry.occurred,
        "date_is_approximate": entry.date_is_approximate,
        "recorded_at": entry.recorded,
        "type": entry.type,
        "title": entry.title,
        "org": entry.org,
        "org_name": entry.org_name,
        "sector": entry.sector,
        "author_role": entry.author_role,
        "record_id": entry.record_id,
        "summary": entry.summary,
        "sensitivity": entry.sensitivity,
        "withheld": entry.withheld,
        "contact": entry.contact,
        "sources": [
            {"org": s.org, "record_id": s.record_id, "entry_id": str(s.entry_id) if s.entry_id else None}
            for s in entry.sources
        ],
        "same_fact_reason": entry.same_fact_reason,
        "significant": entry.significant,
        "notes": [
            {
                "author_name": n.author_name,
                "author_role": n.author_role,
                "organisation": n.organisation,
                "written_at": n.written_at.isoformat(),
                "significant": n.significant,
                "note": n.note,
            }
            for n in entry.notes
        ],
        "related": [
            {"id": str(r.id), "relation": r.relation, "occurred_on": r.occurred_on.isoformat(), "title": r.title}
            for r in entry.related
        ],
        "marks": [{"tag": m.tag, "text": m.text, "href": m.href} for m in entry.marks],
    }


def csv_lines(entries: Iterable[Entry]) -> Iterator[str]:
    """The CSV, a line at a time (so a long chronology streams): a header, then one row per entry."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield flush()
    for entry in entries:
        row = entry_as_dict(entry)
        row["sources"] = ";".join(f"{s['org']}:{s['record_id']}" for s in row["sources"])
        writer.writerow({name: _safe(row[name]) for name in CSV_FIELDS})
        yield flush()


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is shown as text (CSV injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value
