"""django-axes's view of a sign-in attempt: which username it was for.

allauth's sign-in form names its field `login` and passes `username` to the authentication backends;
axes is told where to find it so that failures count against the account tried, not only the address.
"""

from typing import Any

from django.http import HttpRequest


def attempted_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The username a sign-in attempt was for, from the backend's credentials or the posted form."""
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for field in ("username", "login"):
            value = source.get(field)
            if value:
                return str(value).strip().lower()[:150]
    return None
