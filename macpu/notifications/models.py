"""Tasks and notices for named people: what shows in their task list on the home page."""

from django.conf import settings
from django.db import models

from macpu.core.models import TimeStampedModel


class NotificationKind(models.TextChoices):
    CLAIMED_INVOLVEMENT = "claimed_involvement", "An organisation became involved by its own recording"
    EXPORT_READY = "export_ready", "Your export is ready"
    PATHWAY_REMINDER = "pathway_reminder", "A step of a child's pathway is due"
    GAP_FINDING = "gap_finding", "A possible gap between agencies"
    VISIBILITY_APPROVAL = "visibility_approval", "A request to let more people read a sealed entry"
    DUPLICATE_APPROVAL = "duplicate_approval", "A proposal to link or unlink two records of a child, for approval"
    RECORDS_LINKED = "records_linked", "Two records of a child you work with were linked, or the link undone"
    BREAK_GLASS = "break_glass", "Emergency access to the record of a child you work with"


class Notification(TimeStampedModel):
    """A notice to one person. It names the child by reference only: the child's record is reached through access."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    child = models.ForeignKey("people.Person", null=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.CharField(max_length=300)
    link = models.CharField(max_length=200, blank=True, help_text="A path in macpu where the notice is acted on")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"
