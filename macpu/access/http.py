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
from django.views import View
from drf_spectacular import authentication as drf_spectacular_authentication
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core.actor import Actor

PUBLIC = "public"


class ActorRequest(HttpRequest):
    """A request that reached a ProtectedView: its actor is set and has a membership in force."""

    actor: Actor


class ActorApiRequest(Request):
    """A request that reached a ProtectedApiView: its actor is set and has a membership in force."""

    actor: Actor


_SEALED_HOOKS = ("dispatch", "get_permissions", "check_permissions", "initial", "get_authenticators")


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


class PublicView(View):
    macpu_access: ClassVar[str] = PUBLIC


class ProtectedView(View):
    permission: ClassVar[Permission]
    macpu_access: ClassVar[str]

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
        return super().dispatch(request, *args, **kwargs)


class SessionAuthentication(authentication.SessionAuthentication):
    """Session authentication that answers 401, not 403, to a caller who is not signed in."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="macpu"'


class SessionScheme(drf_spectacular_authentication.SessionScheme):  # type: ignore[no-untyped-call]  # drf-spectacular registers extensions untyped
    """Describe macpu's session authentication in the OpenAPI schema as DRF's own."""

    target_class = "macpu.access.http.SessionAuthentication"


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
    authentication_classes = (SessionAuthentication,)
    permission_classes = (RoleGrantsPermission,)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _seal(cls, "ProtectedApiView")
        if "permission" in cls.__dict__:
            cls.macpu_access = str(cls.permission)
