"""`macpu retention run [--dry-run] [--as-of DATE]`: dispose of the children's records past their retention period
and not held (counts by record type and table, never names); `macpu retention schedule`;
`macpu retention holds list|add|release`. Every change is audited under the operator's login name."""

import datetime as dt
import sys
import uuid
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.selectors import area_of_organisation
from macpu.retention.models import HoldReason
from macpu.retention.rules.schedule import Verdict
from macpu.retention.selectors import child_find, holds_list, retention_preview, schedule_for_area
from macpu.retention.services.disposal import retention_run
from macpu.retention.services.schedule import hold_place, hold_release


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of: {text!r} is not a date in the form YYYY-MM-DD") from error


class Command(BaseCommand):
    help = "Retention: run the schedule (or preview it), show it, and place or release legal holds."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        run = commands.add_parser("run", help="dispose of the records due (one transaction per child)")
        run.add_argument("--dry-run", action="store_true", help="report what would go and change nothing")
        run.add_argument("--as-of", help="the day to judge by, YYYY-MM-DD (default: today)")
        commands.add_parser("schedule", help="the periods in force in the deployment's area")
        holds = commands.add_parser("holds", help="legal holds").add_subparsers(dest="holds_command", required=True)
        listing = holds.add_parser("list", help="holds in force (or --all)")
        listing.add_argument("--all", action="store_true", help="released and ended holds too")
        add = holds.add_parser("add", help="place a hold on a child's record")
        add.add_argument("child", help="the child's macpu id or NHS number")
        add.add_argument("--reason", required=True, choices=HoldReason.values)
        add.add_argument("--description", required=True, help="the review, case or request, by its reference")
        add.add_argument("--until", help="the last day of the hold, YYYY-MM-DD (default: until released)")
        release = holds.add_parser("release", help="release a hold")
        release.add_argument("hold", help="the hold's id")
        release.add_argument("--reason", required=True, help="why it is released")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        try:
            if options["subcommand"] == "run":
                self._run(actor, options)
            elif options["subcommand"] == "schedule":
                self._schedule()
            else:
                self._holds(actor, options)
        except InvalidInput as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.errors.items())) from error
        except NotFound as error:
            raise CommandError(str(error)) from error

    def _run(self, actor: Actor, options: dict[str, Any]) -> None:
        on = _day(options["as_of"]) if options.get("as_of") else clock.today()
        preview = retention_preview(on=on)
        self.stdout.write(f"As at {on.isoformat()}:")
        for record_type, verdicts in preview.children.items():
            shown = ", ".join(f"{verdict} {count}" for verdict, count in sorted(verdicts.items()))
            self.stdout.write(f"  {record_type}: {shown}")
        self.stdout.write(f"{preview.total(Verdict.DUE)} children's records due; {preview.total(Verdict.HELD)} held")

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty() or done == total or done % 100 == 0:
                self.stderr.write(f"\r{done} of {total} children", ending="\n" if done == total else "")

        run = retention_run(actor=actor, on=on, dry_run=options["dry_run"], progress=progress)
        verb = "would be disposed of (dry run: nothing changed)" if run.dry_run else "disposed of"
        self.stdout.write(f"{run.children_done} children's records {verb}; {run.children_refused} refused")
        if run.children_refused:
            self.stdout.write("  refused: part of the record belongs to another child's record that is kept")
        for table, count in run.counts.items():
            self.stdout.write(f"  {table}: {count}")
        self.stdout.write(f"run {run.id}")

    def _schedule(self) -> None:
        area = area_of_organisation()
        self.stdout.write(f"Retention schedule in {area.name if area else 'the deployment (macpu defaults)'}:")
        for row in schedule_for_area(area.id if area else None):
            source = "default" if row.is_default else "set by the area"
            self.stdout.write(
                f"  {row.record_type}: until age {row.period.until_age} and {row.period.years_after_last} years "
                f"after the last record ({source})"
            )

    def _holds(self, actor: Actor, options: dict[str, Any]) -> None:
        command = options["holds_command"]
        if command == "list":
            for hold in holds_list(current_on=None if options["all"] else clock.today()):
                state = f"released {hold.released_on}" if hold.released_on else f"until {hold.ends_on or 'released'}"
                self.stdout.write(f"{hold.id}  child {hold.child_id}  {hold.reason}  from {hold.starts_on}  {state}")
        elif command == "add":
            child = child_find(options["child"])
            if child is None:
                raise CommandError("child: no child has this id or NHS number")
            until = _day(options["until"]) if options.get("until") else None
            hold = hold_place(
                actor=actor,
                child_id=child.id,
                reason=options["reason"],
                description=options["description"],
                ends_on=until,
            )
            self.stdout.write(f"hold {hold.id} placed on child {child.id}")
        else:
            try:
                hold_id = uuid.UUID(options["hold"])
            except ValueError as error:
                raise CommandError("hold: not a hold id") from error
            hold_release(actor=actor, hold_id=hold_id, reason=options["reason"])
            self.stdout.write(f"hold {hold_id} released")
