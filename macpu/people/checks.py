"""A system check that fails start-up when MACPU_CONSISTENT_IDENTIFIER names no identifier scheme macpu keeps."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from macpu.people.models import IdentifierScheme


@register()
def consistent_identifier_is_a_scheme(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    named = getattr(settings, "MACPU_CONSISTENT_IDENTIFIER", IdentifierScheme.NHS_NUMBER.value)
    if named in IdentifierScheme.values:
        return []
    return [
        Error(
            f"MACPU_CONSISTENT_IDENTIFIER is {named!r}, which is not an identifier scheme macpu keeps",
            hint=f"Use one of {', '.join(IdentifierScheme.values)} (docs/identifiers-reconciled.md)",
            id="macpu.E101",
        )
    ]
