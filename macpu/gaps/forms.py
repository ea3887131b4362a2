"""Acting on a finding: acknowledge it, record the action taken, or mark it not applicable, always saying why."""

from django import forms

ACTIONS = [
    ("acknowledged", "Acknowledge: I have considered it"),
    ("actioned", "Record the action taken"),
    ("not_applicable", "Not applicable"),
]


class FindingActForm(forms.Form):
    status = forms.ChoiceField(
        label="What have you done about it?",
        choices=ACTIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you have done about it"},
    )
    reason = forms.CharField(
        label="Why, or what was done",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Others working with the child read this: say what you considered and who you spoke to",
        error_messages={"required": "Say why, or what was done"},
    )
