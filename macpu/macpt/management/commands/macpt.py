"""`macpu macpt check [--on DATE]`: each multi-agency child protection team and the statutory places it misses.

Prints one line per team (its area, name and whether it is complete), then one indented line per missing
place of Children Act 2004 s.16EA(4). Exits 1 when any team misses a place, 0 when none does (or there are
no teams). Audited as `macpt.checked` under the operator's login name.
"""

import contextlib
import datetime as dt
import re
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.audit.actions import AuditAction, Outcome
from macpu.audit.trail import record_alone
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.macpt.selectors import TeamOverview, teams_overview

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str) -> dt.date:
    if _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    raise ArgumentTypeError(f"must be a real date written YYYY-MM-DD, not {value!r}")


def _describe(overview: TeamOverview) -> list[str]:
    team = overview.team
    current = sum(overview.is_current(member) for member in overview.members)
    state = "complete" if overview.complete else f"{len(overview.missing)} of 4 statutory places missing"
    lines = [f"{team.area.name} ({team.area.la_code}): {team.name}: {state}; {current} current members"]
    return lines + [f"  missing: {place.message}" for place in overview.missing]


class Command(BaseCommand):
    help = "Multi-agency child protection teams. `check` exits 1 if any team misses a statutory place, else 0."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        checking = commands.add_parser("check", help="print each team and the statutory places it misses")
        checking.add_argument("--on", metavar="DATE", type=iso_date, help="check as on DATE (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        on: dt.date = options["on"] or clock.today()
        overviews = teams_overview(area=None, on=on)
        incomplete = [overview for overview in overviews if not overview.complete]
        record_alone(
            actor=Actor.current_operator(),
            action=AuditAction.MACPT_CHECKED,
            outcome=Outcome.SUCCEEDED if not incomplete else Outcome.FAILED,
            details={"on": on.isoformat(), "teams": len(overviews), "incomplete": len(incomplete)},
        )
        for overview in overviews:
            self.stdout.write("\n".join(_describe(overview)))
        if not overviews:
            self.stdout.write("No multi-agency child protection team is recorded.")
        if incomplete:
            raise CommandError(f"{len(incomplete)} of {len(overviews)} teams miss a statutory place", returncode=1)
