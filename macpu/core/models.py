"""Abstract bases shared by every app: opaque ids, timestamps and edit versions."""

import uuid

from django.db import models


class UUIDModel(models.Model):
    """A record whose only public identity is a random UUID (no sequential ids leave macpu)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class TimeStampedModel(UUIDModel):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """An editable record: its version lets a service refuse an edit made to a stale copy."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class Sensitivity(models.TextChoices):
    """Who may read a record's content (`access.rules.policy.may_read_content`): an agency's entry, or a field of a
    person's record such as a refuge address. Those who may not still learn that it exists, and whom to ask."""

    STANDARD = "standard", "Standard"
    RESTRICTED = "restricted", "Restricted: the recording sector and the MACPU see the content"
    SEALED = "sealed", "Sealed: only the recording organisation sees the content"
