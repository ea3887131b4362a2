"""Single sign-on by OpenID Connect, against a fake identity provider served in-process (responses + PyJWT)."""

import json
import time
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from macpu.access.models import User
from macpu.access.rules.identity_providers import allauth_apps
from macpu.audit.actions import AuditAction
from tests.sign_in.helpers import last

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.example.test/realms/nhs"
CLIENT_ID = "macpu-test-client"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PROVIDERS = [
    {
        "id": "cis2",
        "name": "NHS Care Identity Service 2",
        "server_url": ISSUER,
        "client_id": CLIENT_ID,
        "secret": "s3cret",
        "fetch_userinfo": False,
    },
    {
        "id": "entra",
        "name": "Microsoft Entra ID",
        "server_url": "https://login.example.test/tenant/v2.0",
        "client_id": "other",
        "secret": "other",
    },
]


def id_token(email: str, *, key: rsa.RSAPrivateKey = KEY, verified: bool = True, **claims: object) -> str:
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": f"cis2-{email}",
        "iat": now,
        "exp": now + 300,
        "email": email,
        "email_verified": verified,
        "given_name": "Amara",
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "key-1"})


@pytest.fixture
def idp(settings) -> Iterator[responses.RequestsMock]:  # type: ignore[no-untyped-def]
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": allauth_apps(json.dumps(PROVIDERS))}
    }
    jwk = {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "key-1", "alg": "RS256"}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            f"{ISSUER}/.well-known/openid-configuration",
            json={
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "userinfo_endpoint": f"{ISSUER}/userinfo",
                "jwks_uri": f"{ISSUER}/jwks",
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
        )
        mock.get(f"{ISSUER}/jwks", json={"keys": [jwk]})
        yield mock


def round_trip(client: Client, idp: responses.RequestsMock, token: str):  # type: ignore[no-untyped-def]
    """Press the provider's button, 'sign in' at the fake provider, and come back with a code."""
    to_provider = client.post("/sign-in/sso/cis2/", {"process": "login"})
    assert to_provider.status_code == 302
    sent = parse_qs(urlparse(to_provider["Location"]).query)
    assert to_provider["Location"].startswith(f"{ISSUER}/authorize?")
    assert sent["code_challenge_method"] == ["S256"]
    assert sent["code_challenge"]
    assert sent["client_id"] == [CLIENT_ID]
    code = uuid.uuid4().hex
    idp.post(f"{ISSUER}/token", json={"access_token": "at", "token_type": "Bearer", "id_token": token})
    back = client.get("/sign-in/sso/cis2/callback/", {"code": code, "state": sent["state"][0]})
    token_request = next(call.request for call in idp.calls if call.request.url == f"{ISSUER}/token")
    assert "code_verifier=" in str(token_request.body)
    return back


def test_the_sign_in_page_offers_every_provider(idp: responses.RequestsMock) -> None:
    page = Client().get("/sign-in/").content.decode()
    assert "Sign in with NHS Care Identity Service 2" in page
    assert "Sign in with Microsoft Entra ID" in page
    assert 'action="/sign-in/sso/cis2/"' in page


