"""`macpu backup DEST`: an online, consistent copy of the database with its manifest (row counts per table, the
audit head). Keep the head it prints somewhere the database's owner cannot change (docs/backup.md)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.retention.services.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database into an empty folder, with a manifest of row counts and the audit head."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("destination", type=Path, help="an empty or new folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(options["destination"], actor=Actor.current_operator())
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.tables.values())
        self.stdout.write(f"backup written to {options['destination']}: {len(manifest.tables)} tables, {rows} rows")
        self.stdout.write(f"audit head {manifest.head}")
