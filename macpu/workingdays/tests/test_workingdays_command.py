"""`macpu workingdays`: the outputs scripts depend on, and bad input refused with the argument named."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.access.models import User
from macpu.workingdays.services import proclaimed_holiday_add
from tests.builders import actor_of

pytestmark = pytest.mark.django_db


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    call_command("workingdays", *args)
    return capsys.readouterr().out


def test_add_prints_one_iso_date_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", "2025-12-19", "15") == "2026-01-14\n"
    assert run(capsys, "add", "2026-03-27", "10") == "2026-04-14\n"


def test_add_of_no_working_days_prints_the_date_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", "2025-12-25", "0") == "2025-12-25\n"


def test_between_prints_one_integer_line_and_undoes_add(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "between", "2025-12-19", "2026-01-14") == "15\n"
    assert run(capsys, "between", "2026-01-14", "2026-01-14") == "0\n"


def test_a_proclaimed_holiday_counts_and_as_known_on_leaves_it_out(
    capsys: pytest.CaptureFixture[str], admin_sam: User
) -> None:
    proclaimed_holiday_add(
        actor=actor_of(admin_sam), day=dt.date(2026, 1, 13), name="A royal occasion", source="Gazette"
    )
    assert run(capsys, "add", "2025-12-19", "15") == "2026-01-15\n"
    assert run(capsys, "add", "2025-12-19", "15", "--as-known-on", "2020-01-01") == "2026-01-14\n"
    assert run(capsys, "between", "2025-12-19", "2026-01-15") == "15\n"


def test_holidays_lists_the_years_non_working_weekdays(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, "holidays", "--year", "2023").splitlines()
    assert "2023-05-08\tCoronation of Charles III\tbank holiday" in lines
    assert len(lines) == 9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["between", "2026-01-14", "2025-12-19"], "argument DATE2: 2025-12-19 is before DATE1 2026-01-14"),
        (["add", "1960-01-04", "1"], "argument DATE: working days are known only from 1971 to 2099"),
        (["add", "2099-12-30", "5"], "argument N: 5 working days after 2099-12-30 is beyond 2099"),
        (["between", "2025-12-19", "2100-01-04"], "argument DATE2: working days are known only from 1971 to 2099"),
    ],
)
def test_dates_out_of_order_or_range_name_the_argument_with_usage_status(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message) as refused:
        call_command("workingdays", *args)
    assert refused.value.returncode == 2
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2025-12-19", "-1"], "argument N: must be a whole number, 0 or more, not '-1'"),
        (["add", "2025-12-19", "two"], "argument N: must be a whole number, 0 or more, not 'two'"),
        (["add", "2025-02-30", "1"], "argument DATE: must be a real date written YYYY-MM-DD, not '2025-02-30'"),
        (["between", "19/12/2025", "2026-01-14"], "argument DATE1: must be a real date written YYYY-MM-DD"),
        (["between", "2025-12-19", "2026-1-14"], "argument DATE2: must be a real date written YYYY-MM-DD"),
        (["between", "2026-01-14", "2025-12-19"], "argument DATE2: 2025-12-19 is before DATE1 2026-01-14"),
    ],
)
def test_bad_input_from_the_shell_exits_2_naming_the_argument_with_nothing_on_stdout(
    args: list[str], message: str
) -> None:
    # These are refused before any database is opened, so the real console script can run them.
    macpu = Path(sys.executable).with_name("macpu")
    environment = {**os.environ, "MACPU_ENV": "test"}
    done = subprocess.run([macpu, "workingdays", *args], capture_output=True, text=True, env=environment, check=False)  # noqa: S603  # our own script, fixed arguments
    assert (done.returncode, done.stdout) == (2, "")
    assert message in done.stderr
