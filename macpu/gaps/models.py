"""Findings of the gap rules, what people did with them, and each area's rule settings."""

from django.db import models

from macpu.core.models import TimeStampedModel


class FindingStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACTIONED = "actioned", "Action taken"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    NO_LONGER_APPLIES = "no_longer_applies", "No longer applies"


# The statuses a person set: the finding does not fire again for the same evidence.
ACTED_ON = (FindingStatus.ACKNOWLEDGED, FindingStatus.ACTIONED, FindingStatus.NOT_APPLICABLE)


class GapFinding(TimeStampedModel):
    """A flag for a human: a rule's finding about a child, with its evidence and what became of it.

    `key` names the evidence (`Finding.key`): one finding per child, rule and evidence. `evidence` keeps each
    record as `{event_id, org, record_id}` so the finding reads the same after the events change.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=4)
    rule_version = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=64)
    arose_on = models.DateField()
    explanation = models.TextField()
    evidence = models.JSONField(default=list)
    recipients = models.JSONField(default=list, help_text="Who the rule says is told (Recipient values)")
    notified = models.JSONField(default=list, help_text="The people told: their labels")
    status = models.CharField(max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "rule", "key"], name="finding_once_per_evidence")]
        indexes = [
            models.Index(fields=["status", "rule"], name="finding_by_status"),
            models.Index(fields=["child", "status"], name="finding_by_child"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.status}"


class FindingEventKind(models.TextChoices):
    RAISED = "raised", "Raised"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACTIONED = "actioned", "Action taken"
    NOT_APPLICABLE = "not_applicable", "Marked not applicable"
    NO_LONGER_APPLIES = "no_longer_applies", "No longer applies"
    REOPENED = "reopened", "Holds again"


class FindingEvent(TimeStampedModel):
    """One thing that happened to a finding: raised, acted on with a reason, closed, reopened; its history."""

    finding = models.ForeignKey(GapFinding, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(max_length=20, choices=FindingEventKind.choices)
    by = models.CharField(max_length=150)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.finding_id}"


class RuleSetting(TimeStampedModel):
    """An area's choice for one rule: on or off, and its own thresholds where it changed the brief's defaults."""

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=4)
    enabled = models.BooleanField(default=True)
    thresholds = models.JSONField(default=dict, blank=True)
    set_by = models.CharField(max_length=150)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "rule"], name="rule_setting_once_per_area")]

    def __str__(self) -> str:
        return f"{self.rule} in {self.area_id}"
