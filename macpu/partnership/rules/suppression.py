"""Small-number suppression (ADR 0022): no published figure may reveal a count from 1 to 4.

A count of 1 to 4 children, referrals or meetings in an area and a period can identify a child. Every table the
partnership dashboard publishes (on the page, in its CSV files, in the API and from `macpu report partnership`)
goes through `suppress_table`, so all four show the same figures:

1. **Primary suppression.** Every entry from 1 to 4 (a cell, a row total, a column total or the grand total) is
   withheld. Zero is shown: it identifies no one.
2. **Secondary suppression.** A table is a set of *lines*: each row with its row total and, when the table
   publishes column totals, each column with its column total (and the totals row with the grand total). Whenever
   a line's withheld entries could be worked out from the rest of it (exactly one withheld, whose value is the
   total minus the other entries; or several that the remainder shows must all be 1, as zero is never withheld),
   the smallest other non-zero entry of the line is withheld too (a cell before a total), and again until no line
   gives any withheld entry back.
3. **Across lines.** The lines together may still pin a withheld figure (a rectangle of withheld cells whose rows
   and columns are shown: two row totals less a column's shown cells give back a column total). Every withheld
   figure that the table's equations fix, however combined, takes another figure with it, until none is fixed.

Rates and medians computed on a withheld count are withheld with it (`rate`, `shown_median`).
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

SMALLEST_SHOWN = 5  # counts from 1 to SMALLEST_SHOWN - 1 are withheld
MARKER = "[c]"  # how a withheld figure is written in the CSV files (the ONS convention)
EXPLANATION = (
    "[c] suppressed: fewer than 5, or withheld so that a figure fewer than 5 cannot be worked out from the totals"
)


@dataclass(frozen=True)
class Figure:
    """One published count: `value` is None when it is withheld."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return MARKER if self.value is None else str(self.value)


@dataclass(frozen=True)
class SuppressedRow:
    label: str
    cells: tuple[Figure, ...]
    total: Figure


@dataclass(frozen=True)
class SuppressedTable:
    columns: tuple[str, ...]
    rows: tuple[SuppressedRow, ...]
    column_totals: tuple[Figure, ...] | None  # None: the table publishes no totals row
    grand_total: Figure | None

    @property
    def any_suppressed(self) -> bool:
        figures = [f for row in self.rows for f in (*row.cells, row.total)]
        figures += [*(self.column_totals or ()), *([self.grand_total] if self.grand_total else [])]
        return any(f.suppressed for f in figures)


