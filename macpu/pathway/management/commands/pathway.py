"""`macpu pathway remind [--date YYYY-MM-DD]`: remind each open step's owner before, on and after its due date.

Run it once a day (cron or a systemd timer, see docs/pathway.md). A reminder goes once per step and state,
so running it twice in a day, or after a missed day, sends nothing twice; overdue steps show as overdue on
every page whether or not it has run.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.pathway.services import pathway_reminders_send


class Command(BaseCommand):
    help = "Pathway jobs for operators: `remind` sends the day's reminders of steps due soon, due today or overdue."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="job", required=True, metavar="JOB")
        remind = commands.add_parser("remind", help="send the day's reminders")
        remind.add_argument("--date", help="the day to remind as of (YYYY-MM-DD); today by default")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be a date in the form YYYY-MM-DD, not {options['date']!r}") from error
        sent = pathway_reminders_send(actor=Actor.current_operator(), today=today)
        self.stdout.write(
            f"Sent {sent.reminders} reminders ({sent.notices} notices) about {sent.children} children; "
            f"{sent.without_recipient} steps have nobody to remind"
        )
