"""Events: everything any agency knows about a child, as it reported it, with every version kept."""

from django.db import models
from django.db.models import Q

from macpu.core.models import Sensitivity as Sensitivity  # re-exported: the event apps import it from here
from macpu.core.models import TimeStampedModel


class EventStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENTERED_IN_ERROR = "entered_in_error", "Entered in error"


class Event(TimeStampedModel):
    """One agency's record of something that happened to or around a child. (organisation, record_id) is its identity."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    record_id = models.CharField(max_length=100)
    type = models.CharField(max_length=40)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField(help_text="The day it happened, in England")
    occurred_at = models.DateTimeField(null=True, blank=True, help_text="The moment, when the source gave a time")
    date_is_approximate = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(help_text="When the source recorded it, or when macpu first received it")
    received_at = models.DateTimeField(help_text="When macpu first received it")
    author_role = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.ACTIVE)
    summary = models.TextField(blank=True)
    safeguarding_relevant = models.BooleanField(default=False)
    sensitivity = models.CharField(max_length=12, choices=Sensitivity.choices, default=Sensitivity.STANDARD)
    ref_org_code = models.CharField(max_length=20, blank=True)
    ref_record_id = models.CharField(max_length=100, blank=True)
    ref_event = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    details = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "record_id"], name="event_identity"),
            models.CheckConstraint(
                condition=Q(sensitivity__in=["standard", "restricted", "sealed"]), name="event_sensitivity_known"
            ),
        ]
        indexes = [
            # The chronology's order (either way): a page is read off the index, not sorted.
            models.Index(fields=["child", "occurred_on", "recorded_at", "id"], name="event_timeline"),
            models.Index(fields=["organisation", "received_at"], name="event_by_source"),
            models.Index(fields=["ref_org_code", "ref_record_id"], name="event_ref"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.record_id}"


class EventVersion(TimeStampedModel):
    """A version of an event as received: the history a re-sent, changed event leaves."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    payload = models.JSONField()
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=EventStatus.choices)
    received_at = models.DateTimeField()
    received_via = models.CharField(max_length=200, help_text="The file, API client or form it came through")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "version"], name="event_version_unique")]

    def __str__(self) -> str:
        return f"{self.event_id} v{self.version}"


class EventMove(TimeStampedModel):
    """An event filed against the wrong child, moved to the right one by a data quality officer, with why."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="moves")
    from_child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    to_child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    moved_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"move of {self.event_id}"


class EventPerson(models.Model):
    """Another person an event names (an adult around the child), with their role in it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20)

    def __str__(self) -> str:
        return f"{self.role} in {self.event_id}"


class QuarantineStatus(models.TextChoices):
    OPEN = "open", "Waiting to be corrected"
    REPLAYED = "replayed", "Corrected and imported"
    DISCARDED = "discarded", "Discarded with a reason"


class QuarantinedLine(TimeStampedModel):
    """A line that could not be imported, kept exactly as sent with what was wrong, until it is corrected."""

    source = models.CharField(max_length=200, help_text="The file or API client it came from")
    line_number = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    errors = models.JSONField(default=list)
    org_code = models.CharField(max_length=20, blank=True)
    record_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=QuarantineStatus.choices, default=QuarantineStatus.OPEN)
    received_by = models.CharField(max_length=150)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=150, blank=True)
    resolution = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="quarantine_open")]

    def __str__(self) -> str:
        return f"{self.source} line {self.line_number}"


class VisibilityChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a second person"
    APPLIED = "applied", "Applied"
    REFUSED = "refused", "Refused"


class VisibilityChange(TimeStampedModel):
    """A change of who may read an entry's content, by its recording organisation, with the reason; widening a
    sealed entry waits for a second person (`events.rules.visibility`). The history of every change is kept."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visibility_changes")
    old_sensitivity = models.CharField(max_length=12, choices=Sensitivity.choices)
    new_sensitivity = models.CharField(max_length=12, choices=Sensitivity.choices)
    reason = models.TextField()
    requested_by = models.CharField(max_length=150)
    requested_by_user_id = models.UUIDField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=VisibilityChangeStatus.choices)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="visibility_change_by_status")]

    def __str__(self) -> str:
        return f"{self.old_sensitivity} to {self.new_sensitivity}: {self.status}"
