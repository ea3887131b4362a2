"""The administrator's form for an area's own length of one timescale (GOV.UK patterns)."""

from django import forms

from macpu.pathway.rules.local_timescales import UNIT_LABELS
from macpu.pathway.services import SOURCE_MAX_LENGTH


class LocalTimescaleForm(forms.Form):
    amount = forms.IntegerField(
        label="Length",
        help_text="A whole number; 0 working days means the same day",
        error_messages={"required": "Enter the length", "invalid": "The length must be a whole number"},
    )
    unit = forms.ChoiceField(
        label="Counted in",
        choices=[(unit.value, label) for unit, label in UNIT_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the length is counted in"},
    )
    source = forms.CharField(
        label="Source of the local value",
        help_text="For example, Northbridge Safeguarding Children Partnership procedures 4.3",
        max_length=SOURCE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter where the local value comes from",
            "max_length": f"The source must be {SOURCE_MAX_LENGTH} characters or fewer",
        },
    )
