"""`macpu people identifiers CHILD_REF [--format text|json]`: every identifier a child has had, reconciled, as the
child's Identifiers page shows it, for operators.

`macpu people reindex-search`: check and mend every person's search keys (ADR 0019), with progress; after a
restore from an old backup, or a change to how keys are made.

CHILD_REF is an NHS number or the child's macpu id. The view is audited like any other read of the child.
"""

import json
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.people.selectors.identifiers import ChildIdentifiers, IdentifierEntry, ReportedBy, child_identifiers_get
from macpu.people.selectors.search import child_id_from_reference
from macpu.people.services.search_index import search_keys_rebuild


class Command(BaseCommand):
    help = (
        "People records: `identifiers` prints every identifier a child has had, reconciled; "
        "`reindex-search` checks and mends every person's search keys."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        questions = parser.add_subparsers(dest="question", required=True, metavar="identifiers|reindex-search")
        identifiers = questions.add_parser("identifiers", help="every identifier a child has had, with its history")
        identifiers.add_argument("child_ref", metavar="CHILD_REF", help="an NHS number or the child's macpu id")
        identifiers.add_argument("--format", choices=["text", "json"], default="text")
        questions.add_parser("reindex-search", help="check and mend every person's search keys, with progress")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["question"] == "reindex-search":
            self._reindex()
            return
        actor = Actor.current_operator()
        try:
            child_id = child_id_from_reference(actor=actor, reference=options["child_ref"])
            reconciled = child_identifiers_get(actor=actor, child_id=child_id)
        except InvalidInput as error:
            raise CommandError("; ".join(" ".join(problems) for problems in error.errors.values())) from error
        except NotFound as error:
            raise CommandError(str(error) or "no child has that id") from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(_as_dict(reconciled), default=str, ensure_ascii=False, indent=1))
        else:
            for line in _lines(reconciled):
                self.stdout.write(line)

    def _reindex(self) -> None:
        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\r{done:,} of {total:,} people checked", ending="")

        added, removed = search_keys_rebuild(progress)
        self.stderr.write("")
        self.stdout.write(f"Search keys mended: {added:,} added, {removed:,} removed")


def _as_dict(reconciled: ChildIdentifiers) -> dict[str, object]:
    consistent = asdict(reconciled.consistent)
    return {
        "child": {"id": str(reconciled.child.id), "name": reconciled.child.full_name},
        "consistent": consistent,
        "identifiers": [{**asdict(e), "current": e.current} for e in reconciled.identifiers],
        "conflicts": [asdict(c) for c in reconciled.conflicts],
    }


def _by(record: ReportedBy | None) -> str:
    if record is None:
        return "added in macpu by hand"
    return f"{record.organisation} (their record {record.record_id})" if record.record_id else record.organisation


def _identifier_lines(entry: IdentifierEntry) -> list[str]:
    ended = f", ended {entry.valid_to:%Y-%m-%d}" if entry.valid_to else ""
    since = f", since {entry.valid_from:%Y-%m-%d}" if entry.valid_from else ""
    lines = [
        f"  {entry.scheme_label} {entry.shown}{since}{ended}",
        f"    {'verified' if entry.verified else 'not verified'}: {entry.verification}",
        f"    issued by: {entry.issuer or ('the NHS: a national number' if entry.scheme == 'nhs_number' else 'not known')}",
        f"    first reported {entry.first_reported_at:%Y-%m-%d}, {_by(entry.first_reported_by)}",
    ]
    if entry.reported_by:
        lines.append(f"    reported now by: {'; '.join(_by(r) for r in entry.reported_by)}")
    lines += [f"    check: {warning}" for warning in entry.warnings]
    return lines


def _lines(reconciled: ChildIdentifiers) -> list[str]:
    consistent = reconciled.consistent
    value = consistent.identifier.shown if consistent.identifier else "none yet"
    lines = [
        f"Identifiers of {reconciled.child.full_name} ({reconciled.child.id})",
        f"Consistent identifier ({consistent.scheme_label}): {value} [{consistent.status}]. {consistent.advice}",
    ]
    lines += [f"To check: {conflict.message}" for conflict in reconciled.conflicts]
    lines.append("Current:" if reconciled.current else "Current: none")
    for entry in reconciled.current:
        lines += _identifier_lines(entry)
    lines.append("Ended:" if reconciled.past else "Ended: none")
    for entry in reconciled.past:
        lines += _identifier_lines(entry)
    return lines
