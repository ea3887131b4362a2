"""The information governance officer's forms: an area's period, a hold placed, a hold released."""

from django import forms

from macpu.core.forms import GovukDateField
from macpu.retention.models import HoldReason


class PeriodForm(forms.Form):
    until_age = forms.IntegerField(
        label="Keep until the child's birthday at this age",
        help_text="In years, from 18 to 120",
        error_messages={"required": "Enter an age", "invalid": "Enter the age as a whole number, like 25"},
    )
    years_after_last = forms.IntegerField(
        label="And for this many years after the last thing recorded",
        help_text="In years, from 0 to 100. The later of the two days applies",
        error_messages={"required": "Enter a number of years", "invalid": "Enter the years as a whole number, like 6"},
    )


class HoldForm(forms.Form):
    child = forms.CharField(
        label="Child's NHS number or macpu id",
        max_length=40,
        error_messages={"required": "Enter the child's NHS number or macpu id"},
    )
    reason = forms.ChoiceField(
        label="Why must the record be kept?",
        choices=HoldReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the record must be kept"},
    )
    description = forms.CharField(
        label="Reference",
        help_text="The review, case or request the hold is for, by its reference (no names)",
        max_length=300,
        error_messages={"required": "Enter the review, case or request the hold is for, by its reference"},
    )
    ends_on = GovukDateField(
        label="Last day of the hold (optional)",
        required=False,
        help_text="Leave blank to keep the hold until it is released. For example, 31 12 2030",
    )


class ReleaseForm(forms.Form):
    release_reason = forms.CharField(
        label="Why is the hold released?",
        max_length=300,
        widget=forms.Textarea,
        error_messages={"required": "Enter why the hold is released"},
    )
