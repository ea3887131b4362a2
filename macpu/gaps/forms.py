"""Acting on a finding: acknowledge it, record the action taken, or mark it not applicable, always saying why.
And an area's setting for a gap rule: on or off, and its thresholds."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class ThresholdField:
    """One threshold's number input: its name, its label (the threshold's description), its hint (its default
    and unit), and the error when the value will not do, which names it."""

    name: str
    label: str
    hint: str
    problem: str
    suffix: str = ""  # the unit shown after the input: "days", "%"


SWITCHED_ON = [("yes", "Yes"), ("no", "No")]


class RuleSettingForm(forms.Form):
    """Switch a gap rule on or off and set its thresholds: a number input for each, built from the rule.

    Each threshold's field takes any number; what the threshold allows (whole, at least 1, 0 or 1 for a switch)
    is `rule_set`'s to check, so the page and the API refuse the same values with the same words.
    """

    enabled = forms.ChoiceField(
        label="Is the rule switched on?",
        choices=SWITCHED_ON,
        widget=forms.RadioSelect,
        help_text="A rule switched off neither raises nor closes findings: those it raised wait as they are",
        error_messages={"required": "Select yes if the rule is switched on"},
    )

    def __init__(self, *args: Any, thresholds: Sequence[ThresholdField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for threshold in thresholds:
            self.fields[threshold.name] = forms.FloatField(
                label=threshold.label,
                help_text=threshold.hint,
                error_messages={"required": threshold.problem, "invalid": threshold.problem},
            )
        self.threshold_names = [threshold.name for threshold in thresholds]

    def threshold_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.threshold_names]
