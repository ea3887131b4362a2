"""Validation of an organisations file (`code,name,type,sector,parent_code,la_code`), line by line.

Pure: the caller reads the file and says which codes already exist. Every problem
is reported with its line (the header is line 1) and field, so a person can fix
the file; a file with any problem loads nothing.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from macpu.organisations.rules.codes import code_problem, la_code_problem, normalise_code
from macpu.organisations.rules.vocabulary import SECTORS_FOR_TYPE, OrganisationType, Sector

COLUMNS = ("code", "name", "type", "sector", "parent_code", "la_code")
REQUIRED_COLUMNS = ("code", "name", "type", "sector")


@dataclass(frozen=True)
class OrganisationRow:
    line: int
    code: str
    name: str
    type: OrganisationType
    sector: Sector
    parent_code: str
    la_code: str


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


def header_errors(header: Iterable[str] | None) -> list[RowError]:
    """Problems with line 1: it must name the columns, in any order, with no unknown ones."""
    if header is None:
        return [RowError(1, "header", f"the file is empty; expected the header {','.join(COLUMNS)}")]
    names = [name.strip() for name in header]
    errors = [RowError(1, column, "column is missing") for column in REQUIRED_COLUMNS if column not in names]
    errors += [RowError(1, name or "(blank)", "is not a known column") for name in names if name not in COLUMNS]
    return errors


def _enum_problem(value: str, allowed: Iterable[str], what: str) -> str | None:
    if value in set(allowed):
        return None
    return f"{value!r} is not {what}; expected one of {', '.join(sorted(allowed))}"


def _parse_row(line: int, raw: Mapping[str, str | None]) -> tuple[OrganisationRow | None, list[RowError]]:
    value = {column: (raw.get(column) or "").strip() for column in COLUMNS}
    code, parent_code = normalise_code(value["code"]), normalise_code(value["parent_code"])
    errors: list[RowError] = []

    def problem(field: str, message: str | None) -> None:
        if message:
            errors.append(RowError(line, field, message))

    type_problem = _enum_problem(value["type"], [t.value for t in OrganisationType], "an organisation type")
    problem("type", type_problem)
    organisation_type = None if type_problem else OrganisationType(value["type"])
    problem("code", code_problem(code, organisation_type))
    problem("name", None if value["name"] else "is required")
    problem("sector", _enum_problem(value["sector"], [s.value for s in Sector], "a sector"))
    if organisation_type and not errors and Sector(value["sector"]) not in SECTORS_FOR_TYPE[organisation_type]:
        allowed = ", ".join(sorted(SECTORS_FOR_TYPE[organisation_type]))
        problem("sector", f"a {organisation_type} organisation must be in the sector {allowed}")
    problem("la_code", la_code_problem(value["la_code"]))
    problem("parent_code", "an organisation cannot be its own parent" if parent_code and parent_code == code else None)
    if errors or organisation_type is None:
        return None, errors
    row = OrganisationRow(
        line, code, value["name"], organisation_type, Sector(value["sector"]), parent_code, value["la_code"]
    )
    return row, []


def _parent_errors(rows: list[OrganisationRow], existing_codes: frozenset[str]) -> list[RowError]:
    in_file = {row.code: row for row in rows}
    errors = []
    for row in rows:
        if row.parent_code and row.parent_code not in in_file and row.parent_code not in existing_codes:
            errors.append(RowError(row.line, "parent_code", f"{row.parent_code!r} is not in this file or in macpu"))
            continue
        seen, parent = {row.code}, in_file.get(row.parent_code)
        while parent is not None:
            if parent.code in seen:
                errors.append(RowError(row.line, "parent_code", "the parents of this organisation form a loop"))
                break
            seen.add(parent.code)
            parent = in_file.get(parent.parent_code)
    return errors


def validate_rows(
    rows: Iterable[tuple[int, Mapping[str, str | None]]], *, existing_codes: frozenset[str]
) -> tuple[list[OrganisationRow], list[RowError]]:
    """Parse and check every row; the rows come back ordered so each parent precedes its children."""
    parsed: list[OrganisationRow] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        row, row_errors = _parse_row(line, raw)
        errors += row_errors
        if row is None:
            continue
        if row.code in first_line:
            errors.append(RowError(line, "code", f"{row.code!r} is already on line {first_line[row.code]}"))
            continue
        first_line[row.code] = line
        parsed.append(row)
    errors += _parent_errors(parsed, existing_codes)
    errors.sort(key=lambda error: error.line)
    return (_parents_first(parsed) if not errors else []), errors


def _parents_first(rows: list[OrganisationRow]) -> list[OrganisationRow]:
    in_file = {row.code: row for row in rows}

    def depth(row: OrganisationRow) -> int:
        parent = in_file.get(row.parent_code)
        return 0 if parent is None else 1 + depth(parent)

    return sorted(rows, key=lambda row: (depth(row), row.line))
