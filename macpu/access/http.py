"""The sealed bases every view and API view inherits: each declares its access rule, none can skip it.

- `PublicView` / `PublicApiView`: open to anyone (sign in, health check, API schema).
- `ProtectedView` / `ProtectedApiView`: a signed-in user with a membership in force,
  whose role grants the declared `permission`. Which records they then reach is
  decided by the selectors, through `access.scoping`.
"""

from typing import Any, ClassVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.views import View
from drf_spectacular import authentication as drf_spectacular_authentication
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.services import api_client_authenticate
from macpu.access.throttling import throttled_for
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core.actor import Actor
from macpu.core.errors import NotPermitted

PUBLIC = "public"


class ActorRequest(HttpRequest):
    """A request that reached a ProtectedView: its actor is set and has a membership in force."""

    actor: Actor


class ActorApiRequest(Request):
    """A request that reached a ProtectedApiView: its actor is set and has a membership in force."""

    actor: Actor


_SEALED_HOOKS = (
    "dispatch",
    "get_permissions",
    "check_permissions",
    "initial",
    "get_authenticators",
    "check_throttles",
    "handle_exception",
)


def declared_access(view_func: Any) -> str | None:
    """The access rule a resolved view declares: PUBLIC, a Permission, or None (undeclared)."""
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    rule = getattr(view_class or view_func, "macpu_access", None)
    return str(rule) if rule is not None else None


def _seal(cls: type, base_name: str) -> None:
    for hook in _SEALED_HOOKS:
        if hook in cls.__dict__:
            raise TypeError(f"{cls.__name__} must not override {hook}; declare `permission` on {base_name}")


def _refuse(actor: Actor, permission: Permission, path: str) -> None:
    trail.record_alone(
        actor=actor,
        action=AuditAction.ACCESS_DENIED,
        outcome=Outcome.DENIED,
        target_type="route",
        target_id=path[:64],
        details={"permission": str(permission)},
    )


def _refused_by_a_service(actor: Actor, path: str, refused: NotPermitted) -> None:
    """A service's own refusal (the role allows the page, the object or the step does not): recorded like the
    bases' refusals, on its own transaction, since the service's work was rolled back."""
    trail.record_alone(
        actor=actor,
        action=AuditAction.ACCESS_DENIED,
        outcome=Outcome.DENIED,
        target_type="route",
        target_id=path[:64],
        details={"reason": str(refused)[:200]},
    )


class PublicView(View):
    macpu_access: ClassVar[str] = PUBLIC


class ProtectedView(View):
    permission: ClassVar[Permission]
    macpu_access: ClassVar[str]
    # Views that search for children or export records name their scope: their requests are counted per actor.
    throttle_scope: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _seal(cls, "ProtectedView")
        if "permission" in cls.__dict__:
            cls.macpu_access = str(cls.permission)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        actor: Actor | None = getattr(request, "actor", None)
        if actor is None:
            raise PermissionDenied("You have no role in force in any organisation.")
        if not role_grants(actor.role, self.permission):
            _refuse(actor, self.permission, request.path)
            raise PermissionDenied("Your role does not allow this.")
        wait = throttled_for(request, self, self.throttle_scope)
        if wait is not None:
            response = render(request, "errors/429.html", {"wait_seconds": wait}, status=429)
            response["Retry-After"] = str(wait)
            return response
        try:
            return super().dispatch(request, *args, **kwargs)
        except NotPermitted as refused:
            _refused_by_a_service(actor, request.path, refused)
            raise PermissionDenied(str(refused)) from refused


class SessionAuthentication(authentication.SessionAuthentication):
    """Session authentication that answers 401, not 403, to a caller who is not signed in."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="macpu"'


class SessionScheme(drf_spectacular_authentication.SessionScheme):  # type: ignore[no-untyped-call]  # drf-spectacular registers extensions untyped
    """Describe macpu's session authentication in the OpenAPI schema as DRF's own."""

    target_class = "macpu.access.http.SessionAuthentication"


class ApiClientPrincipal:
    """The `request.user` of a request an organisation's system makes with its token."""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.pk = None

    def get_username(self) -> str:
        return self.actor.label


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` for an organisation's sending system. Its actor may only send events."""

    def authenticate(self, request: Request) -> tuple[ApiClientPrincipal, Actor] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("The Authorization header must be 'Bearer <token>'.")
        actor = api_client_authenticate(
            token=header[1].decode("ascii", errors="replace"),
            method=request.method or "",
            path=request.path,
            client_address=request.META.get("REMOTE_ADDR", ""),
        )
        if actor is None:
            raise exceptions.AuthenticationFailed("The token is not valid, or has been revoked.")
        request._request.actor = actor  # type: ignore[attr-defined]  # macpu's own request attribute
        return ApiClientPrincipal(actor), actor

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="macpu"'


class BearerScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # drf-spectacular registers extensions untyped
    target_class = "macpu.access.http.TokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "An organisation system's token (macpu feed token)"}


class RoleGrantsPermission(permissions.BasePermission):
    """The API view's declared permission, granted by the actor's role."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        actor: Actor | None = getattr(request, "actor", None)
        permission: Permission = view.permission  # type: ignore[attr-defined]  # declared by ProtectedApiView
        if actor is None:
            return False
        if not role_grants(actor.role, permission):
            _refuse(actor, permission, request.path)
            return False
        return True


class PublicApiView(APIView):
    macpu_access: ClassVar[str] = PUBLIC
    authentication_classes = ()
    permission_classes = (permissions.AllowAny,)


class ProtectedApiView(APIView):
    permission: ClassVar[Permission]
    macpu_access: ClassVar[str]
    throttle_scope: ClassVar[str | None] = None
    authentication_classes = (SessionAuthentication, TokenAuthentication)
    permission_classes = (RoleGrantsPermission,)

    def check_throttles(self, request: Request) -> None:
        wait = throttled_for(request, self, self.throttle_scope)
        if wait is not None:
            self.throttled(request, wait)

    def handle_exception(self, exc: Exception) -> Response:
        actor: Actor | None = getattr(self.request, "actor", None)
        if isinstance(exc, NotPermitted) and actor is not None:
            _refused_by_a_service(actor, self.request.path, exc)
        return super().handle_exception(exc)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _seal(cls, "ProtectedApiView")
        if "permission" in cls.__dict__:
            cls.macpu_access = str(cls.permission)
