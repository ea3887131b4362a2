"""`macpu cpis`: the CP-IS file for upload through MESH (docs/cpis.md).

macpu cpis extract --output FILE   produce the file of the plans waiting to be sent and write it to FILE;
                                   prints the plans in it and the flagged children; nothing waiting: no file
macpu cpis pending                 list the plans waiting to be sent, and what is wrong with them

Both act as the operator (their login name), audited.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.pathway.selectors.cpis import CpisOverview, cpis_overview
from macpu.pathway.services import cpis_extract_produce


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "CP-IS: produce the file of plans started or ended since the last one, or list what is waiting."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        extract = commands.add_parser("extract", help="produce the CP-IS file and write it to FILE")
        extract.add_argument("--output", type=Path, required=True, metavar="FILE")
        commands.add_parser("pending", help="list the plans waiting to be sent")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        if options["subcommand"] == "extract":
            self._extract(actor, options["output"])
        else:
            self._pending(cpis_overview(actor=actor))

    def _extract(self, actor: Actor, output: Path) -> None:
        if output.exists():
            raise CommandError(f"{output} exists already: give a new file name")
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a folder")
        try:
            extract = cpis_extract_produce(actor=actor)
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        flagged = len(cpis_overview(actor=actor).flagged)
        if extract is None:
            self.stdout.write("Nothing to send: no CP-IS file produced")
        else:
            output.write_text(extract.content, encoding="utf-8", newline="")
            self.stdout.write(f"CP-IS file {extract.sequence}: {_plural(extract.row_count, 'row')} written to {output}")
            self.stdout.write(f"SHA-256 {extract.sha256}")
            if extract.held_back:
                self.stdout.write(
                    f"{_plural(len(extract.held_back), 'plan')} held back until the NHS number is verified"
                )
        self.stdout.write(f"{flagged} flagged {'child' if flagged == 1 else 'children'} (see `macpu cpis pending`)")

    def _pending(self, overview: CpisOverview) -> None:
        pending = overview.pending
        for row in pending.rows:
            ended = row.ended_on.isoformat() if row.ended_on else "open"
            state = "to send" if row.sendable else "held back"
            self.stdout.write(f"{row.child_reference}\t{row.plan_type}\t{row.started_on.isoformat()}\t{ended}\t{state}")
        for problem in pending.problems:
            self.stderr.write(f"{problem.child_reference}: {problem.message}")
        self.stdout.write(f"{_plural(len(pending.sendable), 'row')} to send, {len(pending.held_back)} held back")
        for child in overview.flagged:
            self.stderr.write(f"flagged {child.child_id}: {'; '.join(child.problems)}")
