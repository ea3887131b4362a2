"""The pathway's stored configuration: an area's own lengths for the national default timescales."""

from django.db import models

from macpu.core.models import TimeStampedModel
from macpu.organisations.models import Area
from macpu.pathway.rules.local_timescales import MAXIMUM_AMOUNT, UNIT_LABELS
from macpu.pathway.rules.timescales import Length, TimescaleCode, Unit


class LocalTimescale(TimeStampedModel):
    """An area's own length for one timescale, replacing the national default until it is removed.

    Deleting the row returns the area to the national default. Every set and removal is audited
    (`pathway.timescale_changed`) with the old and new value, so the audit log is the history.
    `updated_at` is when it was last set; `set_by` who set it (the actor's label).
    """

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="local_timescales")
    code = models.CharField(max_length=40, choices=[(code.value, code.value) for code in TimescaleCode])
    amount = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=20, choices=[(unit.value, label) for unit, label in UNIT_LABELS.items()])
    source = models.CharField(
        max_length=300, help_text="Where the local value comes from, e.g. the partnership's procedures"
    )
    set_by = models.CharField(max_length=150, help_text="Who set it (the actor's label)")

    class Meta:
        ordering = ["area", "code"]
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="local_timescale_once_per_area"),
            models.CheckConstraint(
                condition=models.Q(code__in=[code.value for code in TimescaleCode]), name="local_timescale_code_known"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=[unit.value for unit in Unit]), name="local_timescale_unit_known"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__lte=max(MAXIMUM_AMOUNT.values())), name="local_timescale_amount_at_most"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.length}"

    @property
    def length(self) -> Length:
        return Length(self.amount, Unit(self.unit))


class CpisExtract(TimeStampedModel):
    """A CP-IS file produced for upload (R31): the plans that started or ended since the extract before it.

    `sequence` numbers the extracts 1, 2, 3...; unique, so two produced at once cannot cover the same
    events. It covers the plan events received after `covers_from` (the previous extract's
    `covers_to`; empty for the first, which holds every open CP-IS plan) up to `covers_to`.
    `held_back` lists the plans left out for want of a verified NHS number
    (`{"child": id, "start_record": event id}`): the next extract looks at them again.
    """

    sequence = models.PositiveIntegerField(unique=True)
    produced_at = models.DateTimeField()
    produced_by = models.CharField(max_length=150, help_text="Who produced it (the actor's label)")
    covers_from = models.DateTimeField(null=True, blank=True)
    covers_to = models.DateTimeField()
    row_count = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the file (UTF-8), in hex")
    content = models.TextField(help_text="The file: CSV")
    held_back = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True, help_text="What was wrong when it was produced")

    class Meta:
        ordering = ["-sequence"]

    def __str__(self) -> str:
        return f"CP-IS extract {self.sequence}"

    @property
    def filename(self) -> str:
        return f"cpis-{self.sequence:05d}-{self.produced_at:%Y%m%d-%H%M%S}.csv"


class PathwayReminder(TimeStampedModel):
    """A reminder sent about an open step: once before it is due, once on the day and once when overdue.

    `step_key` names the step within the child's case (its kind, the record it follows and the organisation
    it is due from, see `OpenStep.key`); with `due` and `state` it makes each reminder go once.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    step_key = models.CharField(max_length=300)
    due = models.DateField()
    state = models.CharField(max_length=12)
    recipients = models.PositiveIntegerField(help_text="How many people it went to")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "step_key", "due", "state"], name="pathway_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.step_key} {self.state}"
