"""Request-level enforcement: every resolved view must declare its access; each request gets its actor."""

import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from macpu.access.http import declared_access
from macpu.access.models import User
from macpu.access.selectors import actor_for_user
from macpu.core.actor import Actor

MEMBERSHIP_SESSION_KEY = "macpu_membership_id"


class RequireDeclaredAccess:
    """Refuse any view that does not declare its access rule (deny by default), and set `request.actor`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = _actor(request)  # type: ignore[attr-defined]  # macpu's own request attribute
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> None:
        if declared_access(view_func) is None:
            raise PermissionDenied("This page declares no access rule.")


def actor_of(request: HttpRequest) -> Actor | None:
    """The actor of a request whose user has just changed (sign-in, role choice)."""
    return _actor(request)


def _actor(request: HttpRequest) -> Actor | None:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    chosen = request.session.get(MEMBERSHIP_SESSION_KEY)
    return actor_for_user(user=user, membership_id=uuid.UUID(chosen) if chosen else None)


class NoStoreForSignedIn:
    """Pages shown to a signed-in user hold case data: never let a browser or proxy keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
