"""Who is signed in, in which role and organisation, for the page header."""

from typing import Any

from django.http import HttpRequest

from macpu.access.roles import ROLE_LABELS, Role
from macpu.core.actor import Actor


def actor(request: HttpRequest) -> dict[str, Any]:
    current: Actor | None = getattr(request, "actor", None)
    if current is None:
        return {}
    return {
        "actor": current,
        "actor_label": current.display_name,
        "actor_role_label": ROLE_LABELS.get(Role(current.role), current.role)
        if current.role in set(Role)
        else current.role,
        "actor_organisation_name": current.organisation_name,
    }
