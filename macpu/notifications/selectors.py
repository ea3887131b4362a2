"""Reads of a person's own notifications."""

import uuid

from django.db.models import QuerySet

from macpu.notifications.models import Notification


def notifications_unread(*, recipient_id: uuid.UUID, limit: int = 50) -> QuerySet[Notification]:
    """The recipient's unread notices, newest first."""
    return (
        Notification.objects.filter(recipient_id=recipient_id, read_at__isnull=True)
        .select_related("organisation")
        .order_by("-created_at")[:limit]
    )
