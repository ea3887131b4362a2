"""The forms of the practice profile and glossary pages (GOV.UK patterns), and their translation to the rules' data."""

from typing import Any, cast

from django import forms

from macpu.core.forms import GovukDateField
from macpu.organisations.rules.vocabulary import SECTOR_LABELS
from macpu.practice.models import GlossaryTerm
from macpu.practice.rules.profile import (
    COMMITMENT_LABELS,
    CONSENT_LABELS,
    LEAD_LIMITS,
    MAX_LEADS,
    MAX_TIMESCALE,
    TEXT_LIMITS,
    UNIT_LABELS,
    Commitment,
    ConsentPractice,
    ProfileContent,
    SafeguardingLead,
    Timescale,
    TimeUnit,
    content_errors,
)
from macpu.practice.selectors import glossary_terms
from macpu.practice.services import (
    CHANGE_NOTE_MAX_LENGTH,
    EXPANSION_MAX_LENGTH,
    MEANING_MAX_LENGTH,
    TERM_MAX_LENGTH,
    TermInput,
)

_LEAD_PARTS = (
    ("name", "Name"),
    ("role", "Role or job title"),
    ("office_hours", "How to reach them in office hours"),
    ("out_of_hours", "How to reach them out of hours (optional)"),
)


def _text(name: str, label: str, required_message: str = "", *, hint: str = "", area: bool = True) -> forms.CharField:
    limit = TEXT_LIMITS[name]
    return forms.CharField(
        label=label,
        help_text=hint,
        required=bool(required_message),
        max_length=limit,
        widget=forms.Textarea if area else forms.TextInput,
        error_messages={"required": required_message, "max_length": f"{label} must be {limit} characters or fewer"},
    )


