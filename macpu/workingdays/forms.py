"""The administrator's form for adding a proclaimed holiday (GOV.UK patterns)."""

from django import forms

from macpu.core.forms import GovukDateField
from macpu.workingdays.services import NAME_MAX_LENGTH, SOURCE_MAX_LENGTH


class ProclaimedHolidayForm(forms.Form):
    date = GovukDateField(
        label="Date of the holiday",
        error_label="The date of the holiday",
        help_text="For example, 8 5 2023",
        error_messages={"required": "Enter the date of the holiday"},
    )
    name = forms.CharField(
        label="Name",
        help_text="As proclaimed, for example, Coronation of King Charles III",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter the holiday's name",
            "max_length": f"The name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    source = forms.CharField(
        label="Where it was proclaimed",
        help_text="For example, the Royal Proclamation in The Gazette, with its notice number",
        max_length=SOURCE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter where the holiday was proclaimed",
            "max_length": f"Where it was proclaimed must be {SOURCE_MAX_LENGTH} characters or fewer",
        },
    )
