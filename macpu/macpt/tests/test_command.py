"""`macpu macpt check`: each team and its missing places; exit 1 when any team misses one, 0 otherwise."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.macpt.models import MacpTeam
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.tests.conftest import TEAM_NAME, add_member
from macpu.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_team_missing_a_place_is_printed_with_the_place_and_exits_1(
    capsys: pytest.CaptureFixture[str], team_without_police: MacpTeam
) -> None:
    with pytest.raises(CommandError) as failed:
        call_command("macpt", "check")
    assert failed.value.returncode == 1
    assert str(failed.value) == "1 of 1 teams miss a statutory place"
    assert capsys.readouterr().out.splitlines() == [
        f"Northbridge (873): {TEAM_NAME}: 1 of 4 statutory places missing; 3 current members",
        "  missing: The team has no constable or relevant police employee with experience in child protection, "
        "nominated by the chief officer of police for the area (Children Act 2004 s.16EA(4)(d)).",
    ]
    event = AuditEvent.objects.get(action="macpt.checked")
    assert (event.outcome, event.actor_kind) == ("failed", "operator")
    assert event.details["incomplete"] == 1


def test_complete_teams_exit_0(
    capsys: pytest.CaptureFixture[str], operator: Actor, team_without_police: MacpTeam, police_force: Organisation
) -> None:
    add_member(operator, team_without_police, police_force, Place.POLICE, NominatingBody.CHIEF_OFFICER_OF_POLICE)
    call_command("macpt", "check")
    assert capsys.readouterr().out == f"Northbridge (873): {TEAM_NAME}: complete; 4 current members\n"
    assert AuditEvent.objects.get(action="macpt.checked").outcome == "succeeded"


def test_on_checks_the_team_as_it_stood_that_day(capsys: pytest.CaptureFixture[str], team: MacpTeam) -> None:
    # Before the team's members joined, and with no members at all, every place is missing.
    with pytest.raises(CommandError):
        call_command("macpt", "check", "--on", (team.established_on - dt.timedelta(days=1)).isoformat())
    assert capsys.readouterr().out.count("  missing: ") == 4


def test_no_teams_exits_0_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("macpt", "check")
    assert capsys.readouterr().out == "No multi-agency child protection team is recorded.\n"


def test_a_bad_date_from_the_shell_exits_2_naming_the_argument() -> None:
    # Refused before any database is opened, so the real console script can run it.
    macpu = Path(sys.executable).with_name("macpu")
    environment = {**os.environ, "MACPU_ENV": "test"}
    arguments = [str(macpu), "macpt", "check", "--on", "2026-02-30"]
    done = subprocess.run(arguments, capture_output=True, text=True, env=environment, check=False)  # noqa: S603  # our own script, fixed arguments
    assert (done.returncode, done.stdout) == (2, "")
    assert "argument --on: must be a real date written YYYY-MM-DD, not '2026-02-30'" in done.stderr
