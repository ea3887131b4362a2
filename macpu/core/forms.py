"""Form widgets and fields that render with the GOV.UK Design System includes.

Render a GovukDateField with ``templates/includes/date_input.html``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

_PARTS = ("day", "month", "year")

# GOV.UK asks services to accept month names as well as numbers.
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year text inputs named ``<name>_day``, ``_month``, ``_year``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric"}
        super().__init__(
            widgets={part: forms.TextInput(attrs=numeric) for part in _PARTS},
            attrs=attrs,
        )

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year, cleaned to ``datetime.date``.

    Errors follow the GOV.UK date input pattern and name the field by
    ``error_label`` (default: the field's label), for example "Date of birth
    must include a month" or "Date of birth must be a real date". Checks such
    as "must be in the past" belong to the form that knows what the date means.
    """

    widget = GovukDateWidget

    def __init__(self, *, error_label: str | None = None, **kwargs: Any) -> None:
        custom_messages: dict[str, Any] = kwargs.pop("error_messages", None) or {}
        part_fields = tuple(forms.CharField(required=False) for _ in _PARTS)
        super().__init__(part_fields, require_all_fields=False, **kwargs)
        self.error_label = error_label or str(self.label or "Date")
        self.error_messages["required"] = f"Enter {self.error_label.lower()}"
        self.error_messages.update(custom_messages)

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list:
            return None
        values = [str(value or "").strip() for value in data_list]
        missing = [part for part, value in zip(_PARTS, values, strict=True) if not value]
        if len(missing) == len(_PARTS):
            return None
        if missing:
            raise ValidationError(
                "%(label)s must include a %(parts)s",
                code="incomplete",
                params={"label": self.error_label, "parts": " and ".join(missing)},
            )
        day, month, year = values
        try:
            day_number = int(day)
            month_number = _MONTH_NAMES.get(month.lower()) or int(month)
            year_number = int(year)
            if len(year) != 4:
                raise ValueError(year)
            return datetime.date(year_number, month_number, day_number)
        except ValueError:
            raise ValidationError(
                "%(label)s must be a real date",
                code="invalid",
                params={"label": self.error_label},
            ) from None
