"""One-off holidays proclaimed beyond the bank holidays that macpu's rule set knows (ADR 0012)."""

from django.db import models

from macpu.core.models import TimeStampedModel


class ProclaimedHoliday(TimeStampedModel):
    """A non-working day an administrator added, e.g. for a royal occasion proclaimed after macpu's release.

    A removal is kept, not deleted: the calendar "as known on" a past date must still show it.
    `created_at` is when macpu learnt of the day; the audit log records who added and removed it.
    """

    date = models.DateField()
    name = models.CharField(max_length=100)
    source = models.CharField(max_length=300, help_text="Where it was proclaimed, e.g. The Gazette notice")
    added_by = models.CharField(max_length=150, help_text="Who added it (the actor's label)")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.CharField(max_length=150, blank=True)
    removal_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            # One holiday in force per day; a removed one may be added again.
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(removed_at__isnull=True), name="proclaimed_holiday_in_force_once"
            ),
            models.CheckConstraint(
                condition=models.Q(removed_at__isnull=True, removed_by="")
                | models.Q(removed_at__isnull=False) & ~models.Q(removed_by=""),
                name="proclaimed_holiday_removed_by_whom_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"
