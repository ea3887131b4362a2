"""The forms of the MACPU team pages: a team, a member, a member's leaving (GOV.UK patterns)."""

from typing import Any

from django import forms

from macpu.core.forms import GovukDateField
from macpu.macpt.rules.membership import NOMINATING_BODY_LABELS, PLACE_LABELS
from macpu.macpt.selectors import member_organisations
from macpu.macpt.services import MEMBER_NAME_MAX_LENGTH, ROLE_MAX_LENGTH, TEAM_NAME_MAX_LENGTH


def _date(label: str, hint: str) -> GovukDateField:
    return GovukDateField(label=label, help_text=hint, error_messages={"required": f"Enter {label.lower()}"})


class TeamForm(forms.Form):
    name = forms.CharField(
        label="Team name",
        help_text="For example, Northbridge Multi-Agency Child Protection Team",
        max_length=TEAM_NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter the team's name",
            "max_length": f"The team's name must be {TEAM_NAME_MAX_LENGTH} characters or fewer",
        },
    )
    established_on = _date("The date the team was established", "For example, 1 9 2027")
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)


class MemberForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=MEMBER_NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter the member's name",
            "max_length": f"The member's name must be {MEMBER_NAME_MAX_LENGTH} characters or fewer",
        },
    )
    role = forms.CharField(
        label="Role or job title",
        help_text="For example, Designated nurse for safeguarding children",
        max_length=ROLE_MAX_LENGTH,
        error_messages={
            "required": "Enter their role or job title",
            "max_length": f"Their role or job title must be {ROLE_MAX_LENGTH} characters or fewer",
        },
    )
    organisation_id = forms.ChoiceField(
        label="Organisation",
        help_text="The organisation they work for",
        error_messages={"required": "Choose the organisation they work for"},
    )
    membership = forms.ChoiceField(
        label="Place on the team",
        help_text="Which place of section 16EA(4) of the Children Act 2004 they fill, or another member",
        choices=list(PLACE_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the place on the team they fill"},
    )
    nominated_by = forms.ChoiceField(
        label="Nominated by",
        choices=list(NOMINATING_BODY_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who nominated them"},
    )
    joined_on = _date("The date they joined", "For example, 1 9 2027")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose an organisation")]
        choices += [(str(o.id), o.name) for o in member_organisations()]
        self.fields["organisation_id"].choices = choices  # type: ignore[attr-defined]  # a ChoiceField's choices


class LeavingForm(forms.Form):
    left_on = _date("The date they left", "The first day they were no longer on the team, for example, 31 3 2028")
