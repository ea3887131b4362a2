"""The web shell: signing in and out (django-allauth, docs/sign-in.md), choosing a role, and the home page."""

import uuid
from typing import Any, ClassVar

import jwt
from allauth.account import views as account_views
from allauth.account.forms import LoginForm
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_code_views
from allauth.mfa.totp import views as totp_views
from allauth.socialaccount import views as socialaccount_views
from allauth.socialaccount.adapter import get_adapter as get_socialaccount_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import connection
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from macpu.access.http import PUBLIC, ActorRequest, ProtectedView, PublicView
from macpu.access.lockout import attempted_username
from macpu.access.middleware import MEMBERSHIP_SESSION_KEY, actor_of
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.rules.policy import is_case_role
from macpu.access.selectors import memberships_active, sessions_of
from macpu.access.services import session_end, sessions_end_others
from macpu.audit.actions import AuditAction
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_page
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.gaps.selectors.findings import child_findings
from macpu.notifications.selectors import notifications_unread
from macpu.oversight.selectors.access_log import may_see_childs_log
from macpu.people.selectors.children import child_profile_get, children_in_my_network
from macpu.people.selectors.duplicates import visible_survivor
from macpu.workspace.services import role_selected, sign_in_locked_out, signed_out, two_factor_changed


class SignInForm(LoginForm):  # type: ignore[misc]  # allauth is untyped
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""  # allauth's points to a password reset macpu does not offer


class SignInView(account_views.LoginView):  # type: ignore[misc]  # allauth is untyped
    """Username and password (then the authenticator app's code, if set up), or an identity provider."""

    macpu_access: ClassVar[str] = PUBLIC
    template_name = "workspace/sign_in.html"
    form_class = SignInForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        apps = get_socialaccount_adapter().list_apps(self.request, provider="openid_connect")
        context["identity_providers"] = [
            {"name": app.name, "url": reverse("openid_connect_login", kwargs={"provider_id": app.provider_id})}
            for app in apps
        ]
        context["mfa_required"] = settings.MACPU_MFA_REQUIRED
        return context


class SignOutView(account_views.LogoutView):  # type: ignore[misc]  # allauth is untyped
    macpu_access: ClassVar[str] = PUBLIC
    http_method_names: ClassVar[list[str]] = ["post", "options"]

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        actor: Actor | None = getattr(self.request, "actor", None)
        if actor is not None:
            signed_out(actor=actor)
        response: HttpResponse = super().post(*args, **kwargs)
        return response


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes's answer once an account or address is locked: audited, and said plainly."""
    sign_in_locked_out(username=attempted_username(request, credentials) or "")
    return render(request, "workspace/locked_out.html", status=429)


class InactiveAccountView(account_views.AccountInactiveView):  # type: ignore[misc]  # allauth is untyped
    macpu_access: ClassVar[str] = PUBLIC


class AuthenticatorCodeView(mfa_views.AuthenticateView):  # type: ignore[misc]  # allauth is untyped
    """The second step of a local sign-in: the code from the authenticator app, or a recovery code."""

    macpu_access: ClassVar[str] = PUBLIC


class TwoFactorView(ProtectedView, mfa_views.IndexView):  # type: ignore[misc]  # allauth is untyped
    """Your two-factor authentication: the authenticator app and recovery codes."""

    permission = Permission.WORKSPACE_USE

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["mfa_required"] = settings.MACPU_MFA_REQUIRED
        return context


class ActivateAuthenticatorView(ProtectedView, totp_views.ActivateTOTPView):  # type: ignore[misc]  # allauth is untyped
    permission = Permission.WORKSPACE_USE
    allowed_before_mfa = True

    def form_valid(self, form: Form) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        # A right code from the new app is a fresh proof of identity: the recovery codes are shown next without
        # asking for the password again.
        record_authentication(self.request, self.request.user, "mfa", type="totp", reauthenticated=True)
        two_factor_changed(actor=self.request.actor, action=AuditAction.MFA_ACTIVATED)  # type: ignore[attr-defined]  # set by RequireDeclaredAccess
        return response


