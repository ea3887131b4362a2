"""`macpu cpis extract --output FILE` and `macpu cpis pending`, acting as the operator."""

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.pathway.models import CpisExtract
from macpu.pathway.tests.cpis_builders import DAY_ONE, MAISIE_VERIFIED, TOM_UNTRACED, plan_event, received_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _an_hour_after_the_plans_arrived() -> Iterator[None]:
    with time_machine.travel(DAY_ONE + dt.timedelta(hours=1), tick=False):
        yield


@pytest.fixture
def plans(operator: Actor, council: Organisation) -> str:
    """Maisie's plan and Tom's (no verified NHS number): Tom's child id."""
    _, tom = received_at(
        DAY_ONE,
        operator,
        plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED),
        plan_event("LCS-PLAN-2", "plan_started", "child_protection", "2026-04-01", TOM_UNTRACED),
    )
    assert tom.event is not None
    return str(tom.event.child_id)


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("cpis", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_extract_writes_the_file_and_prints_the_rows_and_flagged_children(plans: str, tmp_path: Path) -> None:
    # given
    output = tmp_path / "cpis.csv"
    # when
    out, _ = _run("extract", "--output", str(output))
    # then
    extract = CpisExtract.objects.get()
    assert out.splitlines() == [
        f"CP-IS file 1: 1 row written to {output}",
        f"SHA-256 {extract.sha256}",
        "1 plan held back until the NHS number is verified",
        "1 flagged child (see `macpu cpis pending`)",
    ]
    assert output.read_bytes() == extract.content.encode()
    assert AuditEvent.objects.get(action="pathway.cpis_extract_produced").actor_kind == "operator"
    # when: nothing new since
    again, _ = _run("extract", "--output", str(tmp_path / "again.csv"))
    # then
    assert again.splitlines()[0] == "Nothing to send: no CP-IS file produced"
    assert not (tmp_path / "again.csv").exists()


def test_extract_refuses_to_overwrite_a_file(plans: str, tmp_path: Path) -> None:
    output = tmp_path / "cpis.csv"
    output.write_text("kept")
    with pytest.raises(CommandError, match="exists already"):
        _run("extract", "--output", str(output))
    assert output.read_text() == "kept"
    assert not CpisExtract.objects.exists()


def test_pending_lists_the_rows_waiting_and_what_is_wrong(plans: str) -> None:
    out, err = _run("pending")
    lines = out.splitlines()
    assert lines[0].split("\t")[1:] == ["CPP", "2026-03-24", "open", "to send"]
    assert lines[1].split("\t") == [plans, "CPP", "2026-04-01", "open", "held back"]
    assert lines[2] == "1 row to send, 1 held back"
    assert f"{plans}: On a child protection plan without a verified NHS number" in err
    assert AuditEvent.objects.filter(action="pathway.cpis_pending_viewed", actor_kind="operator").count() == 1
