"""Pick the GOV.UK Design System include that renders a Django form field, for forms laid out in a loop."""

from django import forms, template

from macpu.core.forms import GovukDateWidget

register = template.Library()


@register.filter
def govuk_template(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateWidget):
        return "includes/date_input.html"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "includes/checkboxes.html"
    if isinstance(widget, forms.RadioSelect):
        return "includes/radios.html"
    if isinstance(widget, forms.Select):
        return "includes/select.html"
    if isinstance(widget, forms.Textarea):
        return "includes/textarea.html"
    return "includes/input.html"
