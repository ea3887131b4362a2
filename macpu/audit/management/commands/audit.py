"""`macpu audit verify`: check the audit log's hash chain from the first event to the last."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.audit.actions import AuditAction, Outcome
from macpu.audit.trail import record_alone
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor


class Command(BaseCommand):
    help = "Audit log tools. `verify` exits 0 on an intact log, 1 naming the first bad event."

    def add_arguments(self, parser: ArgumentParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        subcommands.add_parser("verify", help="verify the hash chain of the whole audit log")

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_log_verify()
        record_alone(
            actor=Actor.current_operator(),
            action=AuditAction.AUDIT_VERIFIED,
            outcome=Outcome.SUCCEEDED if report.intact else Outcome.FAILED,
            details={"events_checked": report.events_checked},
        )
        if report.first_break is not None:
            raise CommandError(f"audit log broken at event #{report.first_break.sequence}: {report.first_break.reason}")
        self.stdout.write(f"audit log intact: {report.events_checked} events, head hash {report.head_hash}")
