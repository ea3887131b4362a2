"""F2 for the organisations file: `macpu orgs import` loads all of a file or none of it.

A failure injected at row k of n (a bad row, a database error, an unexpected exception) leaves the database
fingerprint (every table's rows, every version, the audit chain's head) identical: the product records no
"import failed" event for an organisations file, so not even the audit head moves. A failure at a step row k
never reaches (an update for a new organisation) changes nothing: the file loads as it would have anyway.
"""

import csv
import io
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from hypothesis import event, given, note
from hypothesis import strategies as st

from macpu.audit import trail
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.core.versioning import save_versioned
from macpu.organisations import services
from macpu.organisations.models import Area, Organisation
from macpu.organisations.rules.import_rows import COLUMNS
from tests.reliability.faults import Fault, InjectedCrash, examples, undone
from tests.reliability.fingerprint import Delta, fingerprint

pytestmark = pytest.mark.django_db

Row = dict[str, str]


def _row(code: str, name: str, type: str, sector: str, parent_code: str = "", la_code: str = "873") -> Row:
    return {"code": code, "name": name, "type": type, "sector": sector, "parent_code": parent_code, "la_code": la_code}


# Already in macpu before each file: the parents, a practice and a school that a file may update.
KNOWN = (
    _row("QNB", "NHS Northbridge Integrated Care Board", "integrated_care_board", "health"),
    _row("RNB", "Northbridge Hospitals NHS Foundation Trust", "hospital", "health"),
    _row("Y91001", "Abbey Fields Surgery", "gp_practice", "health", "QNB"),
    _row("123456", "Hillside Primary School", "school", "education"),
)
POOL = (
    KNOWN[2],
    KNOWN[3],
    _row("Y91002", "Bridge Street Medical Centre", "gp_practice", "health", "QNB"),
    _row("RNB01", "Northbridge General Hospital Emergency Department", "emergency_department", "health", "RNB"),
    _row("RNB02", "Northbridge Maternity Service", "midwifery", "health", "RNB"),
    _row("NBP", "Northbridge Constabulary", "police", "police", la_code=""),
    _row("873", "Northbridge Council Children's Social Care", "childrens_social_care", "social_care"),
    _row("RNC", "Northbridge Community Health NHS Trust", "community_health", "health"),
    _row("RNC01", "Northbridge Health Visiting Service", "health_visiting", "health", "RNC"),
    _row("RNC02", "Northbridge School Nursing Service", "school_nursing", "health", "RNC"),
)
BAD_ROWS = {
    "bad code": {"code": "!!"},
    "school code not a URN": {"code": "NBS1", "type": "school", "sector": "education"},
    "unknown type": {"type": "spaceship"},
    "blank name": {"name": ""},
    "unknown sector": {"sector": "banking"},
    "wrong sector": {"sector": "justice"},
    "bad la code": {"la_code": "87"},
    "unknown parent": {"parent_code": "ZZ999"},
}
# Where row k's work can fail: creating its organisation (the INSERT refused), updating it (after the versioned
# UPDATE), auditing it (after the audit event), or once all its work, its areas included, is done.
SITES = ("create", "update", "audit", "row done")


@st.composite
def failing_files(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    picked = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=7, unique_by=lambda row: row["code"]))
    codes = {row["code"] for row in picked}
    if codes & {"RNC01", "RNC02"} and "RNC" not in codes:
        picked.insert(draw(st.integers(0, len(picked))), POOL[7])  # a parent in the file, anywhere in it
    rows = [row | {"name": f"{row['name']} (renamed)"} if draw(st.booleans()) else dict(row) for row in picked]
    return {
        "rows": rows,
        "k": draw(st.integers(1, len(rows))),
        "bad": draw(st.sampled_from(sorted(BAD_ROWS))) if kind == "bad row" else None,
        "site": draw(st.sampled_from(SITES)) if kind != "bad row" else None,
    }


def _write(path: Path, rows: list[Row]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _orgs_import(path: Path, rows: list[Row]) -> None:
    call_command("orgs", "import", str(_write(path, rows)), stdout=io.StringIO(), stderr=io.StringIO())


def _clean_import(path: Path, rows: list[Row]) -> Delta:
    with undone():
        before = fingerprint()
        _orgs_import(path, rows)
        return fingerprint().minus(before)


def _injected(fault: Fault) -> ExitStack:
    stack = ExitStack()
    real_upsert, real_save = services._upsert, Organisation.save

    def upsert(actor: Actor, row: Any, summary: services.ImportSummary) -> None:
        fault.current = row.code
        real_upsert(actor, row, summary)
        fault.hit("row done")
        fault.current = None

    def save(organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        if organisation._state.adding:
            fault.hit("create")
        real_save(organisation, *args, **kwargs)

    stack.enter_context(mock.patch.object(services, "_upsert", upsert))
    stack.enter_context(mock.patch.object(Organisation, "save", save))
    stack.enter_context(mock.patch.object(services, "save_versioned", fault.after("update", save_versioned)))
    stack.enter_context(mock.patch.object(trail, "record", fault.after("audit", trail.record)))
    return stack


@pytest.fixture
def known(tmp_path: Path) -> None:
    Area.objects.create(name="Northbridge", la_code="873", partnership_name="Northbridge Safeguarding Partnership")
    _orgs_import(tmp_path / "known.csv", list(KNOWN))


@pytest.mark.parametrize("kind", ["bad row", "database", "exception"])
@examples(30)  # for each of the 3 kinds of failure: 90 in all
@given(data=st.data())
def test_a_failure_at_any_row_loads_nothing(kind: str, data: st.DataObject, tmp_path: Path, known: None) -> None:
    case = data.draw(failing_files(kind))
    note(repr(case))
    rows, k = case["rows"], case["k"]
    if case["bad"]:
        rows = [*rows[: k - 1], rows[k - 1] | BAD_ROWS[case["bad"]], *rows[k:]]
    path = tmp_path / "orgs.csv"
    loads_anyway = _clean_import(path, rows) if not case["bad"] else None
    with undone():
        before = fingerprint()
        fault = Fault(kind=kind, site=case["site"] or "", target=rows[k - 1]["code"])
        # when
        raised: BaseException | None = None
        with _injected(fault):
            try:
                _orgs_import(path, rows)
            except (CommandError, DatabaseError, InjectedCrash) as error:
                raised = error
        after = fingerprint()
        # then
        event(f"{kind} at {case['site'] or case['bad']}: {'failed' if case['bad'] or fault.fired else 'never reached'}")
        assert audit_log_verify().intact
        if case["bad"] or fault.fired:
            expected = {"bad row": CommandError, "database": DatabaseError, "exception": InjectedCrash}[kind]
            assert isinstance(raised, expected), raised
            assert after == before  # every table, every version and the audit head as they were
        else:
            # the failure was at a step this row never takes: the file loads as it would have anyway
            assert raised is None
            assert after.minus(before) == loads_anyway
