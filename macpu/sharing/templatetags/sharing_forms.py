"""Radios with a hint under each option (GOV.UK radio items with hints), for the sharing form."""

from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def with_hints(field: forms.BoundField) -> list[tuple[Any, str]]:
    """Each radio of `field` with its hint: the form field's `hints` maps a choice's value to it."""
    hints: dict[str, str] = getattr(field.field, "hints", {})
    return [(radio, hints.get(str(radio.data["value"]), "")) for radio in field]
