"""`macpu oversight child NHS_NUMBER|ID [--page N] [--format text|json]`, `macpu oversight user USERNAME ...` and
`macpu oversight subject-access NHS_NUMBER|ID`.

Who has seen a child's record, and what a user has looked at, for an auditor at the server's console; a person's
record for a subject access request (JSON, other people redacted, for review). Each question is itself audited.
"""

import json
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.oversight.selectors.access_log import (
    AccessLog,
    child_access_log,
    child_for_audit,
    user_access_log,
    user_named,
)
from macpu.oversight.selectors.subject_access import person_for_subject_access, subject_access_record


class Command(BaseCommand):
    help = "Who has seen a child's record (`child`), or what a user has looked at (`user`), newest first."

    def add_arguments(self, parser: ArgumentParser) -> None:
        questions = parser.add_subparsers(dest="question", required=True, metavar="child|user|subject-access")
        child = questions.add_parser("child", help="every view and export of a child's record")
        child.add_argument("reference", metavar="NHS_NUMBER|ID")
        user = questions.add_parser("user", help="every child's record a user has seen or exported")
        user.add_argument("username")
        for question in (child, user):
            question.add_argument("--page", type=int, default=1)
            question.add_argument("--format", choices=["text", "json"], default="text")
        subject = questions.add_parser("subject-access", help="a person's record for a subject access request (JSON)")
        subject.add_argument("reference", metavar="NHS_NUMBER|ID")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.current_operator()
        try:
            if options["question"] == "subject-access":
                person_id = person_for_subject_access(actor=actor, reference=options["reference"])
                record = subject_access_record(actor=actor, person_id=person_id)
                self.stdout.write(json.dumps(record.as_dict(), ensure_ascii=False, indent=1))
                return
            if options["question"] == "child":
                child_id = child_for_audit(actor=actor, reference=options["reference"])
                _, log = child_access_log(actor=actor, child_id=child_id, page=options["page"])
            else:
                user = user_named(options["username"])
                if user is None:
                    raise CommandError(f"no one has the username {options['username']!r}")
                _, log = user_access_log(actor=actor, user_id=user.id, page=options["page"])
        except InvalidInput as error:
            raise CommandError("; ".join(" ".join(problems) for problems in error.errors.values())) from error
        except NotFound as error:
            raise CommandError(str(error) or "not found") from error
        self._print(log, options["format"], whose=options["question"] == "user")

    def _print(self, log: AccessLog, format: str, *, whose: bool) -> None:
        if format == "json":
            self.stdout.write(json.dumps(asdict(log), default=str, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{log.total:,} views and exports; page {log.page} of {log.pages}, newest first")
        for entry in log.entries:
            about = f" the record of {entry.child_name or entry.child_id}:" if whose else ""
            refused = " [refused]" if entry.refused else ""
            self.stdout.write(
                f"{entry.when:%Y-%m-%d %H:%M}  {entry.who} ({entry.role}, {entry.organisation}){about} "
                f"{entry.what}{refused}"
            )
