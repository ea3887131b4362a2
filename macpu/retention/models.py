"""Each area's retention periods, legal holds on children's records, and the runs that disposed of records."""

from django.db import models
from django.db.models import F, Q

from macpu.core.models import TimeStampedModel
from macpu.retention.rules.schedule import RecordType


class RetentionPeriod(TimeStampedModel):
    """An area's own period for one record type, where it changed macpu's default."""

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=32, choices=[(t.value, t.label) for t in RecordType])
    until_age = models.PositiveSmallIntegerField(help_text="Keep until the child's birthday at this age")
    years_after_last = models.PositiveSmallIntegerField(help_text="... and this many years after the last record")
    set_by = models.CharField(max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "record_type"], name="retention_period_once_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} in {self.area_id}"


class HoldReason(models.TextChoices):
    PRACTICE_REVIEW = "practice_review", "Child safeguarding practice review"
    COURT = "court", "Court proceedings"
    POLICE = "police", "Police investigation"
    INQUIRY = "inquiry", "Public inquiry"
    COMPLAINT = "complaint", "Complaint, claim or subject access request"
    OTHER = "other", "Other reason"


class LegalHold(TimeStampedModel):
    """A reason to keep a child's record beyond its retention period: while in force, it is not disposed of."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=HoldReason.choices)
    description = models.CharField(max_length=300, help_text="The review, case or request, by its reference")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Blank: until released")
    placed_by = models.CharField(max_length=150)
    released_on = models.DateField(null=True, blank=True)
    released_by = models.CharField(max_length=150, blank=True)
    release_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="hold_ends_after_it_starts"
            ),
        ]
        indexes = [models.Index(fields=["child", "starts_on"], name="hold_by_child")]

    def __str__(self) -> str:
        return f"hold {self.id} on {self.child_id}"


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Stopped by an error"


class RetentionRun(TimeStampedModel):
    """One run of the schedule, its progress while it runs and what it disposed of: counts only."""

    as_of = models.DateField()
    dry_run = models.BooleanField()
    started_by = models.CharField(max_length=150)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    children_due = models.PositiveIntegerField(default=0)
    children_done = models.PositiveIntegerField(default=0)
    children_refused = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, help_text="Rows disposed of per table")
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"retention run {self.id} as of {self.as_of}"
