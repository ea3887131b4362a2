"""Pick the GOV.UK Design System include that renders a Django form field, for forms laid out in a loop."""

from typing import Any

from django import forms, template

from macpu.core.forms import GovukDateWidget

register = template.Library()

# GOV.UK fixed-width inputs: a short answer gets a box its length, so that the box says what is expected.
_INPUT_WIDTHS = (2, 3, 4, 5, 10, 20)


@register.filter
def govuk_template(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateWidget):
        return "includes/date_input.html"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return (
            "includes/checkboxes_reveal.html" if getattr(field.field, "reveals", None) else "includes/checkboxes.html"
        )
    if isinstance(widget, forms.RadioSelect):
        return "includes/radios.html"
    if isinstance(widget, forms.Select):
        return "includes/select.html"
    if isinstance(widget, forms.Textarea):
        return "includes/textarea.html"
    return "includes/input.html"


@register.filter
def govuk_input_width(field: forms.BoundField) -> str:
    """The fixed-width class for a text input whose answer is short (a time: 5 characters); else none."""
    longest = getattr(field.field, "max_length", None)
    if govuk_template(field) != "includes/input.html" or not longest:
        return ""
    width = next((width for width in _INPUT_WIDTHS if longest <= width), None)
    return f"govuk-input--width-{width}" if width else ""


@register.filter
def with_reveals(field: forms.BoundField) -> list[tuple[Any, forms.BoundField | None]]:
    """Each checkbox of `field` with the field it reveals when checked (GOV.UK conditional reveal), or None.

    The form field's `reveals` maps a choice's value to the name of the field it reveals.
    """
    reveals: dict[str, str] = getattr(field.field, "reveals", {})
    return [
        (checkbox, field.form[reveals[checkbox.data["value"]]] if checkbox.data["value"] in reveals else None)
        for checkbox in field
    ]


@register.filter
def is_revealed(field: forms.BoundField) -> bool:
    """Whether the field is shown under a checkbox (rendered there, not in the form's own loop)."""
    return bool(getattr(field.field, "revealed_under", ""))
