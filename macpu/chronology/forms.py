"""The chronology's filters as a GOV.UK form (GET, so the filtered view is a link that can be shared)."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.http import QueryDict

from macpu.chronology.rules.filters import ChronologyFilter, period_errors
from macpu.chronology.selectors import FilterChoices
from macpu.core.forms import GovukDateField
from macpu.events.rules.feed_format import EVENT_TYPES
from macpu.organisations.rules.vocabulary import Sector


class _Codes(forms.MultipleChoiceField):
    """Any values of the right shape: the checkboxes offer what the chronology holds, a shared link may ask for more."""

    def __init__(self, *, shape: Callable[[str], bool], **kwargs: Any) -> None:
        super().__init__(required=False, widget=forms.CheckboxSelectMultiple, **kwargs)
        self.shape = shape

    def valid_value(self, value: Any) -> bool:
        return self.shape(str(value))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class ChronologyFilterForm(forms.Form):
    sector = _Codes(label="Sector", shape=lambda value: value in {str(sector) for sector in Sector})
    org = _Codes(label="Organisation", shape=lambda value: 0 < len(value) <= 20 and value.isprintable())
    type = _Codes(label="What happened", shape=lambda value: value in EVENT_TYPES)
    person = _Codes(label="People involved", shape=_is_uuid)
    occurred_from = GovukDateField(label="From", required=False, help_text="For example, 1 9 2025")
    occurred_to = GovukDateField(label="To", required=False, help_text="For example, 31 8 2026")
    significant = forms.BooleanField(label="Significant entries only", required=False)
    order = forms.ChoiceField(
        label="Order",
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, data: QueryDict) -> None:
        super().__init__(_with_date_parts(data))

    def chosen(self) -> ChronologyFilter:
        """The filters asked for; none when the form has errors (the page shows them)."""
        return self.filters() if self.is_valid() else ChronologyFilter()

    def offer(self, choices: FilterChoices) -> None:
        """Show as checkboxes what the chronology holds, and anything the link asked for besides."""
        for name, held in (
            ("sector", choices.sectors),
            ("org", choices.organisations),
            ("type", choices.types),
            ("person", choices.people),
        ):
            offered = [(choice.value, choice.label) for choice in held]
            asked = [
                (value, value)
                for value in getattr(self, "cleaned_data", {}).get(name, ())
                if value not in dict(offered)
            ]
            self.fields[name].choices = offered + asked  # type: ignore[attr-defined]

    def add_prefix(self, field_name: str) -> str:
        # The link's parameters are the API's: `from` and `to` are dates in three parts here.
        return {"occurred_from": "from", "occurred_to": "to"}.get(field_name, field_name)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field, message in period_errors(self._filter(cleaned)).items():
            self.add_error("occurred_to" if field == "to" else field, message)
        return cleaned

    def _filter(self, cleaned: dict[str, Any]) -> ChronologyFilter:
        return ChronologyFilter(
            sectors=tuple(cleaned.get("sector", ())),
            organisations=tuple(cleaned.get("org", ())),
            types=tuple(cleaned.get("type", ())),
            occurred_from=cleaned.get("occurred_from"),
            occurred_to=cleaned.get("occurred_to"),
            people=tuple(uuid.UUID(value) for value in cleaned.get("person", ())),
            significant_only=bool(cleaned.get("significant")),
            oldest_first=cleaned.get("order") == "oldest",
        )

    def filters(self) -> ChronologyFilter:
        return self._filter(self.cleaned_data)


def _with_date_parts(data: QueryDict) -> QueryDict:
    """A link may give `from=2026-03-01` (as the API does): the form wants day, month and year."""
    given = data.copy()
    for name in ("from", "to"):
        if given.get(name) and not given.get(f"{name}_day"):
            try:
                day = dt.date.fromisoformat(str(given[name]))
            except ValueError:
                continue
            given[f"{name}_day"], given[f"{name}_month"], given[f"{name}_year"] = (
                str(day.day),
                str(day.month),
                str(day.year),
            )
    return given


class EntryNoteForm(forms.Form):
    significant = forms.ChoiceField(
        label="Is this entry significant?",
        help_text="Significant entries can be shown on their own, for a conference or a review.",
        choices=[("yes", "Yes, mark it as significant"), ("no", "No, not significant"), ("", "Leave as it is")],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Analysis (optional)",
        help_text="Why it matters and what it shows. Your name, role and organisation are shown with it.",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("significant") and not str(cleaned.get("note", "")).strip():
            self.add_error("significant", "Mark the entry as significant or not, or write a note")
        return cleaned

    def significance(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("significant", ""))


class SameFactSplitForm(forms.Form):
    """Which record of an entry joined from several is a different occurrence, and why."""

    other = forms.ChoiceField(
        label="Which record is of a different occurrence?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the record to show separately"},
    )
    reason = forms.CharField(
        label="Why are they different occurrences?",
        help_text="For example, two incidents on the same evening. Your name, role and organisation are kept with it.",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Say why these are different occurrences"},
    )

    def __init__(self, *args: Any, records: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["other"]).choices = records


class VersionNameForm(forms.Form):
    name = forms.CharField(
        label="Name of the version",
        help_text="For example, “Initial child protection conference, 12 June 2026”.",
        max_length=200,
        error_messages={"required": "Enter a name for the version, for example the conference it is for"},
    )