class DeactivateAuthenticatorView(ProtectedView, totp_views.DeactivateTOTPView):  # type: ignore[misc]  # allauth is untyped
    permission = Permission.WORKSPACE_USE

    def form_valid(self, form: Form) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        two_factor_changed(actor=self.request.actor, action=AuditAction.MFA_DEACTIVATED)  # type: ignore[attr-defined]  # set by RequireDeclaredAccess
        return response


class RecoveryCodesView(ProtectedView, recovery_code_views.ViewRecoveryCodesView):  # type: ignore[misc]  # allauth is untyped
    permission = Permission.WORKSPACE_USE


class DownloadRecoveryCodesView(ProtectedView, recovery_code_views.DownloadRecoveryCodesView):  # type: ignore[misc]  # allauth is untyped
    permission = Permission.WORKSPACE_USE


class GenerateRecoveryCodesView(ProtectedView, recovery_code_views.GenerateRecoveryCodesView):  # type: ignore[misc]  # allauth is untyped
    permission = Permission.WORKSPACE_USE

    def form_valid(self, form: Form) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        two_factor_changed(actor=self.request.actor, action=AuditAction.RECOVERY_CODES_GENERATED)  # type: ignore[attr-defined]  # set by RequireDeclaredAccess
        return response


class ReauthenticateView(ProtectedView, account_views.ReauthenticateView):  # type: ignore[misc]  # allauth is untyped
    """Confirm it is you (password) before a sensitive change, such as two-factor settings."""

    permission = Permission.WORKSPACE_USE
    allowed_before_mfa = True


class ReauthenticateWithCodeView(ProtectedView, mfa_views.ReauthenticateView):  # type: ignore[misc]  # allauth is untyped
    permission = Permission.WORKSPACE_USE
    allowed_before_mfa = True


class SingleSignOnCancelledView(socialaccount_views.LoginCancelledView):  # type: ignore[misc]  # allauth is untyped
    macpu_access: ClassVar[str] = PUBLIC


class SingleSignOnErrorView(socialaccount_views.LoginErrorView):  # type: ignore[misc]  # allauth is untyped
    macpu_access: ClassVar[str] = PUBLIC


ID_TOKEN_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})


class VerifyingOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):  # type: ignore[misc]  # allauth is untyped
    """allauth's OpenID Connect adapter, but the id_token's signature is always checked against the provider's
    published keys, even when the token came straight from its token endpoint (ASVS 10.3)."""

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict[str, Any]:
        try:
            algorithm = jwt.get_unverified_header(id_token).get("alg")
        except jwt.PyJWTError as error:
            raise OAuth2Error("Invalid id_token") from error
        if algorithm not in ID_TOKEN_ALGORITHMS:
            raise OAuth2Error(f"id_token signed with {algorithm}, not an asymmetric algorithm macpu accepts")
        claims: dict[str, Any] = jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )
        return claims


def single_sign_on_start(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Send the person to their identity provider (a POST from the sign-in page's button)."""
    try:
        response: HttpResponse = OAuth2LoginView.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))(
            request
        )
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
    return response


def single_sign_on_callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """The identity provider sends the person back here with a code, exchanged for their verified identity."""
    try:
        response: HttpResponse = OAuth2CallbackView.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))(
            request
        )
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
    return response


single_sign_on_start.macpu_access = PUBLIC  # type: ignore[attr-defined]  # the access declaration of a function view
single_sign_on_callback.macpu_access = PUBLIC  # type: ignore[attr-defined]  # the access declaration of a function view


