"""Writes of notifications."""

import uuid
from collections.abc import Iterable

from macpu.notifications.models import Notification, NotificationKind


def notifications_send(
    *,
    recipient_ids: Iterable[uuid.UUID],
    kind: NotificationKind,
    message: str,
    child_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
) -> list[Notification]:
    """Send one notice to each recipient, once each."""
    notices = [
        Notification(
            recipient_id=recipient,
            kind=kind,
            message=message,
            child_id=child_id,
            organisation_id=organisation_id,
        )
        for recipient in dict.fromkeys(recipient_ids)
    ]
    return Notification.objects.bulk_create(notices)
