"""`macpu feed`: import agency event files, work the quarantine, generate a synthetic feed, watch sources.

macpu feed import FILE [--strict]        exit 0: all imported; 2: some quarantined; 1: nothing imported
macpu feed quarantine list               the lines waiting to be corrected
macpu feed quarantine replay ID|--all [--file CORRECTED.json]
macpu feed generate --children N --seed S --orgs ORGS.csv > FILE.jsonl
macpu feed sources                       when each source last sent, and which have gone quiet
macpu feed token ORG_CODE --name NAME    issue an API token for an organisation's system
"""

import datetime as dt
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.events.management.feed_cli import generate, import_file, issue_token, quarantine, sources

FEED_AS_OF = dt.date(2026, 11, 2)


class Command(BaseCommand):
    help = "The agency event feed: import, quarantine, generate, sources, token."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        importing = commands.add_parser("import", help="import a feed file (JSON Lines)")
        importing.add_argument("file", type=Path)
        importing.add_argument("--strict", action="store_true", help="import nothing if any line is bad")
        held = commands.add_parser("quarantine", help="lines that could not be imported")
        held_commands = held.add_subparsers(dest="action", required=True)
        held_commands.add_parser("list", help="list the lines waiting to be corrected")
        replay = held_commands.add_parser("replay", help="import quarantined lines again")
        replay.add_argument("id", nargs="?", help="the quarantined line's id (from `list`)")
        replay.add_argument("--all", action="store_true", help="replay every open line")
        replay.add_argument("--file", type=Path, help="a file holding the corrected line")
        generating = commands.add_parser("generate", help="write a synthetic area's feed to standard output")
        generating.add_argument("--children", type=int, default=2000)
        generating.add_argument("--seed", type=int, default=2026)
        generating.add_argument("--orgs", type=Path, required=True, help="where to write the area's organisations CSV")
        generating.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=FEED_AS_OF,
            help=f"the day the generated histories run up to (default {FEED_AS_OF}, so a seed always gives the same feed)",
        )
        commands.add_parser("sources", help="when each source last sent events, and which have gone quiet")
        token = commands.add_parser("token", help="issue an API token for an organisation's system")
        token.add_argument("org_code")
        token.add_argument("--name", required=True, help="the sending system, e.g. 'EMIS Web feed'")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        subcommand = options["subcommand"]
        if subcommand == "import":
            status = import_file(actor, options["file"], strict=options["strict"], out=self.stdout, err=self.stderr)
            if status:
                sys.exit(status)
        elif subcommand == "quarantine":
            quarantine(
                actor,
                action=options["action"],
                line_id=options.get("id"),
                every=options.get("all", False),
                corrected=options.get("file"),
                out=self.stdout,
            )
        elif subcommand == "generate":
            generate(
                children=options["children"],
                seed=options["seed"],
                as_of=options["as_of"],
                orgs=options["orgs"],
                out=self.stdout,
                err=self.stderr,
            )
        elif subcommand == "sources":
            sources(out=self.stdout)
        elif subcommand == "token":
            issue_token(actor, options["org_code"], options["name"], out=self.stdout)
        else:  # pragma: no cover  # argparse allows only the subcommands above
            raise CommandError(f"unknown subcommand {subcommand}")
