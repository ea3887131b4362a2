"""`macpu link`: bulk linkage of agency extracts with splink (issue 8, ADR 0019, docs/linkage.md).

macpu link --dedupe A.csv --out links.csv [--clusters clusters.csv]      records in one file that are one child
macpu link --left A.csv --right B.csv --out links.csv [--clusters C.csv] records in A that are children in B
    [--threshold 0.9] [--save-model model.json | --model model.json] [--engine duckdb|spark]
"""

import argparse
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from macpu.audit.actions import AuditAction
from macpu.audit.trail import record_alone
from macpu.core.actor import Actor
from macpu.linkage.backends import ENGINES, EngineUnavailable
from macpu.linkage.rules.extract import FIELDS, ExtractError
from macpu.linkage.services.bulk import dedupe_request, link_request, run

INPUT_HELP = f"""
examples:
  macpu link --dedupe police.csv --out links.csv --clusters clusters.csv --save-model model.json
  macpu link --left school.csv --right health.csv --out links.csv --model model.json

input: CSV files with a header row. Columns: record_id (required, unique in its file) and
  {", ".join(FIELDS)} (any may be missing or empty); address when present.
  Dates of birth as yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy or yyyymmdd; names in any case. A value that is
  not a valid date, NHS number (Modulus 11), UK postcode or sex is treated as missing, with a warning
  naming its line and field (never the value).
output: --out: record_id_l,record_id_r,match_probability for every pair at or above --threshold
  (record_id_l from the left file). --clusters: source,record_id,cluster_id for every record (source:
  left or right, or with --dedupe the file's name). Records whose valid NHS numbers differ, and possible
  twins (same family name and date of birth, a clearly different given name), are never paired.
Progress by phase (clean, train, predict, cluster, write) and warnings go to standard error.
See docs/linkage.md.
"""


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's order of options (its own last), with the epilog's lines kept as written."""


def probability(text: str) -> float:
    value = float(text)
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError("a probability between 0 and 1, for example 0.9")
    return value


class Command(BaseCommand):
    help = "Link agency extracts: find records of the same child within one CSV file or across two (splink)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = HelpFormatter
        parser.epilog = INPUT_HELP
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dedupe",
            type=Path,
            metavar="A.csv",
            help="find the records of one file that are the same child (or give --left and --right)",
        )
        parser.add_argument("--left", type=Path, metavar="A.csv", help="link each record of this file ...")
        parser.add_argument("--right", type=Path, metavar="B.csv", help="... to the records of this one")
        parser.add_argument("--out", type=Path, required=True, metavar="links.csv", help="where to write the pairs")
        parser.add_argument("--clusters", type=Path, metavar="clusters.csv", help="also write every record's cluster")
        parser.add_argument(
            "--threshold",
            type=probability,
            default=0.9,
            help="the lowest match probability of a pair written and clustered (default 0.9)",
        )
        parser.add_argument(
            "--model", type=Path, metavar="model.json", help="use a saved model instead of training one"
        )
        parser.add_argument("--save-model", type=Path, metavar="model.json", help="save the model (splink JSON)")
        parser.add_argument("--engine", choices=ENGINES, default="duckdb", help="where splink runs (default duckdb)")
        parser.add_argument("--memory-limit", default="3GB", help="DuckDB's memory limit (default 3GB)")

    def handle(self, *args: Any, **options: Any) -> None:
        request = self._request(options)
        started = time.perf_counter()
        try:
            result = run(request, progress=self._progress(started), warn=self._warn)
        except (ExtractError, EngineUnavailable) as error:
            raise CommandError(str(error)) from None
        rejected = sum(result.rejected.values())
        # Personal data left macpu's database for no one, but an operator linked extracts of it: recorded, as counts.
        record_alone(
            actor=Actor.current_operator(),
            action=AuditAction.LINKAGE_RUN,
            details={
                "mode": "dedupe" if options["dedupe"] else "link",
                "engine": request.engine,
                "records": result.records,
                "pairs": result.pairs,
                "clusters": result.clusters,
                "threshold": request.threshold,
                "values_treated_as_missing": rejected,
            },
        )
        summary = f"{result.records:,} records, {result.pairs:,} pairs at or above {request.threshold}"
        if request.clusters:
            summary += f", {result.clusters:,} clusters"
        if rejected:
            summary += f"; {rejected:,} values treated as missing (see the warnings)"
        self.stderr.write(f"done in {time.perf_counter() - started:.1f} s: {summary}")

    def _request(self, options: dict[str, Any]) -> Any:
        dedupe, left, right = options["dedupe"], options["left"], options["right"]
        if dedupe and (left or right):
            raise CommandError("give either --dedupe A.csv, or --left A.csv --right B.csv, not both")
        if not dedupe and not (left and right):
            raise CommandError("give --dedupe A.csv, or --left A.csv with --right B.csv")
        for path in (dedupe, left, right):
            if path is not None and not path.is_file():
                raise CommandError(f"{path} is not a file")
        if options["model"] and not options["model"].is_file():
            raise CommandError(f"{options['model']} is not a file")
        common = {
            "clusters": options["clusters"],
            "threshold": options["threshold"],
            "model": options["model"],
            "save_model": options["save_model"],
            "engine": options["engine"],
            "memory_limit": options["memory_limit"],
        }
        if dedupe:
            return dedupe_request(dedupe, options["out"], **common)
        return link_request(left, right, options["out"], **common)

    def _progress(self, started: float) -> Any:
        def report(phase: str, message: str) -> None:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f} s] {phase}: {message}")
            self.stderr.flush()

        return report

    def _warn(self, message: str) -> None:
        self.stderr.write(f"warning: {message}")