class SessionsView(ProtectedView):
    """Where you are signed in: each session's browser, address, sign-in and last use; end any or all others."""

    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        assert request.actor.user_id is not None  # noqa: S101  # a ProtectedView's actor is a user
        sessions = sessions_of(user_id=request.actor.user_id)
        current = request.session.session_key
        return render(request, "workspace/sessions.html", {"sessions": sessions, "current_key": current})

    def post(self, request: ActorRequest) -> HttpResponse:
        assert request.actor.user_id is not None  # noqa: S101  # a ProtectedView's actor is a user
        chosen = request.POST.get("end", "")
        current = request.session.session_key or ""
        if chosen == "others":
            ended = sessions_end_others(actor=request.actor, user_id=request.actor.user_id, current_session_key=current)
            messages.success(request, f"You signed out of {ended} other session{'s' if ended != 1 else ''}.")
            return redirect("workspace:sessions")
        session = next((s for s in sessions_of(user_id=request.actor.user_id) if str(s.id) == chosen), None)
        if session is None:
            raise Http404
        if session.session_key == current:
            signed_out(actor=request.actor)
            logout(request)
            return redirect("workspace:sign-in")
        session_end(actor=request.actor, user_id=request.actor.user_id, session_id=session.id)
        messages.success(request, "You signed out of that session.")
        return redirect("workspace:sessions")


class HomeView(ProtectedView):
    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        context = {
            "works_on_cases": is_case_role(request.actor.role),
            "children": children_in_my_network(actor=request.actor),
            "notifications": notifications_unread(recipient_id=request.actor.user_id) if request.actor.user_id else [],
        }
        return render(request, "workspace/home.html", context)


LATEST_ENTRIES = 10


class ChildRecordView(ProtectedView):
    """The child's shared record: identity, family and household, organisations, network and the chronology."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            profile = child_profile_get(actor=request.actor, child_id=child_id)
        except NotFound as error:
            survivor = visible_survivor(actor=request.actor, person_id=child_id)  # a record linked into another
            if survivor is None:
                raise Http404 from error
            messages.info(request, "That record was linked into this one: both are records of the same child")
            return redirect("workspace:child-detail", survivor)
        latest = chronology_page(
            actor=request.actor, child_id=profile.child.id, filters=ChronologyFilter(), page_size=LATEST_ENTRIES
        )
        context = {
            "profile": profile,
            "child": profile.child,
            "findings": child_findings(actor=request.actor, child_id=profile.child.id, open_only=True),
            "latest": latest,
            "can_record": role_grants(request.actor.role, Permission.CHILD_RECORD),
            "may_see_access_log": may_see_childs_log(request.actor, profile.child.id),
        }
        return render(request, "workspace/child_detail.html", context)


class RoleSelectView(ProtectedView):
    """Choose which of your roles to act in: every decision and audit entry names it."""

    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        memberships = memberships_active(user_id=request.actor.user_id) if request.actor.user_id else []
        return render(request, "workspace/role_select.html", {"memberships": memberships})

    def post(self, request: ActorRequest) -> HttpResponse:
        chosen = request.POST.get("membership", "")
        memberships = (
            {str(m.id): m for m in memberships_active(user_id=request.actor.user_id)} if request.actor.user_id else {}
        )
        if chosen not in memberships:
            error = "Select the role you are working in"
            return render(
                request, "workspace/role_select.html", {"memberships": memberships.values(), "error": error}, status=400
            )
        request.session[MEMBERSHIP_SESSION_KEY] = str(uuid.UUID(chosen))
        actor = actor_of(request)
        if actor is not None:
            role_selected(actor=actor, membership=memberships[chosen])
        return redirect("workspace:home")


class HealthView(PublicView):
    """For load balancers: the database answers."""

    def get(self, request: HttpRequest) -> HttpResponse:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return HttpResponse("ok", content_type="text/plain")


def root_redirect(request: HttpRequest) -> HttpResponseRedirect:
    return redirect("workspace:home")


root_redirect.macpu_access = PUBLIC  # type: ignore[attr-defined]  # the access declaration of a function view
