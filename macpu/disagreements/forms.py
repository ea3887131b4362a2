"""The forms to raise a professional disagreement, escalate it and record its outcome."""

from typing import Any

from django import forms

from macpu.disagreements.rules.disagreement import SUBJECTS

TEXT_MAX = 5000


def _text(label: str, message: str, help_text: str) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages={"required": message, "max_length": f"Use {TEXT_MAX} characters or fewer"},
    )


class ServiceErrors:
    """Puts a service's InvalidInput on the form's own fields (or above the form when it names none of them)."""

    FIELD_OF: dict[str, str] = {}

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for name, problems in errors.items():
            field = self.FIELD_OF.get(name, name)
            for problem in problems:
                self.add_error(field if field in self.fields else None, problem)  # type: ignore[attr-defined]  # a forms.Form's


class RaiseForm(ServiceErrors, forms.Form):
    decision = forms.ChoiceField(
        label="Which decision do you disagree with?",
        help_text="Decisions of other organisations about the child, newest first",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision you disagree with"},
    )
    subject = forms.ChoiceField(
        label="What is the disagreement about?",
        choices=list(SUBJECTS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the disagreement is about"},
    )
    about = _text(
        "What do you disagree with, and why?",
        "Say what you disagree with and why",
        "What you think should happen instead, and the information that makes you think so",
    )

    def __init__(self, *args: Any, decisions: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decisions  # type: ignore[attr-defined]


class EscalateForm(ServiceErrors, forms.Form):
    FIELD_OF = {"stage": "reason"}

    reason = _text(
        "Why does it need the next stage?",
        "Say why it needs the next stage",
        "What was tried at this stage, and why the concern for the child remains",
    )


class ResolveForm(ServiceErrors, forms.Form):
    outcome = _text(
        "What was the outcome?",
        "Say how it was resolved: what was agreed, and by whom",
        "What was agreed, by whom, and what happens next for the child",
    )
