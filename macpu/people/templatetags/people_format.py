from django import template

from macpu.people.rules.identifiers import format_nhs_number

register = template.Library()


@register.filter(name="nhs_number")
def nhs_number_display(value: str) -> str:
    """Show a stored 10-digit NHS number as 3-3-4."""
    return format_nhs_number(value) if value and len(value) == 10 else value
