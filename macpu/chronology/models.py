"""What practitioners add to a chronology: whether an entry is significant, and why it matters."""

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
