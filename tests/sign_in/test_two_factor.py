"""Two-factor authentication (an authenticator app) for local accounts whose role can see children's records."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from django.test import Client

from macpu.access.models import User
from macpu.audit.actions import AuditAction
from tests.sign_in.helpers import PASSWORD, last, sign_in

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def mfa_required(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MACPU_MFA_REQUIRED = True
    cache.clear()  # codes already used are remembered in the cache


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


def with_app(user: User) -> None:
    TOTP.activate(user, SECRET)


def test_a_social_worker_without_an_app_is_sent_to_set_it_up_and_reaches_nothing_else(sw_amara: User) -> None:
    client = Client()
    assert sign_in(client, "sw.amara")["Location"] == "/home/"
    for path in ["/home/", "/children/search/", "/account/sessions/"]:
        assert client.get(path)["Location"] == "/account/two-factor/authenticator/set-up/", path
    refused = client.get("/api/v1/me")
    assert refused.status_code == 403
    assert "two-factor" in refused.json()["detail"]
    assert client.get("/account/two-factor/authenticator/set-up/").status_code == 200


def test_setting_up_the_app_opens_macpu_and_shows_recovery_codes_once(sw_amara: User) -> None:
    client = Client()
    sign_in(client, "sw.amara")
    page = client.get("/account/two-factor/authenticator/set-up/").content.decode()
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page)
    assert secret is not None
    assert 'src="data:image/svg+xml;base64,' in page

    wrong = client.post("/account/two-factor/authenticator/set-up/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()

    done = client.post("/account/two-factor/authenticator/set-up/", {"code": code_for(secret.group(1))})
    assert done["Location"] == "/account/two-factor/recovery-codes/"
    assert Authenticator.objects.filter(user=sw_amara, type=Authenticator.Type.TOTP).exists()
    assert last(AuditAction.MFA_ACTIVATED).actor_label == "sw.amara"
    assert "Recovery codes" in client.get("/account/two-factor/recovery-codes/").content.decode()
    assert client.get("/home/").status_code == 200


def test_with_an_app_the_code_is_asked_for_at_sign_in(sw_amara: User) -> None:
    with_app(sw_amara)
    client = Client()
    assert sign_in(client, "sw.amara")["Location"] == "/sign-in/code/"
    assert client.get("/home/")["Location"].startswith("/sign-in/")  # not signed in yet
    assert "Enter your security code" in client.get("/sign-in/code/").content.decode()
    wrong = client.post("/sign-in/code/", {"code": "123456"})
    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()
    assert client.post("/sign-in/code/", {"code": code_for(SECRET)})["Location"] == "/home/"
    assert client.get("/home/").status_code == 200
    assert last(AuditAction.SIGNED_IN).actor_label == "sw.amara"


def test_the_app_cannot_be_removed_while_it_is_required(sw_amara: User) -> None:
    with_app(sw_amara)
    client = Client()
    sign_in(client, "sw.amara")
    client.post("/sign-in/code/", {"code": code_for(SECRET)})
    client.post("/account/two-factor/authenticator/remove/")
    assert Authenticator.objects.filter(user=sw_amara, type=Authenticator.Type.TOTP).exists()


def test_a_role_that_sees_no_child_record_is_not_made_to_set_it_up(analyst_ali: User) -> None:
    client = Client()
    sign_in(client, "analyst.ali")
    assert client.get("/home/").status_code == 200


def test_nothing_is_enforced_when_mfa_is_off(settings, sw_amara: User) -> None:  # type: ignore[no-untyped-def]
    settings.MACPU_MFA_REQUIRED = False
    client = Client()
    sign_in(client, "sw.amara", PASSWORD)
    assert client.get("/home/").status_code == 200


def test_the_deploy_check_warns_when_mfa_is_off(settings) -> None:  # type: ignore[no-untyped-def]
    from macpu.access.checks import mfa_is_required

    assert mfa_is_required(None) == []
    settings.MACPU_MFA_REQUIRED = False
    assert [message.id for message in mfa_is_required(None)] == ["macpu.W001"]
