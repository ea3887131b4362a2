"""Who is told that children's records changed: once the change is committed, with the children it touched.

The gap rules listen (`macpu.gaps.apps`) and re-evaluate those children in the background. The event
write path knows nothing of who listens: the layer below never imports the layer above.
"""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

# Sent with `child_ids` (a frozenset of UUIDs) after the transaction that changed their records commits.
children_changed = Signal()


def tell_after_commit(child_ids: Iterable[uuid.UUID]) -> None:
    ids = frozenset(child_ids)
    if ids:
        transaction.on_commit(lambda: children_changed.send(sender=tell_after_commit, child_ids=ids))
