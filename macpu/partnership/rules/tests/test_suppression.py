"""Small-number suppression: no published figure is a count from 1 to 4, and none can be worked out by subtraction."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macpu.partnership.rules.suppression import (
    Figure,
    SuppressedTable,
    rate,
    shown_median,
    suppress_table,
)

# Small counts are drawn often: they are what suppression is about.
counts = st.integers(min_value=0, max_value=30) | st.integers(min_value=0, max_value=4)


@st.composite
def tables(draw: st.DrawFn) -> list[list[int]]:
    width = draw(st.integers(min_value=1, max_value=5))
    cells = draw(st.lists(counts, max_size=30))
    return [cells[start : start + width] for start in range(0, len(cells) - width + 1, width)]


# Generation is cheap; on a busy shared machine it can still look slow to Hypothesis's health check.
cheap = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _published(rows: list[list[int]], with_column_totals: bool) -> SuppressedTable:
    columns = [f"c{n}" for n in range(len(rows[0]))] if rows else ["c0"]
    return suppress_table(
        columns, [(f"r{n}", row) for n, row in enumerate(rows)], with_column_totals=with_column_totals
    )


def _true_lines(rows: list[list[int]], with_column_totals: bool) -> list[list[int]]:
    """The true values of `_lines`, in the same order."""
    width = len(rows[0]) if rows else 1
    lines = [[*row, sum(row)] for row in rows]
    if with_column_totals:
        totals = [sum(row[c] for row in rows) for c in range(width)]
        lines += [[*(row[c] for row in rows), totals[c]] for c in range(width)]
        lines.append([*(sum(row) for row in rows), sum(totals)])
        lines.append([*totals, sum(totals)])
    return lines


def _lines(table: SuppressedTable) -> list[list[Figure]]:
    lines = [[*row.cells, row.total] for row in table.rows]
    if table.column_totals is not None and table.grand_total is not None:
        for c, total in enumerate(table.column_totals):
            lines.append([*(row.cells[c] for row in table.rows), total])
        lines.append([*(row.total for row in table.rows), table.grand_total])
        lines.append([*table.column_totals, table.grand_total])
    return lines


@cheap
@given(tables(), st.booleans())
def test_no_figure_shown_is_from_1_to_4(rows: list[list[int]], with_column_totals: bool) -> None:
    table = _published(rows, with_column_totals)
    for line in _lines(table):
        assert all(f.value is None or not 1 <= f.value <= 4 for f in line)


@cheap
@given(tables(), st.booleans())
def test_no_withheld_figure_can_be_worked_out_from_its_line(rows: list[list[int]], with_column_totals: bool) -> None:
    # A line is cells adding up to a total. Zero is never withheld, so each withheld entry is 1 or more: with the
    # total shown, the withheld cells add up to the total minus the shown ones, which gives back a single one, and
    # several when that remainder equals their number (each is then 1).
    table = _published(rows, with_column_totals)
    truth = _true_lines(rows, with_column_totals)
    for line, values in zip(_lines(table), truth, strict=True):
        withheld = [value for figure, value in zip(line, values, strict=True) if figure.suppressed]
        assert len(withheld) != 1
        assert 0 not in withheld
        if withheld and not line[-1].suppressed:
            assert sum(withheld) > len(withheld)


def _null_space(equations: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of the vectors v with every equation's row times v equal to 0 (written apart from the module's own
    elimination, so that the test does not check the code with itself)."""
    rows = [row[:] for row in equations]
    pivot_of: dict[int, int] = {}
    rank = 0
    for column in range(width):
        at = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if at is None:
            continue
        rows[rank], rows[at] = rows[at], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [value / lead for value in rows[rank]]
        for i in range(len(rows)):
            if i != rank and rows[i][column] != 0:
                rows[i] = [a - rows[i][column] * b for a, b in zip(rows[i], rows[rank], strict=True)]
        pivot_of[column] = rank
        rank += 1
    basis = []
    for free in (c for c in range(width) if c not in pivot_of):
        vector = [Fraction(0)] * width
        vector[free] = Fraction(1)
        for column, row in pivot_of.items():
            vector[column] = -rows[row][free]
        basis.append(vector)
    return basis


