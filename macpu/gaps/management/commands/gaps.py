"""`macpu gaps run [--as-of DATE] [--quiet]` and `macpu gaps list [--status open|all] --format json`.

`run` evaluates every rule in force for every child as at DATE (today by default), using only events
that occurred by then; afterwards the open findings are exactly those that hold on that day. `list`
prints findings (open by default) as a JSON array.
"""

import datetime as dt
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.gaps.selectors.findings import FindingFilter, findings_as_dicts
from macpu.gaps.services import gaps_run


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of must be a date in the form YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Gap detection: `run` evaluates the rules T1 to T16 for every child; `list` prints the findings."

    def add_arguments(self, parser: ArgumentParser) -> None:
        jobs = parser.add_subparsers(dest="job", required=True, metavar="run|list")
        run = jobs.add_parser("run", help="evaluate every rule for every child")
        run.add_argument("--as-of", help="the day to evaluate as at (YYYY-MM-DD); today by default")
        run.add_argument("--quiet", action="store_true", help="raise findings without notifying anyone")
        listing = jobs.add_parser("list", help="print findings as JSON")
        listing.add_argument("--status", choices=["open", "all"], default="open")
        listing.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        if options["job"] == "run":
            as_of = _day(options["as_of"]) if options.get("as_of") else None
            summary = gaps_run(actor=actor, as_of=as_of, notify=not options["quiet"])
            by_rule = ", ".join(
                f"{rule} {count}" for rule, count in sorted(summary.by_rule.items(), key=lambda r: int(r[0][1:]))
            )
            self.stdout.write(
                f"{summary.children:,} children evaluated: {summary.open:,} open findings "
                f"({summary.raised:,} new, {summary.reopened:,} holding again), {summary.closed:,} no longer apply"
                + (f"; by rule: {by_rule}" if by_rule else "")
            )
            return
        rows = findings_as_dicts(actor=actor, filters=FindingFilter(open_only=options["status"] == "open"))
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