class ProfileForm(forms.Form):
    safeguarding_role = _text(
        "safeguarding_role",
        "What the organisation does in safeguarding",
        "Enter what the organisation does in safeguarding",
        hint="Its duties, the children it works with, and what partners can expect of it",
    )
    referral_route = _text(
        "referral_route",
        "How to refer a child to it",
        "Enter how to refer a child to the organisation",
        hint="The way in (a form, a telephone line, a team), and what to include",
    )
    threshold_document_title = _text("threshold_document_title", "Threshold document title (optional)", area=False)
    threshold_document_url = _text(
        "threshold_document_url", "Threshold document address (optional)", hint="Starting https://", area=False
    )
    escalation_route = _text(
        "escalation_route",
        "How to escalate",
        "Enter how to escalate a concern or a disagreement",
        hint="Who to go to, in order, when a concern or a decision needs to go higher",
    )
    consent_practice = forms.ChoiceField(
        label="When it seeks consent",
        help_text="Consent is never sought where seeking it would put a child at risk of significant harm",
        choices=[(c.value, label) for c, label in CONSENT_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when the organisation seeks consent"},
    )
    consent_explanation = _text(
        "consent_explanation",
        "Explain when it seeks consent, and when it does not",
        "Explain when the organisation seeks consent, and when it does not",
    )
    strategy_discussion_attendees = _text(
        "strategy_discussion_attendees",
        "Who attends strategy discussions for it",
        "Enter who attends strategy discussions for the organisation",
    )
    records_held = _text(
        "records_held",
        "Records it holds that others may need",
        "Enter the records the organisation holds that others may need",
    )
    terms = forms.MultipleChoiceField(
        label="Terms it uses (optional)",
        help_text="The glossary terms the organisation uses, so partners can see what it means by them",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effective_from = GovukDateField(
        label="The date this version takes effect",
        help_text="For example, 1 12 2026",
        error_messages={"required": "Enter the date this version takes effect"},
    )
    change_note = forms.CharField(
        label="What changed (optional)",
        required=False,
        max_length=CHANGE_NOTE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": f"What changed must be {CHANGE_NOTE_MAX_LENGTH} characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_LEADS + 1):
            for part, label in _LEAD_PARTS:
                limit = LEAD_LIMITS[part]
                self.fields[f"lead_{number}_{part}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=limit,
                    error_messages={"max_length": f"{label} must be {limit} characters or fewer"},
                )
        for commitment in Commitment:
            self.fields[f"{commitment}_value"] = forms.IntegerField(
                label="Number",
                min_value=0,
                max_value=MAX_TIMESCALE,
                error_messages={
                    "required": f"Enter the timescale for {COMMITMENT_LABELS[commitment].lower()}",
                    "invalid": f"The timescale must be a whole number from 0 to {MAX_TIMESCALE}",
                    "min_value": f"The timescale must be a whole number from 0 to {MAX_TIMESCALE}",
                    "max_value": f"The timescale must be a whole number from 0 to {MAX_TIMESCALE}",
                },
            )
            self.fields[f"{commitment}_unit"] = forms.ChoiceField(
                label="Unit",
                choices=[(unit.value, UNIT_LABELS[unit][1]) for unit in TimeUnit],
                error_messages={"required": "Choose hours, working days or calendar days"},
            )
        self.order_fields(
            [
                "safeguarding_role",
                "referral_route",
                "threshold_document_title",
                "threshold_document_url",
                "escalation_route",
                *(f"lead_{n}_{part}" for n in range(1, MAX_LEADS + 1) for part, _ in _LEAD_PARTS),
                "consent_practice",
                "consent_explanation",
                *(f"{c}_{part}" for c in Commitment for part in ("value", "unit")),
            ]
        )
        terms = cast(forms.MultipleChoiceField, self.fields["terms"])
        terms.choices = [(t.term, f"{t.term}: {t.expansion}") for t in glossary_terms()]

    @property
    def lead_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"lead_{n}_{part}"] for part, _ in _LEAD_PARTS] for n in range(1, MAX_LEADS + 1)]

    @property
    def timescale_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(COMMITMENT_LABELS[c], self[f"{c}_value"], self[f"{c}_unit"]) for c in Commitment]

    def clean(self) -> dict[str, Any]:
        """Check the content by the rules too, so every problem shows at once, not the rules' only after the rest."""
        data = super().clean() or {}
        placeholders = {
            "consent_practice": ConsentPractice.BEFORE_SHARING.value,
            "terms": [],
            **{f"{c}_value": 0 for c in Commitment},
            **{f"{c}_unit": TimeUnit.HOURS.value for c in Commitment},
            **dict.fromkeys(TEXT_LIMITS, ""),
        }
        for key, problem in content_errors(self._content({**placeholders, **data})).items():
            field = self.field_for(key)
            if field is not None and field not in self.errors:
                self.add_error(field, problem)
        return data

    def content(self) -> ProfileContent:
        return self._content(self.cleaned_data)

    def _content(self, data: dict[str, Any]) -> ProfileContent:
        leads = []
        for number in range(1, MAX_LEADS + 1):
            parts = {part: data.get(f"lead_{number}_{part}", "").strip() for part, _ in _LEAD_PARTS}
            if any(parts.values()) or number == 1:
                leads.append(SafeguardingLead(**parts))
        return ProfileContent(
            safeguarding_role=data["safeguarding_role"],
            referral_route=data["referral_route"],
            threshold_document_title=data["threshold_document_title"],
            threshold_document_url=data["threshold_document_url"],
            escalation_route=data["escalation_route"],
            leads=tuple(leads),
            consent_practice=ConsentPractice(data["consent_practice"]),
            consent_explanation=data["consent_explanation"],
            timescales={c: Timescale(data[f"{c}_value"], TimeUnit(data[f"{c}_unit"])) for c in Commitment},
            strategy_discussion_attendees=data["strategy_discussion_attendees"],
            records_held=data["records_held"],
            terms=tuple(data["terms"]),
        )

    def field_for(self, problem_key: str) -> str | None:
        """The form field a service's problem names ("leads" is the first lead's name; a commitment its number)."""
        for candidate in (problem_key, f"{problem_key}_value", "lead_1_name" if problem_key == "leads" else ""):
            if candidate in self.fields:
                return candidate
        return None


