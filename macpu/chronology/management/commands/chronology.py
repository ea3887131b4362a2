"""`macpu chronology CHILD_REF --format json|csv`: a child's whole chronology, oldest first, for operators.

CHILD_REF is an NHS number or the child's macpu id. The view is audited like any other;
content that needs to be known (restricted, sealed) is withheld here too.
"""

import json
import os
import sys
import uuid
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.chronology.export import csv_lines, entry_as_dict
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_entries
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number
from macpu.people.selectors.search import ChildSearch, children_search


def _child_id(actor: Actor, reference: str) -> uuid.UUID:
    try:
        return uuid.UUID(reference)
    except ValueError:
        pass
    try:
        nhs_number = normalise_nhs_number(reference)
    except IdentifierError as error:
        raise CommandError(f"CHILD_REF must be an NHS number or a macpu id: {error}") from error
    found = children_search(actor=actor, search=ChildSearch(nhs_number=nhs_number)).visible
    if len(found) != 1:
        raise CommandError(
            "no child has that NHS number" if not found else "more than one child has that NHS number: use the macpu id"
        )
    return found[0].id


class Command(BaseCommand):
    help = "Print a child's whole chronology, oldest first, as JSON or CSV."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("child_ref", metavar="CHILD_REF", help="an NHS number or the child's macpu id")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        child_id = _child_id(actor, options["child_ref"])
        try:
            _, entries = chronology_entries(actor=actor, child_id=child_id, filters=ChronologyFilter(oldest_first=True))
        except NotFound as error:
            raise CommandError("no child has that id") from error
        try:
            if options["format"] == "csv":
                for line in csv_lines(entries):
                    self.stdout.write(line, ending="")
            else:
                self.stdout.write(json.dumps([entry_as_dict(e) for e in entries], ensure_ascii=False, indent=1))
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error; keep Python from complaining on exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
