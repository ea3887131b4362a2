"""`macpu orgs import FILE.csv`: load or update organisations; a file with any bad row loads nothing."""

import csv
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.organisations.rules.import_rows import header_errors, validate_rows
from macpu.organisations.selectors import organisation_codes
from macpu.organisations.services import organisations_import


class Command(BaseCommand):
    help = "Organisations. `import FILE.csv` with columns code,name,type,sector,parent_code,la_code."

    def add_arguments(self, parser: ArgumentParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        importing = subcommands.add_parser("import", help="load or update organisations from a CSV file")
        importing.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                errors = header_errors(reader.fieldnames)
                numbered = [(reader.line_num, row) for row in reader] if not errors else []
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path}: cannot read the file: {error}") from error
        if not errors:
            rows, errors = validate_rows(numbered, existing_codes=organisation_codes())
        if errors:
            for problem in errors:
                self.stderr.write(f"{path}: {problem}")
            raise CommandError(f"{path}: {len(errors)} problem(s); no organisation was loaded")
        summary = organisations_import(actor=Actor.current_operator(), rows=rows, source_name=path.name)
        self.stdout.write(
            f"{path}: {len(summary.created)} created, {len(summary.updated)} updated, "
            f"{len(summary.unchanged)} unchanged"
        )
