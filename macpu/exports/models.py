"""Exports made in the background: a job per export, holding its progress and, for a day, its file."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from macpu.core.models import TimeStampedModel


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be made"
    EXPIRED = "expired", "Expired"


class ExportJob(TimeStampedModel):
    """One export asked for by one person, made by a task as that person in the role they asked in.

    Only the requester may see or download it. Its file is kept until `expires_at` (a day), then removed.
    """

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The role the export was asked in: the task acts in it, so need to know is as it was asked.
    membership = models.ForeignKey("access.Membership", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40, help_text="What is exported, e.g. chronology")
    format = models.CharField(max_length=10, help_text="pdf, csv")
    description = models.CharField(max_length=500, help_text="What the export holds, in words")
    parameters = models.JSONField(default=dict, help_text="What the task needs to make it again, e.g. the filters")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0, help_text="Steps of the work; 0 until it has started")
    message = models.CharField(max_length=300, blank=True, help_text="Why it failed, for the requester to act on")
    content = models.BinaryField(null=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="export_done_within_total"),
            models.CheckConstraint(
                condition=~Q(status="ready") | Q(content__isnull=False, finished_at__isnull=False),
                name="export_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="export_expiry")]

    def __str__(self) -> str:
        return f"{self.kind} {self.format} export {self.id} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED, ExportStatus.EXPIRED}

    @property
    def percent_done(self) -> int:
        return 100 * self.done // self.total if self.total else 0
