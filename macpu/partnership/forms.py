"""The dashboard's filter: the period (GOV.UK date inputs) and the area."""

from typing import Any, cast

from django import forms

from macpu.core.forms import GovukDateField


class DashboardFilterForm(forms.Form):
    period_from = GovukDateField(label="From", error_label="The first day", help_text="For example, 1 4 2025")
    period_to = GovukDateField(label="To", error_label="The last day", help_text="For example, 31 3 2026")
    area = forms.ChoiceField(label="Area", required=False)

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "Every area"), *areas]
