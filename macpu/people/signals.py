"""Who is told that records were linked or unlinked: once the change is committed, with the children it touched.

The gap rules listen (`macpu.gaps.apps`) and re-evaluate those children, as they do for `events.signals`: people sit
below the apps that read children's records, so they announce, and never import, what follows.
"""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

# Sent with `child_ids` (a frozenset of UUIDs) after the transaction that linked or unlinked their records commits.
children_relinked = Signal()


def tell_after_commit(child_ids: Iterable[uuid.UUID | None]) -> None:
    ids = frozenset(child_id for child_id in child_ids if child_id is not None)
    if ids:
        transaction.on_commit(lambda: children_relinked.send(sender=tell_after_commit, child_ids=ids))
