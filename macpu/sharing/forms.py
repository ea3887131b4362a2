"""The form 'Record information shared, or a decision not to share': it gathers `SharingAnswers`."""

import datetime as dt
from typing import Any

from django import forms

from macpu.core import clock
from macpu.core.forms import GovukDateField
from macpu.events.rules.information_shared import (
    ARTICLE_9_CONDITIONS,
    ARTICLE_9_HINTS,
    CONSENT,
    CONSENT_HINTS,
    DPA_CONDITION_HINTS,
    DPA_CONDITIONS,
    LAWFUL_BASES,
    LAWFUL_BASIS_HINTS,
    NOT_SHARED,
    SHARED,
)
from macpu.sharing.rules.record import SharingAnswers

DECISION_CHOICES = [
    (SHARED, "Information was shared"),
    (NOT_SHARED, "A decision was made not to share it"),
]
DECISION_HINTS = {
    SHARED: "Sent or told to another organisation.",
    NOT_SHARED: "Record it too: the decision and the reason matter as much as a share.",
}
YES_NO = [("yes", "Yes"), ("no", "No")]


def _radios(label: str, choices: Any, message: str, *, hints: dict[str, str], **kwargs: Any) -> forms.ChoiceField:
    field = forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": message}, **kwargs
    )
    field.hints = hints  # type: ignore[attr-defined]  # read by the template, one hint per option
    return field


def _text(label: str, message: str, *, help_text: str = "", max_length: int = 5000, required: bool = True) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        required=required,
        widget=forms.Textarea,
        error_messages={"required": message},
    )


class SharingForm(forms.Form):
    decision = _radios(
        "Was the information shared?", DECISION_CHOICES, "Select whether it was shared", hints=DECISION_HINTS
    )
    occurred_on = GovukDateField(
        label="When was it shared, or the decision made?", help_text="For example, 2 3 2026", error_label="The date"
    )
    shared_with = forms.MultipleChoiceField(
        label="Which organisations?",
        help_text="Those it was shared with, or that it was not shared with. Those working with the child come first.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the organisations it was shared with, or not shared with"},
    )
    what = _text(
        "What information?",
        "Say what information was shared, or not shared",
        help_text="Only what the organisation needs for its safeguarding duties",
    )
    reason = _text(
        "Why?",
        "Say why: the purpose of sharing, or the reason not to share",
        help_text="The purpose of sharing, or the reason not to share",
    )
    lawful_basis = _radios(
        "Lawful basis for sharing",
        list(LAWFUL_BASES.items()),
        "Select the lawful basis for sharing",
        hints=LAWFUL_BASIS_HINTS,
        required=False,
        help_text="Only if it was shared. UK GDPR Article 6, or for the police's law enforcement work, DPA 2018 Part 3",
    )
    special_category = _radios(
        "Did it include special category or sensitive information?",
        YES_NO,
        "Select yes if it included special category information",
        hints={},
        required=False,
        help_text="Only if it was shared. For example, health, ethnicity, religion, sex life or sexual orientation",
    )
    article_9_condition = _radios(
        "If yes: the UK GDPR Article 9 condition",
        list(ARTICLE_9_CONDITIONS.items()),
        "Select the Article 9 condition",
        hints=ARTICLE_9_HINTS,
        required=False,
        help_text="Not for the police's law enforcement work: use Schedule 8 below",
    )
    dpa_condition = _radios(
        "If yes: the Data Protection Act 2018 condition",
        list(DPA_CONDITIONS.items()),
        "Select the Data Protection Act 2018 condition",
        hints=DPA_CONDITION_HINTS,
        required=False,
        help_text="The one the Article 9 condition needs, or for the police Schedule 8",
    )
    consent = _radios(
        "Consent of the child or family",
        list(CONSENT.items()),
        "Select whether consent was given, refused or not sought",
        hints=CONSENT_HINTS,
        help_text="You do not need consent to share information to protect a child. Lack of consent never stops "
        "you sharing when a child may be at risk of harm, but record why.",
    )
    consent_reason = _text(
        "Why consent was not sought, or why it went ahead without it",
        "Say why consent was not sought, or what was refused",
        max_length=2000,
        required=False,
        help_text="Needed if consent was refused or not sought. For example, asking would put the child at risk",
    )
    decided_by = forms.CharField(
        label="Who decided?", max_length=200, error_messages={"required": "Enter the name of the person who decided"}
    )
    decided_by_role = forms.CharField(label="Their role", max_length=100, required=False)

    def __init__(self, *args: Any, organisations: list[tuple[str, str, bool]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        choices = [
            (code, f"{name} (working with the child)" if involved else name) for code, name, involved in organisations
        ]
        self.fields["shared_with"].choices = choices  # type: ignore[attr-defined]

    def clean_occurred_on(self) -> dt.date:
        occurred: dt.date = self.cleaned_data["occurred_on"]
        if occurred > clock.today():
            raise forms.ValidationError("The date must be today or in the past")
        return occurred

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == SHARED:
            self._require_bases(data)
        if data.get("consent") in ("refused", "not_sought") and not data.get("consent_reason", "").strip():
            self.add_error("consent_reason", "Say why consent was not sought, or what was refused")
        return data

    def _require_bases(self, data: dict[str, Any]) -> None:
        if not data.get("lawful_basis"):
            self.add_error("lawful_basis", "Select the lawful basis for sharing")
        if not data.get("special_category"):
            self.add_error("special_category", "Select yes if it included special category information")
        elif data["special_category"] == "yes" and not (data.get("article_9_condition") or data.get("dpa_condition")):
            self.add_error("article_9_condition", "Select the Article 9 condition, or for the police Schedule 8 below")

    def answers(self) -> SharingAnswers:
        data = self.cleaned_data
        shared = data["decision"] == SHARED
        special = shared and data.get("special_category") == "yes"
        consent = data["consent"]
        return SharingAnswers(
            decision=data["decision"],
            occurred_at=data["occurred_on"].isoformat(),
            with_orgs=tuple(data["shared_with"]),
            what=data["what"],
            reason=data["reason"],
            consent=consent,
            consent_reason=data.get("consent_reason", "") if consent != "given" else "",
            decided_by=data["decided_by"],
            decided_by_role=data.get("decided_by_role", ""),
            lawful_basis=data.get("lawful_basis", "") if shared else "",
            article_9_condition=data.get("article_9_condition", "") if special else "",
            dpa_condition=data.get("dpa_condition", "") if special else "",
        )

    # The service's field names, for its errors
    FIELD_OF = {"with": "shared_with", "occurred_at": "occurred_on"}

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for name, problems in errors.items():
            field = self.FIELD_OF.get(name, name)
            for problem in problems:
                self.add_error(field if field in self.fields else None, problem)
