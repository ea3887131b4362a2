"""Reading an agency extract into DuckDB and cleaning it there (ADR 0019).

The file is read as text; each distinct raw value of a checked field is cleaned once in Python by the pure
rules (`rules/extract.py`, `people.rules.cleaning`), each distinct name folded and keyed once
(`people.rules.names`), and the results are joined in DuckDB: 1,000,000 records have about 75,000 distinct
names, so no Python call is made per row. A rejected value is missing, with a warning naming its line.
"""

import codecs
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information

from macpu.linkage.rules.extract import (
    CHECKED_FIELDS,
    FIELDS,
    OPTIONAL_FIELDS,
    RECORD_ID,
    ExtractError,
    check_header,
    clean,
    clean_address,
    duplicate_error,
    other_canonical_given,
    warning,
)
from macpu.people.rules.names import canonical_given, first_part_phonetic, fold, phonetic

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Extract:
    path: Path
    source: str  # "left" or "right", or with --dedupe the file's name
    table: str  # the cleaned table's name in DuckDB
    table_source: str  # the name splink gives the dataset: "extract_left", "extract_right" or "extract"


@dataclass(frozen=True)
class Loaded:
    extract: Extract
    records: int
    columns: frozenset[str]  # the known columns the file has
    rejected: dict[str, int]  # values treated as missing, by field


def read_header(path: Path) -> tuple[str, ...]:
    """The file's header row, checked: ExtractError when it is not a readable CSV file with `record_id`."""
    try:
        with path.open("rb") as raw:
            head = raw.read(65536)
    except OSError as error:
        raise ExtractError(f"{path.name} cannot be read: {error.strerror}") from error
    if b"\0" in head:
        raise ExtractError(f"{path.name} is not a CSV file (it holds binary data)")
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head)
    except UnicodeDecodeError as error:
        raise ExtractError(f"{path.name} is not a CSV file in UTF-8") from error
    first = text.splitlines()[:1]
    if not first:
        raise ExtractError(f"{path.name} is empty: a CSV file with a header row is needed")
    header = next(csv.reader(first))
    return check_header(header, path.name)


def load(connection: duckdb.DuckDBPyConnection, extract: Extract, *, today: dt.date, warn: Warn) -> Loaded:
    """Read, check and clean one extract into the table `extract.table`."""
    header = read_header(extract.path)
    raw = f"{extract.table}_raw"
    _read_csv(connection, extract.path, header, raw)
    _refuse_duplicates(connection, raw, extract.path.name)
    rejected = _clean_checked_fields(connection, raw, extract.path.name, today=today, warn=warn)
    _key_names(connection, raw)
    _build(connection, raw, extract.table, with_address="address" in header)
    records = connection.sql(f"select count(*) from {extract.table}").fetchall()[0][0]  # noqa: S608  # names are our own; values bound
    connection.execute(f"drop table {raw}")
    columns = frozenset(c for c in header if c in FIELDS or c in OPTIONAL_FIELDS)
    return Loaded(extract, records, columns, rejected)


def _read_csv(connection: duckdb.DuckDBPyConnection, path: Path, header: tuple[str, ...], raw: str) -> None:
    known = [c for c in (RECORD_ID, *FIELDS, *OPTIONAL_FIELDS) if c in header]
    names = ", ".join("'" + c.replace("'", "''") + "'" for c in header)
    columns = ", ".join(
        [f"nullif(trim({c}), '') as {c}" for c in known]
        + [f"cast(null as varchar) as {c}" for c in (*FIELDS, *OPTIONAL_FIELDS) if c not in header]
    )
    try:
        # The file's order is kept while reading, so that row_number() is the line (after the header).
        connection.execute("set preserve_insertion_order = true")
        connection.execute(
            f"create table {raw} as select row_number() over () + 1 as line, {columns} from read_csv(?, "  # noqa: S608  # names are our own; values bound
            f"header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', names = [{names}], "
            "null_padding = true, encoding = 'utf-8')",
            [str(path)],
        )
    except duckdb.Error as error:
        raise ExtractError(f"{path.name} could not be read as CSV{_line_of(error)}") from None
    finally:
        connection.execute("set preserve_insertion_order = false")


def _line_of(error: duckdb.Error) -> str:
    """Where DuckDB stopped, without its message: the message quotes the line, and lines hold personal data."""
    found = re.search(r"[Ll]ine:? (\d+)", str(error))
    return f" (at line {found.group(1)})" if found else ""


def _refuse_duplicates(connection: duckdb.DuckDBPyConnection, raw: str, file_name: str) -> None:
    missing = connection.sql(f"select list(line order by line) from {raw} where record_id is null").fetchall()[0][0]  # noqa: S608  # names are our own; values bound
    if missing:
        lines = ", ".join(str(line) for line in missing[:10])
        raise ExtractError(
            f"{file_name}: {RECORD_ID} is empty on line {lines}{' and more' if len(missing) > 10 else ''}"
        )
    repeated = connection.sql(
        f"select list(line order by line) as lines from {raw} group by record_id having count(*) > 1 order by min(line)"  # noqa: S608  # names are our own; values bound
    ).fetchall()
    if repeated:
        raise duplicate_error(file_name, [row[0] for row in repeated])


