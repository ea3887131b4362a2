"""`macpu exports expire`: remove the files of exports kept for their day, and fail the jobs whose worker stopped
while making them (run it hourly; each export task runs it too)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from macpu.exports.services import export_jobs_expire, export_jobs_stalled_fail


class Command(BaseCommand):
    help = "Remove the files of exports past their 24 hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire"])

    def handle(self, *args: Any, **options: Any) -> None:
        expired = export_jobs_expire()
        self.stdout.write(f"{expired} export{'s' if expired != 1 else ''} expired")
        stalled = export_jobs_stalled_fail()
        if stalled:
            self.stdout.write(f"{stalled} stopped export{'s' if stalled != 1 else ''} failed, to be asked for again")
