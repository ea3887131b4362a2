"""`macpu chronology CHILD_REF --format json|csv`: a child's whole chronology, oldest first, for operators.

CHILD_REF is an NHS number or the child's macpu id. The view is audited like any other;
content that needs to be known (restricted, sealed) is withheld here too.
"""

import json
import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.chronology.export import csv_lines, entry_as_dict
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_entries
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.people.selectors.search import child_id_from_reference


class Command(BaseCommand):
    help = "Print a child's whole chronology, oldest first, as JSON or CSV."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("child_ref", metavar="CHILD_REF", help="an NHS number or the child's macpu id")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        try:
            child_id = child_id_from_reference(actor=actor, reference=options["child_ref"])
            _, entries = chronology_entries(actor=actor, child_id=child_id, filters=ChronologyFilter(oldest_first=True))
        except (NotFound, InvalidInput) as error:
            raise CommandError(str(error) or "no child has that id") from error
        try:
            if options["format"] == "csv":
                for line in csv_lines(entries):
                    self.stdout.write(line, ending="")
            else:
                self.stdout.write(json.dumps([entry_as_dict(e) for e in entries], ensure_ascii=False, indent=1))
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error; keep Python from complaining on exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
