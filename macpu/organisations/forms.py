from typing import cast

from django import forms

from macpu.core.forms import GovukDateField


class ContactsForm(forms.Form):
    office_hours_phone = forms.CharField(label="Office hours telephone", max_length=30, required=False)
    out_of_hours_phone = forms.CharField(label="Out of hours telephone", max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ApiTokenIssueForm(forms.Form):
    """Name the system a token is for; a system administrator also chooses whose system it is."""

    name = forms.CharField(
        label="Name of the system",
        help_text="For example, the police case system's nightly feed",
        max_length=120,
        error_messages={"required": "Enter the name of the system that will use the token"},
    )
    organisation = forms.ChoiceField(
        label="Organisation", error_messages={"required": "Select the organisation whose system it is"}
    )

    def __init__(self, *args: object, organisations: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Django's Form takes untyped arguments
        field = cast(forms.ChoiceField, self.fields["organisation"])
        field.choices = [("", "Choose the organisation"), *organisations] if len(organisations) > 1 else organisations
        if len(organisations) == 1:
            field.initial = organisations[0][0]


class JoinerForm(forms.Form):
    """Someone starting a role here: a new account, or an existing username given a new role (a mover)."""

    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="An existing username gives that person this role; their name and email stay as they are",
        error_messages={"required": "Enter the person's username"},
    )
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="Their work address: single sign-on matches people by it",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    role = forms.ChoiceField(label="Role", error_messages={"required": "Select the role"})
    job_title = forms.CharField(label="Job title (optional)", max_length=120, required=False)
    starts_on = GovukDateField(label="First day in the role", help_text="For example, 1 12 2026")
    password = forms.CharField(
        label="Initial password (optional)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave blank if they sign in with their organisation's account (single sign-on)",
    )

    def __init__(self, *args: object, roles: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Django's Form takes untyped arguments
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", "Choose a role"), *roles]


class LeaverForm(forms.Form):
    ends_on = GovukDateField(
        label="Last day in the role",
        help_text="Today ends their access at once, every session included. For example, 31 12 2026",
    )
