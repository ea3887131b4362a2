from django import template

from macpu.people.rules.identifiers import format_nhs_number

register = template.Library()


@register.filter(name="nhs_number")
def nhs_number_display(value: str) -> str:
    """Show a stored 10-digit NHS number as 3-3-4."""
    return format_nhs_number(value) if value and len(value) == 10 else value


_FIELD_NAMES = {
    "nhs_number": "NHS number",
    "given_name": "First name",
    "family_name": "Last name",
    "date_of_birth": "Date of birth",
    "postcode": "Postcode",
    "sex": "Sex",
}


@register.filter(name="search_field_name")
def search_field_name(field: str) -> str:
    """A field of a match explanation as the search form names it."""
    return _FIELD_NAMES.get(field, field.replace("_", " ").capitalize())
