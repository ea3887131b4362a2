"""Writes of notifications."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from macpu.core import clock
from macpu.notifications.models import Notification, NotificationKind


@dataclass(frozen=True)
class Outgoing:
    """One notice for each of its recipients."""

    recipient_ids: Iterable[uuid.UUID]
    kind: NotificationKind
    message: str
    child_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None
    link: str = ""


def notifications_send(outgoing: Iterable[Outgoing]) -> list[Notification]:
    """Send each notice to its recipients, once each, in one write."""
    notices = [
        Notification(
            recipient_id=recipient,
            kind=notice.kind,
            message=notice.message,
            child_id=notice.child_id,
            organisation_id=notice.organisation_id,
            link=notice.link,
        )
        for notice in outgoing
        for recipient in dict.fromkeys(notice.recipient_ids)
    ]
    return Notification.objects.bulk_create(notices)


def notifications_done(*, recipient_id: uuid.UUID, link: str) -> int:
    """Mark as read the recipient's notices about what is at this link (once acted on, or gone)."""
    return Notification.objects.filter(recipient_id=recipient_id, link=link, read_at__isnull=True).update(
        read_at=clock.now()
    )