def _clean_checked_fields(
    connection: duckdb.DuckDBPyConnection, raw: str, file_name: str, *, today: dt.date, warn: Warn
) -> dict[str, int]:
    rejected: dict[str, int] = {}
    for field in CHECKED_FIELDS:
        values = [
            row[0]
            for row in connection.sql(f"select distinct {field} from {raw} where {field} is not null").fetchall()  # noqa: S608  # names are our own; values bound
        ]
        cleaned = [clean(field, value, today=today) for value in values]
        _register(
            connection,
            f"clean_{field}",
            {"raw": values, "value": [c.value for c in cleaned], "problem": [c.problem for c in cleaned]},
        )
    for line, field, problem in connection.sql(_problems_sql(raw)).fetchall():
        warn(warning(file_name, line, field, problem))
        rejected[field] = rejected.get(field, 0) + 1
    return rejected


def _problems_sql(raw: str) -> str:
    parts = [
        f"select r.line, '{field}' as field, c.problem from {raw} r join clean_{field} c on r.{field} = c.raw "  # noqa: S608  # names are our own; values bound
        "where c.problem is not null"
        for field in CHECKED_FIELDS
    ]
    return " union all ".join(parts) + " order by line, field"


def _key_names(connection: duckdb.DuckDBPyConnection, raw: str) -> None:
    """Fold each distinct given and family name once, with its nickname and phonetic keys."""
    given = [
        r[0]
        for r in connection.sql(f"select distinct given_name from {raw} where given_name is not null").fetchall()  # noqa: S608  # names are our own; values bound
    ]
    folded = [fold(n) or None for n in given]
    _register(
        connection,
        "given_keys",
        {
            "raw": given,
            "name": folded,
            "canon": [canonical_given(n) or None if n else None for n in folded],
            "canon_alt": [other_canonical_given(n) or None if n else None for n in folded],
            "mp": [phonetic(n) or None if n else None for n in folded],
        },
    )
    family = [
        r[0]
        for r in connection.sql(f"select distinct family_name from {raw} where family_name is not null").fetchall()  # noqa: S608  # names are our own; values bound
    ]
    folded = [fold(n) or None for n in family]
    _register(
        connection,
        "family_keys",
        {
            "raw": family,
            "name": folded,
            "mp": [phonetic(n) or None if n else None for n in folded],
            "first": [n.split()[0] if n else None for n in folded],
            "last": [n.split()[-1] if n else None for n in folded],
            "first_mp": [first_part_phonetic(n) or None if n else None for n in folded],
        },
    )


def _register(connection: duckdb.DuckDBPyConnection, name: str, columns: dict[str, Iterable[object]]) -> None:
    table = pa.table({key: pa.array(list(values), type=pa.string()) for key, values in columns.items()})
    connection.register(f"{name}_arrow", table)
    connection.execute(f"create or replace table {name} as select * from {name}_arrow")  # noqa: S608  # names are our own; values bound
    connection.unregister(f"{name}_arrow")


def _build(connection: duckdb.DuckDBPyConnection, raw: str, table: str, *, with_address: bool) -> None:
    addresses = ""
    if with_address:
        values = [
            r[0]
            for r in connection.sql(f"select distinct address from {raw} where address is not null").fetchall()  # noqa: S608  # names are our own; values bound
        ]
        _register(connection, "clean_address", {"raw": values, "value": [clean_address(v) for v in values]})
        addresses = "left join clean_address a on a.raw = r.address"
    address = "a.value" if with_address else "cast(null as varchar)"
    connection.execute(f"""
    create or replace table {table} as
    with d as (
      select r.record_id, g.name as given_name, g.canon as given_canon,
        g.canon_alt as given_canon_alt, g.mp as given_mp,
        f.name as family_name, f.mp as family_mp, f.first as family_first, f.last as family_last,
        f.first_mp as family_first_mp, cast(b.value as date) as dob, s.value as sex, p.value as postcode,
        n.value as nhs_number, {address} as address
      from {raw} r
      left join given_keys g on g.raw = r.given_name
      left join family_keys f on f.raw = r.family_name
      left join clean_date_of_birth b on b.raw = r.date_of_birth
      left join clean_sex s on s.raw = r.sex
      left join clean_postcode p on p.raw = r.postcode
      left join clean_nhs_number n on n.raw = r.nhs_number
      {addresses}
    )
    select record_id as unique_id, given_name, given_canon, given_canon_alt, given_mp,
      substr(given_name, 1, 1) as given_initial, substr(given_name, 1, 2) as given_2,
      family_name, family_mp, family_first, family_last, family_first_mp, substr(family_name, 1, 2) as family_2,
      dob, strftime(dob, '%Y-%m-%d') as dob_s, year(dob) as yob, strftime(dob, '%m-%d') as dob_md,
      -- the date with day and month in either order: a swapped date falls in the same block
      year(dob) || '-' || least(month(dob), day(dob)) || '-' || greatest(month(dob), day(dob)) as dob_unordered,
      sex, postcode, split_part(postcode, ' ', 1) as postcode_district, nhs_number, address
    from d
    """)  # noqa: S608  # names are our own; values bound
