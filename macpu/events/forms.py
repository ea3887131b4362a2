"""macpu's own form for recording a concern; it produces a feed event like any agency's system."""

import datetime as dt
from typing import Any

from django import forms

from macpu.core import clock
from macpu.core.forms import GovukDateField

CATEGORIES = [
    ("physical_abuse", "Physical abuse"),
    ("emotional_abuse", "Emotional abuse"),
    ("sexual_abuse", "Sexual abuse"),
    ("neglect", "Neglect"),
    ("domestic_abuse", "Domestic abuse"),
    ("exploitation", "Exploitation"),
    ("self_harm", "Self-harm"),
    ("missing", "Missing"),
    ("parental_substance_misuse", "Parental substance misuse"),
    ("parental_mental_health", "Parental mental health"),
    ("housing", "Housing"),
    ("other", "Other"),
]
YES_NO = [("yes", "Yes"), ("no", "No")]
SENSITIVITIES = [
    ("standard", "Standard: everyone working with the child"),
    ("restricted", "Restricted: my sector and the MACPU only"),
    ("sealed", "Sealed: my organisation only"),
]


class ConcernForm(forms.Form):
    occurred_on = GovukDateField(label="When did it happen?", help_text="For example, 2 3 2026")
    categories = forms.MultipleChoiceField(
        label="What is the concern about?",
        choices=CATEGORIES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select what the concern is about"},
    )
    injury = forms.ChoiceField(
        label="Was there an injury?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if there was an injury"},
    )
    referred = forms.ChoiceField(
        label="Have you referred this to children's social care?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you have referred it"},
    )
    summary = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        max_length=20000,
        help_text="What you saw or were told, in the words used. Say who told you.",
        error_messages={"required": "Enter what happened"},
    )
    sensitivity = forms.ChoiceField(
        label="Who may read it?", choices=SENSITIVITIES, widget=forms.RadioSelect, initial="standard"
    )

    def clean_occurred_on(self) -> dt.date:
        occurred: dt.date = self.cleaned_data["occurred_on"]
        if occurred > clock.today():
            raise forms.ValidationError("The date it happened must be today or in the past")
        return occurred

    def feed_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "type": "concern",
            "occurred_at": data["occurred_on"].isoformat(),
            "summary": data["summary"],
            "safeguarding_relevant": True,
            "sensitivity": data["sensitivity"],
            "details": {
                "categories": list(data["categories"]),
                "injury": data["injury"] == "yes",
                "referred": data["referred"] == "yes",
            },
        }


class QuarantineCorrectionForm(forms.Form):
    text = forms.CharField(
        label="The line, corrected",
        widget=forms.Textarea,
        max_length=200_000,
        help_text="One event in the feed format (docs/feed.md). It is checked again before it is imported.",
        error_messages={"required": "Enter the corrected line"},
    )


class EventMoveForm(forms.Form):
    org = forms.CharField(label="Recording organisation's code", max_length=20)
    record_id = forms.CharField(label="The organisation's record id", max_length=100)
    to_child = forms.CharField(label="The right child", max_length=40, help_text="Their NHS number, or their macpu id")
    reason = forms.CharField(
        label="Why the entry belongs to that child",
        help_text="Both children's chronologies show this, so say what was checked, not what the entry says.",
        widget=forms.Textarea,
        max_length=2000,
    )


class VisibilityForm(forms.Form):
    """Who may read the entry's content, and why it changes."""

    sensitivity = forms.ChoiceField(
        label="Who may read this entry?",
        choices=[
            ("standard", "Everyone who may see the child"),
            ("restricted", "Only our sector and the MACPU"),
            ("sealed", "Only our organisation"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who may read this entry"},
    )
    reason = forms.CharField(
        label="Why?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the entry should be read by more or fewer people"},
    )


class VisibilityDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        error_messages={"required": "Choose approve or refuse"},
    )
    reason = forms.CharField(
        label="Why?", max_length=2000, error_messages={"required": "Say why you approve or refuse"}
    )
