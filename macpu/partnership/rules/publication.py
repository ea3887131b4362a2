"""The dashboard's sections as published: plain dictionaries (the API and `macpu report partnership`), CSV files and
chart geometry (the page's SVG). All read the suppressed tables, so every output shows the same figures."""

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from macpu.partnership.rules.dashboard import DashboardTable, Section
from macpu.partnership.rules.suppression import EXPLANATION, MARKER, SMALLEST_SHOWN, Figure

SUPPRESSION_NOTE = {
    "smallest_shown": SMALLEST_SHOWN,
    "withheld_as": "null",
    "explanation": "A count from 1 to 4 is withheld (null; [c] in the CSV files and on the page), and so is any "
    "other figure that would let it be worked out from a total, and any rate or median computed on it.",
}


def _table_as_dict(table: DashboardTable) -> dict[str, Any]:
    counts = table.table
    keys = table.row_keys or tuple(row.label for row in counts.rows)
    return {
        "key": table.key,
        "caption": table.caption,
        "row_heading": table.row_heading,
        "columns": list(counts.columns),
        "derived_titles": {derived.key: derived.title for derived in table.derived},
        "rows": [
            {
                "key": key,
                "name": row.label,
                "counts": [f.value for f in row.cells],
                "total": row.total.value,
                "derived": {derived.key: derived.values[n] for derived in table.derived},
            }
            for n, (key, row) in enumerate(zip(keys, counts.rows, strict=True))
        ],
        "column_totals": [f.value for f in counts.column_totals] if counts.column_totals is not None else None,
        "grand_total": counts.grand_total.value if counts.grand_total is not None else None,
    }


def section_as_dict(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "summary": section.summary,
        "tables": [_table_as_dict(table) for table in section.tables],
    }


def dashboard_as_dict(
    start: dt.date, end: dt.date, area_code: str | None, as_of: dt.date, sections: Sequence[Section]
) -> dict[str, Any]:
    """The dashboard as one object with a key for each section: the API's answer and `macpu report partnership`."""
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "area": area_code,
        "as_of": as_of.isoformat(),
        "suppression": SUPPRESSION_NOTE,
        **{section.key: section_as_dict(section) for section in sections},
    }


def _text(value: float | None) -> str:
    if value is None:
        return MARKER
    return str(int(value)) if float(value).is_integer() else str(value)


def section_csv(section: Section) -> str:
    """The section's tables, one after another, each headed by its caption; withheld figures are `[c]`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([section.title])
    for table in section.tables:
        counts = table.table
        writer.writerow([])
        writer.writerow([table.caption])
        writer.writerow([table.row_heading, *counts.columns, "Total", *(d.title for d in table.derived)])
        for n, row in enumerate(counts.rows):
            derived = [_text(d.values[n]) for d in table.derived]
            writer.writerow([row.label, *(str(f) for f in row.cells), str(row.total), *derived])
        if counts.column_totals is not None and counts.grand_total is not None:
            writer.writerow(["Total", *(str(f) for f in counts.column_totals), str(counts.grand_total)])
    writer.writerow([])
    writer.writerow([EXPLANATION])
    return out.getvalue()


PALETTE = ("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f")
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT, TOP = 250, 330, 26, 10


@dataclass(frozen=True)
class Segment:
    x: int
    width: int
    colour: str
    column: str
    value: int


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    segments: tuple[Segment, ...]
    total: str  # the row's published total, or [c]
    total_x: int


@dataclass(frozen=True)
class Key:
    y: int
    column: str
    colour: str


@dataclass(frozen=True)
class Chart:
    height: int
    bars: tuple[Bar, ...]
    legend: tuple[Key, ...]


def _shown(figures: Sequence[Figure]) -> int:
    return sum(f.value or 0 for f in figures)


def chart_of(table: DashboardTable) -> Chart:
    """A horizontal bar for each row, made of a segment for each published count: withheld counts are not drawn,
    so the picture reveals nothing the table withholds."""
    counts = table.table
    scale = max((_shown(row.cells) for row in counts.rows), default=0) or 1
    bars = []
    for n, row in enumerate(counts.rows):
        x, segments = LABEL_WIDTH, []
        for c, figure in enumerate(row.cells):
            if figure.value:
                width = max(1, round(BAR_WIDTH * figure.value / scale))
                segments.append(Segment(x, width, PALETTE[c % len(PALETTE)], counts.columns[c], figure.value))
                x += width
        bars.append(Bar(TOP + n * ROW_HEIGHT, row.label, tuple(segments), str(row.total), x + 6))
    legend_y = TOP + len(bars) * ROW_HEIGHT + 10
    legend = tuple(Key(legend_y + 18 * c, column, PALETTE[c % len(PALETTE)]) for c, column in enumerate(counts.columns))
    return Chart(legend_y + 18 * len(legend) + 4, tuple(bars), legend)


def rows_with_derived(table: DashboardTable) -> list[tuple[Any, list[float | None]]]:
    """Each published row with its derived figures (rates, medians), in the order of `table.derived`."""
    return [(row, [d.values[n] for d in table.derived]) for n, row in enumerate(table.table.rows)]
