"""`macpu users deactivate|end-sessions|set-password <username>`: for a leaver, a lost device, a local account.

Deactivating closes the account (signing in is refused) and ends every session at once; ending sessions signs
the person out everywhere but leaves the account open; setting a password (asked twice at the terminal, or one
line on standard input) gives a local account the password only its holder is told. Each is audited under the
operator's login name.
"""

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from macpu.access.models import User
from macpu.access.services import sessions_end_all, user_deactivate, user_set_password
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput


def _password_given() -> str:
    """Asked twice at a terminal (never echoed, never an argument that `ps` would show); else one line of input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first, second = getpass.getpass("New password: "), getpass.getpass("Again: ")
    if first != second:
        raise CommandError("The two passwords differ")
    return first


class Command(BaseCommand):
    help = "Close a user's account, or sign them out everywhere."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["deactivate", "end-sessions", "set-password"])
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']}")
        actor = Actor.current_operator()
        if options["action"] == "set-password":
            try:
                user_set_password(actor=actor, user=user, password=_password_given())
            except InvalidInput as invalid:
                raise CommandError("; ".join(" ".join(problems) for problems in invalid.errors.values())) from invalid
            self.stdout.write(f"{user.get_username()} has a new password; every session of theirs has ended")
            return
        if options["action"] == "deactivate":
            user_deactivate(actor=actor, user=user)
            self.stdout.write(f"{user.get_username()} can no longer sign in; every session of theirs has ended")
            return
        with transaction.atomic():
            ended = sessions_end_all(actor=actor, user_id=user.id, reason="ended_by_operator")
        self.stdout.write(f"{ended} session{'s' if ended != 1 else ''} of {user.get_username()} ended")
