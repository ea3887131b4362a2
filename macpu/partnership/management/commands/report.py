"""`macpu report partnership --from DATE --to DATE [--area CODE] --format json`: the partnership dashboard's figures.

Prints one JSON object with a key for each section of the dashboard (`referrals`, `re_referrals`, `timeliness`,
`participation`, `gap_findings`, `disagreements`), suppressed exactly as on the page and in the API
(docs/partnership-dashboard.md). Bad input names its option and exits 2. Audited as `partnership.reported` under the
operator's login name, with the period and area only.
"""

import contextlib
import datetime as dt
import json
import re
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.partnership.rules.publication import dashboard_as_dict
from macpu.partnership.selectors.dashboard import area_named, partnership_dashboard, period_check

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPTIONS = {"from": "--from", "to": "--to", "area": "--area"}


def iso_date(value: str) -> dt.date:
    if _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    raise ArgumentTypeError(f"must be a real date written YYYY-MM-DD, not {value!r}")


class Command(BaseCommand):
    help = "Reports of the partnership's figures. `partnership` prints the partnership dashboard as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True)
        partnership = reports.add_parser("partnership", help="the partnership dashboard's figures, suppressed")
        partnership.add_argument("--from", dest="start", metavar="DATE", type=iso_date, required=True)
        partnership.add_argument("--to", dest="end", metavar="DATE", type=iso_date, required=True)
        partnership.add_argument(
            "--area", metavar="CODE", default="", help="an area's DfE number (default: every area)"
        )
        partnership.add_argument("--format", choices=["json"], default="json", help="json (the only format)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = period_check(options["start"], options["end"])
            area = area_named(options["area"])
        except InvalidInput as error:
            problems = "; ".join(f"{_OPTIONS.get(field, field)}: {' '.join(m)}" for field, m in error.errors.items())
            raise CommandError(problems, returncode=2) from error
        board = partnership_dashboard(
            actor=Actor.current_operator(), period=period, area=area, audited_as=AuditAction.PARTNERSHIP_REPORTED
        )
        figures = dashboard_as_dict(board.period.start, board.period.end, board.area_code, board.as_of, board.sections)
        self.stdout.write(json.dumps(figures, indent=2))
