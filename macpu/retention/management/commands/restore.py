"""`macpu restore SRC [--expect-head SEQUENCE:HASH] [--replace]`: restore a backup made by `macpu backup` into an
empty database, check every table's row count against its manifest, then verify the audit log against the
manifest's head and against a head kept outside the backup."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from macpu.audit.verification import parse_head
from macpu.core.actor import Actor
from macpu.retention.services.backup import BackupError, restore_from


class Command(BaseCommand):
    help = "Restore a backup, check its row counts and verify the audit log against its head."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("source", type=Path, help="a folder written by `macpu backup`")
        parser.add_argument(
            "--expect-head",
            metavar="SEQUENCE:HASH",
            help="the head printed at backup time and kept outside it: the restored log must contain it",
        )
        parser.add_argument("--replace", action="store_true", help="restore over a database that is not empty")

    def handle(self, *args: Any, **options: Any) -> None:
        outside = options.get("expect_head")
        if outside:
            try:
                parse_head(outside)
            except ValueError as error:
                raise CommandError(f"--expect-head: {error}") from error
        try:
            manifest = restore_from(options["source"], actor=Actor.current_operator(), replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {len(manifest.tables)} tables; every row count matches the manifest")
        if outside and parse_head(outside)[1] != manifest.audit_hash:
            self.stdout.write("the head kept outside differs from the manifest's: verifying against both")
            call_command("audit", "verify", "--expect-head", outside, stdout=self.stdout)
        call_command("audit", "verify", "--expect-head", manifest.head, stdout=self.stdout)
