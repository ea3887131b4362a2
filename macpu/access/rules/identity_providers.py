"""The identity providers people sign in with (OpenID Connect), read from one environment variable.

`MACPU_OIDC_PROVIDERS` is a JSON list, one object per provider:

    [{"id": "cis2", "name": "NHS Care Identity Service 2",
      "server_url": "https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare",
      "client_id": "...", "secret": "...",
      "scope": ["openid", "email", "profile"], "token_auth_method": "client_secret_post",
      "fetch_userinfo": true}]

`id`, `name`, `server_url` (the issuer; discovery is read from its /.well-known/openid-configuration),
`client_id` and `secret` are required; the rest are optional. PKCE is always on.
`email_domains` (e.g. `["nhs.net"]`) limits whom a provider may vouch for: a verified address outside
those domains (or their subdomains) matches nobody, so one organisation's provider cannot sign in
another organisation's staff. `check --deploy` warns about a provider without it.
Pure: no Django, so a wrong value is reported the same way wherever it is read.
"""

import json
import re
from typing import Any

REQUIRED = ("id", "name", "server_url", "client_id", "secret")
OPTIONAL = ("scope", "token_auth_method", "fetch_userinfo", "uid_field", "email_domains")
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post")
RESERVED_IDS = ("cancelled", "error")  # pages of their own under /sign-in/sso/


class ProviderConfigError(ValueError):
    """MACPU_OIDC_PROVIDERS is not valid; the message names the provider and the key."""


def _check(index: int, entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS[{index}] must be an object")
    missing = [key for key in REQUIRED if not str(entry.get(key, "")).strip()]
    if missing:
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS[{index}] needs {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS[{index}] has unknown keys: {', '.join(unknown)}")
    if not PROVIDER_ID.match(str(entry["id"])):
        raise ProviderConfigError(
            f"MACPU_OIDC_PROVIDERS[{index}].id must be lower-case letters, digits and hyphens (it appears in URLs)"
        )
    if entry["id"] in RESERVED_IDS:
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS[{index}].id may not be {entry['id']}")
    if not str(entry["server_url"]).startswith(("https://", "http://localhost", "http://127.0.0.1")):
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS[{index}].server_url must be an https:// address")
    method = entry.get("token_auth_method")
    if method is not None and method not in TOKEN_AUTH_METHODS:
        raise ProviderConfigError(
            f"MACPU_OIDC_PROVIDERS[{index}].token_auth_method must be one of {', '.join(TOKEN_AUTH_METHODS)}"
        )
    domains = entry.get("email_domains")
    if domains is not None and (
        not isinstance(domains, list) or not domains or not all(DOMAIN.match(str(d).lower()) for d in domains)
    ):
        raise ProviderConfigError(
            f'MACPU_OIDC_PROVIDERS[{index}].email_domains must be a non-empty list of domains, like ["nhs.net"]'
        )
    return entry


def email_domain_allowed(address: str, domains: list[str] | None) -> bool:
    """Whether a provider restricted to `domains` (None: not restricted) may vouch for this address."""
    if domains is None:
        return True
    domain = address.rpartition("@")[2].strip().lower()
    return any(domain == allowed or domain.endswith(f".{allowed}") for allowed in domains)


def allauth_apps(raw: str) -> list[dict[str, Any]]:
    """The providers as django-allauth's `openid_connect` APPS entries. An empty value means no providers."""
    if not raw.strip():
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS is not valid JSON: {error.msg}") from error
    if not isinstance(entries, list):
        raise ProviderConfigError("MACPU_OIDC_PROVIDERS must be a JSON list of providers")
    checked = [_check(index, entry) for index, entry in enumerate(entries)]
    ids = [str(entry["id"]) for entry in checked]
    duplicates = sorted({provider_id for provider_id in ids if ids.count(provider_id) > 1})
    if duplicates:
        raise ProviderConfigError(f"MACPU_OIDC_PROVIDERS has the id {', '.join(duplicates)} more than once")
    return [_app(entry) for entry in checked]


def _app(entry: dict[str, Any]) -> dict[str, Any]:
    settings: dict[str, Any] = {"server_url": str(entry["server_url"]), "oauth_pkce_enabled": True}
    for key in ("token_auth_method", "fetch_userinfo", "uid_field"):
        if key in entry:
            settings[key] = entry[key]
    if "email_domains" in entry:
        settings["email_domains"] = [str(domain).lower() for domain in entry["email_domains"]]
    app: dict[str, Any] = {
        "provider_id": str(entry["id"]),
        "name": str(entry["name"]),
        "client_id": str(entry["client_id"]),
        "secret": str(entry["secret"]),
        "settings": settings,
    }
    if "scope" in entry:
        app["settings"]["scope"] = list(entry["scope"])
    return app
