"""How django-allauth signs people in to macpu (docs/sign-in.md, ADR 0016).

- Nobody signs up: administrators create accounts (joiners), and end memberships (leavers).
- A person signing in with an identity provider is matched to an existing user by verified email, or refused.
- Someone with no role in force anywhere (a leaver) is refused at sign-in.
- Every sign-in, refusal and failure is audited; an authenticator app cannot be removed while it is required.
"""

import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.middleware import MFA_SATISFIED_SESSION_KEY, SIGNED_IN_AT_SESSION_KEY, actor_of
from macpu.access.models import User
from macpu.access.rules.identity_providers import email_domain_allowed
from macpu.access.selectors import has_authenticator_app, memberships_active, mfa_required_for, users_with_email
from macpu.core import clock
from macpu.workspace.services import sign_in_failed, sign_in_refused, signed_in, single_sign_on_link

QUIET_MESSAGES = {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": "Enter a correct username and password. Both are case-sensitive.",
        "account_inactive": "This account is closed. Ask your system administrator.",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> HttpResponse | None:
        response: HttpResponse | None = super().pre_login(request, user, **kwargs)
        if response is None and isinstance(user, User) and not memberships_active(user_id=user.id).exists():
            sign_in_refused(username=user.get_username(), reason="no_membership")
            return render(request, "workspace/sign_in_refused.html", {"reason": "no_membership"}, status=403)
        return response

    def login(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        super().login(request, user)
        request.session[SIGNED_IN_AT_SESSION_KEY] = clock.now().timestamp()
        request.session.pop(MFA_SATISFIED_SESSION_KEY, None)

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post_login(request, user, **kwargs)
        actor = actor_of(request)
        if actor is not None:
            sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
            signed_in(actor=actor, method="single_sign_on" if sociallogin else "password")
            if memberships_active(user_id=user.pk).count() > 1 and not kwargs.get("redirect_url"):
                return redirect("workspace:role-select")
        return response

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        sign_in_failed(username=str(credentials.get("username", ""))[:150])

    def add_message(
        self, request: HttpRequest, level: int, message_template: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Setting up a first authenticator app within minutes of signing in with the password does not ask for
        the password again; every other two-factor change does (allauth's default)."""
        request = self.request or context.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
            recent = time.time() - settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
            just_signed_in = any(r.get("method") == "password" and r.get("at", 0) > recent for r in records)
            if just_signed_in and not has_authenticator_app(user_id=request.user.pk):
                return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))

    def get_login_stages(self) -> list[str]:
        return [
            "macpu.workspace.adapters.AuthenticatorCodeStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]


class AuthenticatorCodeStage(AuthenticateStage):  # type: ignore[misc]  # allauth is untyped
    """allauth's two-factor step, skipped for single sign-on: the identity provider has done the second factor."""

    def _should_handle(self, request: HttpRequest) -> bool:
        if (self.login.signal_kwargs or {}).get("sociallogin") is not None:
            return False
        return bool(super()._should_handle(request))


def _email_domains_of(provider_id: str) -> list[str] | None:
    """The domains a configured provider may vouch for (None: any), from its settings."""
    providers: dict[str, Any] = settings.SOCIALACCOUNT_PROVIDERS
    apps: list[dict[str, Any]] = providers.get("openid_connect", {}).get("APPS", [])
    app = next((app for app in apps if app.get("provider_id") == provider_id), None)
    domains: list[str] | None = app.get("settings", {}).get("email_domains") if app is not None else None
    return domains


def _refuse(request: HttpRequest, provider: str, reason: str) -> None:
    sign_in_refused(username=f"sso:{provider}", reason=reason)
    raise ImmediateHttpResponse(render(request, "workspace/sign_in_refused.html", {"reason": reason}, status=403))


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Match the person to an existing, active macpu user by the verified email their provider vouches for."""
        provider = sociallogin.account.provider
        domains = _email_domains_of(provider)
        if sociallogin.is_existing:
            # Linked before; still only for someone whose address the provider may vouch for today.
            if not email_domain_allowed(sociallogin.user.email, domains):
                _refuse(request, provider, "email_domain_not_allowed")
            return
        verified = {address.email.strip() for address in sociallogin.email_addresses if address.verified}
        vouched = {address for address in verified if email_domain_allowed(address, domains)}
        matches = list(users_with_email(emails=vouched)[:2]) if vouched else []
        if len(matches) != 1:
            reason = (
                "no_verified_email"
                if not verified
                else "email_domain_not_allowed"
                if not vouched
                else ("unknown_user" if not matches else "ambiguous_email")
            )
            _refuse(request, provider, reason)
        sociallogin.user = matches[0]
        single_sign_on_link(user=matches[0], account=sociallogin.account)

    def on_authentication_error(
        self, request: HttpRequest, provider: Any, error: Any = None, exception: Any = None, extra_context: Any = None
    ) -> None:
        app = getattr(provider, "app", None)
        provider_id = getattr(app, "provider_id", "") or getattr(provider, "id", "unknown")
        sign_in_failed(username=f"sso:{provider_id}", reason=str(error or "error"))


class MfaAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth is untyped
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """While MFA is required, someone whose role can see children's records keeps their authenticator app."""
        if settings.MACPU_MFA_REQUIRED and authenticator.type == Authenticator.Type.TOTP:
            return not mfa_required_for(user_id=authenticator.user_id)
        return True

    def get_totp_issuer(self) -> str:
        return str(settings.MFA_TOTP_ISSUER)