def test_a_known_person_is_signed_in_by_verified_email_without_macpu_mfa(
    idp: responses.RequestsMock, sw_amara: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MACPU_MFA_REQUIRED = True
    sw_amara.email = "Amara.Okafor@nhs.example"
    sw_amara.save()
    client = Client()
    back = round_trip(client, idp, id_token("amara.okafor@nhs.example"))
    assert back.status_code == 302
    assert back["Location"] == "/home/"
    assert client.get("/home/").status_code == 200  # the identity provider did the second factor
    assert SocialAccount.objects.get(user=sw_amara).provider == "cis2"
    assert last(AuditAction.SIGNED_IN).details == {"method": "single_sign_on"}
    assert last(AuditAction.SINGLE_SIGN_ON_LINKED).actor_label == "sw.amara"

    again = Client()
    assert round_trip(again, idp, id_token("amara.okafor@nhs.example"))["Location"] == "/home/"


def test_an_unknown_person_is_refused_and_no_account_is_made(idp: responses.RequestsMock, sw_amara: User) -> None:
    users = User.objects.count()
    client = Client()
    back = round_trip(client, idp, id_token("stranger@nhs.example"))
    assert back.status_code == 403
    assert "macpu has no account for you" in back.content.decode()
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    assert client.get("/home/")["Location"].startswith("/sign-in/")
    assert last(AuditAction.SIGN_IN_REFUSED).details == {"reason": "unknown_user"}


def test_an_unverified_email_is_not_trusted(idp: responses.RequestsMock, sw_amara: User) -> None:
    sw_amara.email = "amara.okafor@nhs.example"
    sw_amara.save()
    back = round_trip(Client(), idp, id_token("amara.okafor@nhs.example", verified=False))
    assert back.status_code == 403
    assert last(AuditAction.SIGN_IN_REFUSED).details == {"reason": "no_verified_email"}


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: id_token("amara.okafor@nhs.example", key=OTHER_KEY), id="signed-by-another-key"),
        pytest.param(lambda: id_token("amara.okafor@nhs.example", aud="someone-else"), id="for-another-client"),
        pytest.param(lambda: id_token("amara.okafor@nhs.example", iss="https://evil.example"), id="another-issuer"),
        pytest.param(lambda: id_token("amara.okafor@nhs.example", exp=int(time.time()) - 60), id="expired"),
        pytest.param(
            lambda: jwt.encode(
                {
                    "iss": ISSUER,
                    "aud": CLIENT_ID,
                    "sub": "x",
                    "email": "amara.okafor@nhs.example",
                    "email_verified": True,
                    "exp": int(time.time()) + 300,
                },
                "k" * 32,
                algorithm="HS256",
                headers={"kid": "key-1"},
            ),
            id="symmetric-algorithm",
        ),
    ],
)
def test_an_id_token_that_does_not_verify_signs_nobody_in(idp: responses.RequestsMock, sw_amara: User, token) -> None:  # type: ignore[no-untyped-def]
    sw_amara.email = "amara.okafor@nhs.example"
    sw_amara.save()
    client = Client()
    back = round_trip(client, idp, token())
    assert back.status_code == 401
    assert "Sign-in did not work" in back.content.decode()
    assert client.get("/home/")["Location"].startswith("/sign-in/")
    assert last(AuditAction.SIGN_IN_FAILED).actor_label == "sso:cis2"


def test_a_callback_with_a_forged_state_signs_nobody_in(idp: responses.RequestsMock, sw_amara: User) -> None:
    client = Client()
    client.post("/sign-in/sso/cis2/", {"process": "login"})
    back = client.get("/sign-in/sso/cis2/callback/", {"code": "x", "state": "forged"})
    assert "Sign-in did not work" in back.content.decode()
    assert client.get("/home/")["Location"].startswith("/sign-in/")


def test_an_unknown_provider_is_not_found(idp: responses.RequestsMock) -> None:
    assert Client().post("/sign-in/sso/nobody/").status_code == 404


def test_a_provider_limited_to_its_domains_vouches_for_nobody_outside_them(
    idp: responses.RequestsMock, sw_amara: User, settings
) -> None:  # type: ignore[no-untyped-def]
    limited = [{**PROVIDERS[0], "email_domains": ["nhs.example"]}, PROVIDERS[1]]
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": allauth_apps(json.dumps(limited))}
    }
    sw_amara.email = "amara.okafor@council.example"
    sw_amara.save()
    back = round_trip(Client(), idp, id_token("amara.okafor@council.example"))
    assert back.status_code == 403
    assert "not trusted to vouch" in back.content.decode()
    assert last(AuditAction.SIGN_IN_REFUSED).details == {"reason": "email_domain_not_allowed"}
    assert not SocialAccount.objects.exists()
    sw_amara.email = "amara.okafor@trust.nhs.example"  # a subdomain is within the domain
    sw_amara.save()
    assert round_trip(Client(), idp, id_token("amara.okafor@trust.nhs.example"))["Location"] == "/home/"
