"""`macpu demo`: migrate, load Northbridge with synthetic families, say how to sign in, and serve.

Run twice, it loads nothing the second time and just serves. It refuses to run
in production: the demo's staff share a published password.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from macpu.access.roles import Role
from macpu.core import clock
from macpu.demo.loader import DEMO_PASSWORD, demo_area_exists, demo_load
from macpu.demo.worker import task_worker
from macpu.synthetic import staff
from macpu.synthetic.population import generate_population

DEFAULT_ADDRESS = "127.0.0.1:8000"


def sign_in_instructions(address: str) -> str:
    """Where to sign in and as whom: demo staff are synthetic, so their usernames and password may be shown."""
    lines = [f"Sign in at http://{address}/sign-in/ with the password {DEMO_PASSWORD} as:"]
    for role in Role:
        usernames = [member.username for member in staff.STAFF if member.role == role]
        shown = ", ".join(usernames[:4]) + (f" and {len(usernames) - 4} more" if len(usernames) > 4 else "")
        lines.append(f"  {role.label:<32} {shown}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Load the synthetic Northbridge demo into a new database and serve it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="load, then stop instead of serving")
        parser.add_argument("--children", type=int, default=2000, help="how many children to generate (default 2000)")
        parser.add_argument(
            "--seed", type=int, default=2026, help="the seed of the generated population (default 2026)"
        )
        parser.add_argument(
            "--addr", default=DEFAULT_ADDRESS, help=f"the address to serve on (default {DEFAULT_ADDRESS})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MACPU_ENV == "production":
            raise CommandError("macpu demo loads synthetic data with a published password; it never runs in production")
        if options["children"] < 1:
            raise CommandError("--children must be at least 1")
        call_command("migrate", interactive=False, verbosity=0)
        if demo_area_exists():
            self.stdout.write("Northbridge is already loaded in this database; nothing was loaded.")
        else:
            self._load(children=options["children"], seed=options["seed"])
        self.stdout.write(sign_in_instructions(options["addr"]))
        if not options["no_serve"]:
            # Static files come through whitenoise, from the app folders (WHITENOISE_USE_FINDERS). Long exports
            # are made by the task worker, which runs beside the server and stops with it.
            with task_worker():
                call_command("runserver", options["addr"], use_reloader=False)

    def _load(self, *, children: int, seed: int) -> None:
        self.stderr.write(f"Generating {children:,} children (seed {seed})...")
        population = generate_population(children=children, seed=seed, start_date=clock.today())
        self.stderr.write(f"Loading {len(population.families):,} families' histories through the agency event feed...")
        summary = demo_load(population=population, seed=seed, progress=self.stderr)
        feed = summary.feed
        self.stdout.write(
            f"Loaded Northbridge: {summary.organisations} organisations, {summary.users} staff, "
            f"{feed.lines:,} events ({feed.created:,} imported, {feed.updated:,} updated, {feed.retracted:,} retracted, "
            f"{feed.quarantined:,} quarantined), {feed.new_people:,} people, "
            f"{feed.probable_duplicates:,} probable duplicates, {summary.findings:,} open findings of the gap rules, "
            f"in {summary.seconds:.0f} s."
        )
