"""`macpu users deactivate <username>` and `macpu users end-sessions <username>`: for a leaver or a lost device.

Deactivating closes the account (signing in is refused) and ends every session at once; ending sessions signs
the person out everywhere but leaves the account open. Both are audited under the operator's login name.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from macpu.access.models import User
from macpu.access.services import sessions_end_all, user_deactivate
from macpu.core.actor import Actor


class Command(BaseCommand):
    help = "Close a user's account, or sign them out everywhere."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["deactivate", "end-sessions"])
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']}")
        actor = Actor.current_operator()
        if options["action"] == "deactivate":
            user_deactivate(actor=actor, user=user)
            self.stdout.write(f"{user.get_username()} can no longer sign in; every session of theirs has ended")
            return
        with transaction.atomic():
            ended = sessions_end_all(actor=actor, user_id=user.id, reason="ended_by_operator")
        self.stdout.write(f"{ended} session{'s' if ended != 1 else ''} of {user.get_username()} ended")