def is_disclosive(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def _lines(n_rows: int, n_cols: int, with_column_totals: bool) -> list[list[tuple[int, int]]]:
    """The entries of the augmented grid (row `n_rows` holds the column totals, column `n_cols` the row totals) that
    add up: each line's last entry is its total."""
    lines = [[(r, c) for c in range(n_cols + 1)] for r in range(n_rows)]
    if with_column_totals:
        lines += [[(r, c) for r in range(n_rows + 1)] for c in range(n_cols + 1)]
        lines.append([(n_rows, c) for c in range(n_cols + 1)])
    return lines


def _exposed(line: list[tuple[int, int]], grid: list[list[int]], hidden: set[tuple[int, int]]) -> bool:
    """Whether the line's withheld entries could be worked out from the rest of it.

    Zero is never withheld, so a withheld entry is known to be 1 or more. With the line's total shown, the withheld
    cells add up to the total minus the shown ones: a single withheld entry is that remainder, and several are all
    1 when the remainder equals their number. A withheld total alone is the sum of the shown cells.
    """
    withheld = [entry for entry in line if entry in hidden]
    if len(withheld) == 1:
        return True
    total = line[-1]
    if not withheld or total in hidden:
        return False
    remainder = sum(grid[r][c] for r, c in withheld)
    return remainder == len(withheld)


def _equations(lines: list[list[tuple[int, int]]], hidden: list[tuple[int, int]]) -> list[list[Fraction]]:
    """Each line that has a withheld entry as an equation in the withheld entries: cells minus total is what the
    shown entries leave (the right-hand side does not matter to which entries it pins)."""
    index = {entry: n for n, entry in enumerate(hidden)}
    equations = []
    for line in lines:
        row = [Fraction(0)] * len(hidden)
        for position, entry in enumerate(line):
            if entry in index:
                row[index[entry]] += -1 if position == len(line) - 1 else 1
        if any(row):
            equations.append(row)
    return equations


def _pinned(equations: list[list[Fraction]], width: int) -> list[int]:
    """The withheld entries (by position) that the equations together fix, however they are combined: those whose
    unit vector is in the equations' row space, read from the reduced row echelon form."""
    rows = [row[:] for row in equations]
    pivots: list[tuple[int, int]] = []
    for column in range(width):
        at = next((i for i in range(len(pivots), len(rows)) if rows[i][column] != 0), None)
        if at is None:
            continue
        top = len(pivots)
        rows[top], rows[at] = rows[at], rows[top]
        rows[top] = [value / rows[top][column] for value in rows[top]]
        for i, row in enumerate(rows):
            if i != top and row[column] != 0:
                factor = row[column]
                rows[i] = [a - factor * b for a, b in zip(row, rows[top], strict=True)]
        pivots.append((top, column))
    return [column for top, column in pivots if sum(value != 0 for value in rows[top]) == 1]


def _next_to_withhold(
    grid: list[list[int]],
    near: list[list[tuple[int, int]]],
    lines: list[list[tuple[int, int]]],
    hidden: set[tuple[int, int]],
) -> tuple[int, int] | None:
    """The smallest shown non-zero entry of the lines `near` (a cell before a total, then the first in order); else
    of the whole table. A withheld zero protects nothing: a shown total would show it to be nought."""
    for candidates in (near, lines):
        shown = {(e, e == line[-1]) for line in candidates for e in line if e not in hidden and grid[e[0]][e[1]] > 0}
        if shown:
            entry, _ = min(shown, key=lambda pair: (pair[1], grid[pair[0][0]][pair[0][1]], pair[0]))
            return entry
    return None


def _withheld(grid: list[list[int]], lines: list[list[tuple[int, int]]]) -> set[tuple[int, int]]:
    hidden = {(r, c) for r, row in enumerate(grid) for c, value in enumerate(row) if is_disclosive(value)}
    while True:
        exposed = next((line for line in lines if _exposed(line, grid, hidden)), None)
        if exposed is not None:
            near = [exposed]
        else:
            ordered = sorted(hidden)
            pinned = _pinned(_equations(lines, ordered), len(ordered))
            if not pinned:
                return hidden
            near = [line for line in lines if ordered[pinned[0]] in line]
        entry = _next_to_withhold(grid, near, lines, hidden)
        if entry is None:
            return hidden
        hidden.add(entry)


def suppress_table(
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    with_column_totals: bool = True,
) -> SuppressedTable:
    """The table of counts `rows` (each a label and one count per column) with its totals, safe to publish."""
    for label, counts in rows:
        if len(counts) != len(columns):
            raise ValueError(f"row {label!r} has {len(counts)} counts for {len(columns)} columns")
        if any(count < 0 for count in counts):
            raise ValueError(f"row {label!r} has a negative count")
    n_rows, n_cols = len(rows), len(columns)
    grid = [[*counts, sum(counts)] for _, counts in rows]
    grid.append([sum(grid[r][c] for r in range(n_rows)) for c in range(n_cols + 1)])
    hidden = _withheld(grid, _lines(n_rows, n_cols, with_column_totals))

    def figure(r: int, c: int) -> Figure:
        return Figure(None if (r, c) in hidden else grid[r][c])

    published = tuple(
        SuppressedRow(label, tuple(figure(r, c) for c in range(n_cols)), figure(r, n_cols))
        for r, (label, _) in enumerate(rows)
    )
    if not with_column_totals:
        return SuppressedTable(tuple(columns), published, None, None)
    totals = tuple(figure(n_rows, c) for c in range(n_cols))
    return SuppressedTable(tuple(columns), published, totals, figure(n_rows, n_cols))


def withhold_all(table: SuppressedTable) -> SuppressedTable:
    """The table with every figure withheld: for a table whose total another table had to withhold."""
    hidden = Figure(None)
    rows = tuple(SuppressedRow(row.label, tuple(hidden for _ in row.cells), hidden) for row in table.rows)
    totals = None if table.column_totals is None else tuple(hidden for _ in table.column_totals)
    return SuppressedTable(table.columns, rows, totals, None if table.grand_total is None else hidden)


def rate(numerator: Figure, denominator: Figure) -> float | None:
    """`numerator` as a percentage of `denominator`, to one decimal place; None when either is withheld (a rate on a
    withheld count would give it back) or there is nothing to divide by."""
    if numerator.value is None or denominator.value is None or denominator.value == 0:
        return None
    return round(100 * numerator.value / denominator.value, 1)


def shown_median(values: Sequence[int], count: Figure) -> float | None:
    """The median of `values`, published only beside a shown, non-zero `count` of them: the median of 1 to 4 values
    is one child's own figure."""
    if count.value is None or count.value == 0 or not values:
        return None
    return float(statistics.median(values))
