"""A system check that fails start-up when any route does not declare its access rule."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register  # Django's name
from django.urls import URLPattern, URLResolver, get_resolver

from macpu.access.http import declared_access


def iter_patterns(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every route of the URLconf with its full pattern text."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


@register()
def every_route_declares_access(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(
            f"The route {route!r} declares no access rule",
            hint="Inherit a base from macpu.access.http",
            id="macpu.E001",
        )
        for route, pattern in iter_patterns(get_resolver().url_patterns)
        if declared_access(pattern.callback) is None
    ]


@register(Tags.security, deploy=True)
def mfa_is_required(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """`check --deploy` warns when local accounts that can see children's records may sign in without MFA."""
    if getattr(settings, "MACPU_MFA_REQUIRED", False):
        return []
    return [
        Warning(
            "MACPU_MFA_REQUIRED is off: local accounts that can see children's records sign in with a password alone",
            hint="Leave MACPU_MFA_REQUIRED unset (it is on in production settings) or set it to true",
            id="macpu.W001",
        )
    ]


@register(Tags.security, deploy=True)
def identity_providers_are_limited_to_their_domains(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """`check --deploy` warns of a provider that may vouch for any email address (ADR 0016)."""
    apps = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).get("openid_connect", {}).get("APPS", [])
    return [
        Warning(
            f"The identity provider {app['provider_id']} may vouch for any email address",
            hint='Give it "email_domains" in MACPU_OIDC_PROVIDERS: the domains of the staff it signs in',
            id="macpu.W002",
        )
        for app in apps
        if not app.get("settings", {}).get("email_domains")
    ]
