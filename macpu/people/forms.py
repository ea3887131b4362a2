"""Forms for finding a child. Each error names its field and says what to do."""

import datetime as dt
from typing import Any

from django import forms

from macpu.core.forms import GovukDateField
from macpu.people.models import IdentifierScheme
from macpu.people.rules.cleaning import clean_postcode
from macpu.people.rules.identifiers import IdentifierError, normalise_nhs_number
from macpu.people.selectors.search import ChildSearch


class ChildSearchForm(forms.Form):
    nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=20, help_text="For example, 943 476 5919"
    )
    given_name = forms.CharField(label="First name", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 2019")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10, help_text="Optional")
    sex = forms.ChoiceField(
        label="Sex",
        required=False,
        choices=[("", "Not known"), ("female", "Female"), ("male", "Male")],
        widget=forms.RadioSelect,
        help_text="Optional",
    )

    def clean_nhs_number(self) -> str:
        raw = str(self.cleaned_data.get("nhs_number") or "")
        if not raw.strip():
            return ""
        try:
            return normalise_nhs_number(raw)
        except IdentifierError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_postcode(self) -> str:
        raw = str(self.cleaned_data.get("postcode") or "")
        if not raw.strip():
            return ""
        try:
            return clean_postcode(raw)
        except ValueError as error:
            raise forms.ValidationError("Enter a real postcode, like NB1 4AA") from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not self.search().enough:
            message = "Enter an NHS number, or a name with a date of birth or a postcode"
            named = data.get("family_name") or data.get("given_name")
            self.add_error("date_of_birth" if named else "family_name", message)
        return data

    def search(self) -> ChildSearch:
        data = self.cleaned_data
        return ChildSearch(
            nhs_number=data.get("nhs_number", ""),
            family_name=data.get("family_name", "").strip(),
            given_name=data.get("given_name", "").strip(),
            date_of_birth=data.get("date_of_birth") if isinstance(data.get("date_of_birth"), dt.date) else None,
            postcode=data.get("postcode", ""),
            sex=data.get("sex", ""),
        )


class IdentifierForm(forms.Form):
    scheme = forms.ChoiceField(
        label="Type of identifier",
        choices=[
            (IdentifierScheme.NHS_NUMBER.value, "NHS number"),
            (IdentifierScheme.UPN.value, "Unique pupil number (UPN)"),
            (IdentifierScheme.FORMER_UPN.value, "Former UPN"),
            (IdentifierScheme.LOCAL_ID.value, "Your organisation's own identifier"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of identifier"},
    )
    value = forms.CharField(label="Identifier", max_length=64, error_messages={"required": "Enter the identifier"})
