"""Request-level enforcement: every resolved view must declare its access; each request gets its actor;
sessions end after their absolute lifetime; local accounts that need two-factor authentication set it up first.
"""

import uuid
from collections.abc import Callable
from typing import Any

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect

from macpu.access.http import PUBLIC, declared_access
from macpu.access.models import User
from macpu.access.selectors import actor_for_user, has_authenticator_app, mfa_required_for
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind

MEMBERSHIP_SESSION_KEY = "macpu_membership_id"
SIGNED_IN_AT_SESSION_KEY = "macpu_signed_in_at"
MFA_SATISFIED_SESSION_KEY = "macpu_mfa_enrolled"


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


def signed_in_by_single_sign_on(request: HttpRequest) -> bool:
    """Whether this session was signed in through an organisation's identity provider (which does the MFA)."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    return any(record.get("method") == "socialaccount" for record in records)


def _user_actor(request: HttpRequest, user: User) -> Actor:
    return _actor(request) or Actor(kind=ActorKind.USER, label=user.get_username(), user_id=user.id)


class SessionLimits:
    """End a session `MACPU_SESSION_MAX_HOURS` after sign-in, whatever the activity (ASVS 7.3.2).

    The 30-minute inactivity limit is the session's own expiry (SESSION_COOKIE_AGE, renewed by each request).
    A session signed in before this rule existed, or by a test's `force_login`, is timed from its first request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and user.is_authenticated:
            now = clock.now().timestamp()
            signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
            if signed_in_at is None:
                request.session[SIGNED_IN_AT_SESSION_KEY] = now
            elif now - float(signed_in_at) > settings.MACPU_SESSION_MAX_HOURS * 3600:
                self._expire(request, user)
        return self.get_response(request)

    def _expire(self, request: HttpRequest, user: User) -> None:
        trail.record_alone(
            actor=_user_actor(request, user),
            action=AuditAction.SESSION_EXPIRED,
            target_type="user",
            target_id=user.id,
            details={"max_hours": settings.MACPU_SESSION_MAX_HOURS},
        )
        logout(request)
        messages.info(
            request,
            f"You were signed out because you signed in more than {settings.MACPU_SESSION_MAX_HOURS} hours ago. "
            "Sign in again to carry on.",
        )


class RequireMfaEnrolment:
    """With MACPU_MFA_REQUIRED, a local account whose role can see children's records must have an authenticator
    app: until it is set up, every page but the set-up (and signing out) sends them there, and the API refuses.

    Sessions signed in by single sign-on are not asked: the identity provider does the second factor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not settings.MACPU_MFA_REQUIRED or not self._must_enrol(request, view_func):
            return None
        message = "Set up two-factor authentication before you use macpu: your role can see children's records."
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        if request.method == "GET":
            messages.info(request, message)
        return redirect("mfa_activate_totp")

    def _must_enrol(self, request: HttpRequest, view_func: Callable[..., Any]) -> bool:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return False
        view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
        if declared_access(view_func) == PUBLIC or getattr(view_class, "allowed_before_mfa", False):
            return False
        if request.session.get(MFA_SATISFIED_SESSION_KEY) or signed_in_by_single_sign_on(request):
            return False
        if not mfa_required_for(user_id=user.id):
            return False
        if has_authenticator_app(user_id=user.id):
            request.session[MFA_SATISFIED_SESSION_KEY] = True
            return False
        return True
