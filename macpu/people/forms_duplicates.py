"""The forms of the duplicates pages: each question names its field, so the error summary can link to it."""

from typing import Any, cast

from django import forms

REASON_HELP = "Kept with the decision and shown in the audit trail"


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are these the same person?",
        choices=[("link", "Yes, the same person: propose a link"), ("distinct", "No, different people")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether these are the same person"},
    )
    survivor = forms.ChoiceField(
        label="Which record should be kept?",
        help_text="The other is folded into it. Nothing is deleted, and the link can be undone.",
        choices=[],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label="Why?",
        help_text=REASON_HELP,
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Say why you decided this", "max_length": "Keep the reason to 500 characters"},
    )

    def __init__(self, *args: Any, survivors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["survivor"]).choices = survivors
        if survivors and not self.is_bound:
            self.initial["survivor"] = survivors[0][0]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "link" and not cleaned.get("survivor"):
            self.add_error("survivor", "Choose which record to keep")
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or reject"},
    )
    reason = forms.CharField(
        label="Why?",
        help_text=REASON_HELP,
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Say why you approve or reject", "max_length": "Keep the reason to 500 characters"},
    )


class UndoForm(forms.Form):
    reason = forms.CharField(
        label="Why should the link be undone?",
        help_text="A second person must approve. " + REASON_HELP,
        max_length=500,
        widget=forms.Textarea,
        error_messages={
            "required": "Say why the link should be undone",
            "max_length": "Keep the reason to 500 characters",
        },
    )