def profile_initial(content: ProfileContent | None, version: int) -> dict[str, Any]:
    """The form's starting values: the current version's content, to be changed into the next version."""
    initial: dict[str, Any] = {"version": version}
    if content is None:
        return initial
    for name in TEXT_LIMITS:
        initial[name] = getattr(content, name)
    initial["consent_practice"] = content.consent_practice.value
    initial["terms"] = list(content.terms)
    for number, lead in enumerate(content.leads, start=1):
        for part, _ in _LEAD_PARTS:
            initial[f"lead_{number}_{part}"] = getattr(lead, part)
    for commitment, timescale in content.timescales.items():
        initial[f"{commitment}_value"] = timescale.value
        initial[f"{commitment}_unit"] = timescale.unit.value
    return initial


class CompareForm(forms.Form):
    org = forms.MultipleChoiceField(
        label="Organisations to compare",
        help_text="Choose two to six organisations",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least two organisations to compare"},
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["org"]).choices = organisations

    def clean_org(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["org"]
        if len(chosen) < 2:
            raise forms.ValidationError("Choose at least two organisations to compare")
        if len(chosen) > 6:
            raise forms.ValidationError("Choose no more than six organisations to compare")
        return chosen


class TermForm(forms.Form):
    term = forms.CharField(
        label="Term or abbreviation",
        max_length=TERM_MAX_LENGTH,
        error_messages={
            "required": "Enter the term",
            "max_length": f"The term must be {TERM_MAX_LENGTH} characters or fewer",
        },
    )
    is_abbreviation = forms.ChoiceField(
        label="Is it an abbreviation?",
        help_text="An abbreviation is found in text only as written (DNA, not dna); a phrase in any case",
        choices=[("yes", "Yes"), ("no", "No, it is a word or phrase")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the term is an abbreviation"},
    )
    expansion = forms.CharField(
        label="Short meaning",
        help_text="Shown where the term appears, for example: did not attend (a health appointment)",
        max_length=EXPANSION_MAX_LENGTH,
        error_messages={
            "required": "Enter its short meaning",
            "max_length": f"Its short meaning must be {EXPANSION_MAX_LENGTH} characters or fewer",
        },
    )
    meaning = forms.CharField(
        label="What it means",
        max_length=MEANING_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what it means",
            "max_length": f"What it means must be {MEANING_MAX_LENGTH} characters or fewer",
        },
    )
    sectors = forms.MultipleChoiceField(
        label="Sectors that use it",
        choices=[(sector.value, label) for sector, label in SECTOR_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one sector that uses the term"},
    )
    equivalents = forms.MultipleChoiceField(
        label="Terms that mean the same thing (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, editing: GlossaryTerm | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = [t for t in glossary_terms() if editing is None or t.id != editing.id]
        cast(forms.MultipleChoiceField, self.fields["equivalents"]).choices = [(t.term, t.term) for t in others]

    def term_input(self) -> TermInput:
        data = self.cleaned_data
        return TermInput(
            term=data["term"],
            expansion=data["expansion"],
            meaning=data["meaning"],
            is_abbreviation=data["is_abbreviation"] == "yes",
            sectors=tuple(data["sectors"]),
            equivalents=tuple(data["equivalents"]),
        )


def term_initial(term: GlossaryTerm) -> dict[str, Any]:
    return {
        "term": term.term,
        "is_abbreviation": "yes" if term.is_abbreviation else "no",
        "expansion": term.expansion,
        "meaning": term.meaning,
        "sectors": list(term.sectors),
        "equivalents": [other.term for other in term.equivalents.all()],
        "version": term.version,
    }
