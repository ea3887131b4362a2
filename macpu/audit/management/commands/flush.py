"""Django's `flush`, which the append-only audit table refuses except in the test suite.

The test suite resets its database between transactional tests; only there
are the triggers lifted for the reset and put back at once.
"""

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from macpu.audit import triggers


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        if settings.MACPU_ENV != "test":
            super().handle(**options)  # the triggers refuse it: the audit log cannot be emptied
            return
        connection = connections[options["database"]]
        triggers.remove(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection)
