"""`macpu audit verify [--expect-head SEQUENCE:HASH]`: check the audit log's hash chain from the first event to the
last, and that the head kept outside the database is still in it; `macpu audit head`: print that head."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.audit.actions import AuditAction, Outcome
from macpu.audit.rules.chain import ChainReport
from macpu.audit.trail import record_alone
from macpu.audit.verification import audit_head, audit_log_verify, audit_log_verify_against, parse_head
from macpu.core.actor import Actor


class Command(BaseCommand):
    help = (
        "Audit log tools. `verify` exits 0 on an intact log, 1 naming the first bad event; "
        "`head` prints SEQUENCE:HASH of the last event, to keep outside the database."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        verify = subcommands.add_parser("verify", help="verify the hash chain of the whole audit log")
        verify.add_argument(
            "--expect-head",
            metavar="SEQUENCE:HASH",
            help="a head printed earlier by `macpu audit head` (or its bare hash): it must still be in the log",
        )
        subcommands.add_parser("head", help="print the last event's SEQUENCE:HASH (records nothing)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "head":
            self.stdout.write(str(audit_head()))
            return
        report = self._verify(options.get("expect_head"))
        record_alone(
            actor=Actor.current_operator(),
            action=AuditAction.AUDIT_VERIFIED,
            outcome=Outcome.SUCCEEDED if report.intact else Outcome.FAILED,
            details={"events_checked": report.events_checked, "expected_head": bool(options.get("expect_head"))},
        )
        if report.first_break is not None:
            raise CommandError(f"audit log broken at event #{report.first_break.sequence}: {report.first_break.reason}")
        self.stdout.write(f"audit log intact: {report.events_checked} events, head hash {report.head_hash}")

    @staticmethod
    def _verify(expected: str | None) -> ChainReport:
        if not expected:
            return audit_log_verify()
        try:
            sequence, hash_ = parse_head(expected)
        except ValueError as error:
            raise CommandError(f"--expect-head: {error}") from error
        return audit_log_verify_against(expected_hash=hash_, expected_sequence=sequence)
