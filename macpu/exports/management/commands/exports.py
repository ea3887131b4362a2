"""`macpu exports expire`: remove the files of exports kept for their day (run it hourly; each export task runs it too)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from macpu.exports.services import export_jobs_expire


class Command(BaseCommand):
    help = "Remove the files of exports past their 24 hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire"])

    def handle(self, *args: Any, **options: Any) -> None:
        expired = export_jobs_expire()
        self.stdout.write(f"{expired} export{'s' if expired != 1 else ''} expired")
