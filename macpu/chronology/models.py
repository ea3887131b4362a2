"""What practitioners add to a chronology: significance and analysis of entries, the splitting of records wrongly
taken for one occurrence, and named versions saved for a conference or a review."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from macpu.core.models import TimeStampedModel


class EntryNote(TimeStampedModel):
    """One practitioner's analysis of one entry, attributed to them and their organisation; never edited.

    `significant` True or False marks or unmarks the entry as significant (the latest mark stands);
    None leaves the mark as it was and only adds the note. Notes are as confidential as their entry:
    only those who may read the entry's content see them.
    """

    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="+")
    significant = models.BooleanField(null=True, blank=True)
    note = models.TextField(blank=True)
    author = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+", null=True)
    author_name = models.CharField(max_length=200, help_text="As the author was known when they wrote it")
    author_role = models.CharField(max_length=40)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["event", "created_at"], name="entry_note_by_event")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(significant__isnull=False) | ~models.Q(note=""), name="entry_note_says_something"
            )
        ]

    def __str__(self) -> str:
        return f"note on {self.event_id}"


class SameFactSplit(TimeStampedModel):
    """Two organisations' records that the chronology took for one occurrence, and a person judged to be two.

    Kept with who split them and why; the chronology never joins the two again. The pair is stored
    in one order (the smaller id first), so a pair is split once.
    """

    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="+")
    other = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    author = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+", null=True)
    author_name = models.CharField(max_length=200)
    author_role = models.CharField(max_length=40)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "other"], name="same_fact_split_once"),
            models.CheckConstraint(condition=models.Q(event__lt=models.F("other")), name="same_fact_split_ordered"),
        ]

    def __str__(self) -> str:
        return f"split of {self.event_id} and {self.other_id}"


class ChronologyVersion(TimeStampedModel):
    """A chronology as it stood when a practitioner saved it, named, for a conference or a review.

    It does not change when new events or notes arrive. It holds every record in full, so that each
    reader sees what they may: need-to-know is applied when it is read, as for the live chronology.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    filters = models.JSONField(default=list, help_text="The view's filters, as the query of a link")
    record_count = models.PositiveIntegerField()
    author = models.ForeignKey("access.User", on_delete=models.PROTECT, related_name="+", null=True)
    author_name = models.CharField(max_length=200)
    author_role = models.CharField(max_length=40)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["child", "created_at"], name="chronology_version_by_child")]

    def __str__(self) -> str:
        return f"version {self.name!r} of {self.child_id}"


class ChronologyVersionRecord(models.Model):
    """One organisation's record in a saved version, frozen in full, with what need-to-know is decided on.

    Records of one occurrence told by several organisations share `occurrence` (the first record's id)
    and keep why they were joined.
    """

    version = models.ForeignKey(ChronologyVersion, on_delete=models.CASCADE, related_name="records")
    position = models.PositiveIntegerField()
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    sensitivity = models.CharField(max_length=12)
    occurrence = models.UUIDField(null=True, blank=True)
    same_fact_reason = models.TextField(blank=True)
    content = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="version_record_position")]

    def __str__(self) -> str:
        return f"{self.version_id} #{self.position}"