def _assert_nothing_fixed(table: SuppressedTable) -> None:
    """Each line is an equation in the withheld figures; one is given back when every solution agrees on it, that
    is when no vector of the equations' null space moves it."""
    lines = _lines(table)
    withheld = sorted({id(f): f for line in lines for f in line if f.suppressed}.keys())
    if not withheld:
        return
    index = {key: n for n, key in enumerate(withheld)}
    equations = []
    for line in lines:
        row = [Fraction(0)] * len(withheld)
        for position, figure in enumerate(line):
            if figure.suppressed:
                row[index[id(figure)]] += -1 if position == len(line) - 1 else 1
        equations.append(row)
    moved = {n for vector in _null_space(equations, len(withheld)) for n, value in enumerate(vector) if value != 0}
    assert moved == set(range(len(withheld)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.booleans())
def test_no_withheld_figure_is_fixed_by_the_lines_together(rows: list[list[int]], with_column_totals: bool) -> None:
    _assert_nothing_fixed(_published(rows, with_column_totals))


def test_a_rectangle_of_withheld_cells_does_not_give_back_a_column_total() -> None:
    # Row by row nothing is given back, yet health's and education's totals, less the strategy discussions' column,
    # would give the 3 signposted: the lines together are checked, not each alone.
    columns = ["No further action", "Signposted", "Assessment", "Strategy discussion"]
    rows = [
        ("police", [0, 0, 0, 8]),
        ("health", [0, 2, 14, 4]),
        ("education", [0, 1, 8, 5]),
        ("family", [2, 0, 0, 0]),
        ("neighbour", [5, 0, 0, 0]),
        ("anonymous", [3, 0, 0, 0]),
    ]
    table = suppress_table(columns, rows)
    assert table.column_totals is not None
    assert table.column_totals[1].suppressed
    _assert_nothing_fixed(table)


@cheap
@given(tables(), st.booleans())
def test_every_figure_shown_is_the_true_count(rows: list[list[int]], with_column_totals: bool) -> None:
    table = _published(rows, with_column_totals)
    for published, true in zip(table.rows, rows, strict=True):
        assert all(f.value in (None, value) for f, value in zip(published.cells, true, strict=True))
        assert published.total.value in (None, sum(true))


@cheap
@given(tables())
def test_a_table_without_small_counts_is_published_whole(rows: list[list[int]]) -> None:
    big = [[0 if n < 5 else n for n in row] for row in rows]
    table = _published(big, True)
    assert not table.any_suppressed


def test_a_small_cell_and_the_smallest_other_cell_of_its_row_are_withheld() -> None:
    table = suppress_table(["within", "over"], [("referral to decision", [3, 40]), ("to conference", [20, 30])])
    first = table.rows[0]
    assert [str(f) for f in (*first.cells, first.total)] == ["[c]", "[c]", "43"]
    # the columns then need a second withheld cell each: the smallest in each column's other rows
    assert [str(f) for f in table.rows[1].cells] == ["[c]", "[c]"]
    assert str(table.grand_total) == "93"


def test_a_small_total_is_withheld_with_its_cells() -> None:
    table = suppress_table(["n"], [("schools", [2]), ("police", [12])], with_column_totals=False)
    assert (table.rows[0].cells[0].value, table.rows[0].total.value) == (None, None)
    assert table.rows[1].total.value == 12
    assert table.column_totals is None


def test_zero_is_shown() -> None:
    table = suppress_table(["a", "b"], [("row", [0, 12])])
    assert [f.value for f in table.rows[0].cells] == [0, 12]


def test_two_withheld_ones_are_protected_by_a_third_figure() -> None:
    # 1 and 1 beside a shown total of 12 would each be 12 - 10 - 1: the 10 is withheld too.
    table = suppress_table(["a", "b", "c"], [("row", [1, 1, 10])], with_column_totals=False)
    assert [f.value for f in (*table.rows[0].cells, table.rows[0].total)] == [None, None, None, 12]


def test_a_withheld_total_s_row_of_zeros_stays_shown() -> None:
    # Withholding zeros would protect nothing: their row's total would show them to be nought.
    table = suppress_table(["a", "b"], [("x", [3, 0]), ("y", [0, 0]), ("z", [20, 9])])
    assert [f.value for f in table.rows[1].cells] == [0, 0]
    assert table.rows[1].total.value == 0


def test_rates_and_medians_on_withheld_counts_are_withheld() -> None:
    assert rate(Figure(None), Figure(20)) is None
    assert rate(Figure(6), Figure(None)) is None
    assert rate(Figure(5), Figure(0)) is None
    assert rate(Figure(5), Figure(20)) == 25.0
    assert shown_median([1, 2, 3], Figure(None)) is None
    assert shown_median([1, 2, 3, 4, 9], Figure(5)) == 3.0
