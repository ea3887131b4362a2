import json

import pytest

from macpu.access.rules.identity_providers import ProviderConfigError, allauth_apps, email_domain_allowed

pytestmark = pytest.mark.pure

CIS2 = {
    "id": "cis2",
    "name": "NHS Care Identity Service 2",
    "server_url": "https://am.nhsidentity.example/realms/Healthcare",
    "client_id": "macpu",
    "secret": "s3cret",
}


def test_no_value_means_no_providers() -> None:
    assert allauth_apps("") == []
    assert allauth_apps("  ") == []


def test_each_provider_becomes_an_allauth_app_with_pkce_on() -> None:
    entra = {**CIS2, "id": "entra", "name": "Entra ID", "token_auth_method": "client_secret_basic", "scope": ["openid"]}
    apps = allauth_apps(json.dumps([CIS2, entra]))
    assert [app["provider_id"] for app in apps] == ["cis2", "entra"]
    assert apps[0] == {
        "provider_id": "cis2",
        "name": "NHS Care Identity Service 2",
        "client_id": "macpu",
        "secret": "s3cret",
        "settings": {"server_url": CIS2["server_url"], "oauth_pkce_enabled": True},
    }
    assert apps[1]["settings"]["token_auth_method"] == "client_secret_basic"
    assert apps[1]["settings"]["scope"] == ["openid"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps(CIS2), "must be a JSON list"),
        (json.dumps([{**CIS2, "client_id": ""}]), "MACPU_OIDC_PROVIDERS[0] needs client_id"),
        (json.dumps([{**CIS2, "colour": "blue"}]), "unknown keys: colour"),
        (json.dumps([{**CIS2, "id": "NHS CIS2"}]), "lower-case letters"),
        (json.dumps([{**CIS2, "id": "error"}]), "may not be error"),
        (json.dumps([{**CIS2, "server_url": "http://idp.example"}]), "https://"),
        (json.dumps([{**CIS2, "token_auth_method": "private_key_jwt"}]), "token_auth_method"),
        (json.dumps([CIS2, CIS2]), "the id cis2 more than once"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_provider_and_key(value: str, message: str) -> None:
    with pytest.raises(ProviderConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        allauth_apps(value)


def test_email_domains_limit_whom_a_provider_vouches_for() -> None:
    assert email_domain_allowed("a.b@nhs.net", ["nhs.net"])
    assert email_domain_allowed("a.b@Trust.NHS.net", ["nhs.net"])
    assert not email_domain_allowed("a.b@evilnhs.net", ["nhs.net"])
    assert not email_domain_allowed("a.b@nhs.net.example", ["nhs.net"])
    assert email_domain_allowed("anyone@anywhere.example", None)


@pytest.mark.parametrize("domains", [[], "nhs.net", ["not a domain"], ["@nhs.net"]])
def test_bad_email_domains_are_refused_naming_the_key(domains: object) -> None:
    entry = {"id": "cis2", "name": "CIS2", "server_url": "https://x.example", "client_id": "c", "secret": "s"}
    with pytest.raises(ProviderConfigError, match=r"MACPU_OIDC_PROVIDERS\[0\]\.email_domains"):
        allauth_apps(json.dumps([{**entry, "email_domains": domains}]))
