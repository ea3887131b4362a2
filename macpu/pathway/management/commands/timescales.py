"""`macpu timescales CHILD_REF [--format json|text]`: each open step of a child's pathway with its due date and state.

CHILD_REF is an NHS number or the child's macpu id. The read is audited like a view of the pathway page.
"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.pathway.selectors.case import child_pathway
from macpu.people.selectors.search import child_id_from_reference


class Command(BaseCommand):
    help = "Print each open step of a child's pathway with its due date and state (due, due_soon, due_today, overdue)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("child_ref", metavar="CHILD_REF", help="an NHS number or the child's macpu id")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        try:
            child_id = child_id_from_reference(actor=actor, reference=options["child_ref"])
            pathway = child_pathway(actor=actor, child_id=child_id)
        except (NotFound, InvalidInput) as error:
            raise CommandError(str(error) or "no child has that id") from error
        steps = [due.as_dict() for due in pathway.due]
        if options["format"] == "json":
            self.stdout.write(json.dumps(steps, ensure_ascii=False, indent=1))
            return
        if not steps:
            self.stdout.write("Nothing is due.")
        for step in steps:
            left = step["working_days_left"]
            self.stdout.write(
                f"{step['due']}  {step['state']:<9}  {left:>4} working days  {step['title']} ({step['owner_name']})"
            )
