"""`macpu glossary load`: add the shared glossary's starting terms (`practice/rules/glossary_seed.py`) that it lacks,
with their equivalences. Terms already there, perhaps edited by the partnership, are left as they are. Audited as
`practice.glossary_loaded` under the operator's login name. `macpu demo` loads them too.

`macpu glossary list`: every term with its short meaning, one a line.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from macpu.core.actor import Actor
from macpu.practice.selectors import glossary_terms
from macpu.practice.services import glossary_load


class Command(BaseCommand):
    help = "Load the shared glossary's starting terms, or list the glossary"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["load", "list"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            added = glossary_load(actor=Actor.current_operator())
            self.stdout.write(f"{added} term{'s' if added != 1 else ''} added to the glossary")
            return
        for term in glossary_terms():
            self.stdout.write(f"{term.term}: {term.expansion}")
