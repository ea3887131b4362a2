"""Writes of notifications."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from macpu.notifications.models import Notification, NotificationKind


@dataclass(frozen=True)
class Outgoing:
    """One notice for each of its recipients."""

    recipient_ids: Iterable[uuid.UUID]
    kind: NotificationKind
    message: str
    child_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None


def notifications_send(outgoing: Iterable[Outgoing]) -> list[Notification]:
    """Send each notice to its recipients, once each, in one write."""
    notices = [
        Notification(
            recipient_id=recipient,
            kind=notice.kind,
            message=notice.message,
            child_id=notice.child_id,
            organisation_id=notice.organisation_id,
        )
        for notice in outgoing
        for recipient in dict.fromkeys(notice.recipient_ids)
    ]
    return Notification.objects.bulk_create(notices)
