"""Signing in with two-factor authentication, and the account pages, in the browser: each page accessible."""

import json

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.access.rules.identity_providers import allauth_apps
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


def test_the_sign_in_page_offers_each_identity_provider(page: Page, live_server: LiveServer, settings) -> None:  # type: ignore[no-untyped-def]
    providers = [
        {
            "id": "cis2",
            "name": "NHS Care Identity Service 2",
            "server_url": "https://cis2.example",
            "client_id": "a",
            "secret": "b",
        },
        {
            "id": "entra",
            "name": "Microsoft Entra ID",
            "server_url": "https://entra.example",
            "client_id": "a",
            "secret": "b",
        },
    ]
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": allauth_apps(json.dumps(providers))}}
    page.goto(f"{live_server.url}/sign-in/")
    expect(page.get_by_role("button", name="Sign in with NHS Care Identity Service 2")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in with Microsoft Entra ID")).to_be_visible()
    expect(page.get_by_text("Two-factor authentication is not enforced in this demonstration")).to_be_visible()
    assert_accessible(page)


def test_a_social_worker_sets_up_two_factor_then_signs_in_with_a_code(
    page: Page, live_server: LiveServer, sw_amara: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MACPU_MFA_REQUIRED = True
    cache.clear()
    sign_in(page, live_server, "sw.amara")
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Continue to macpu").click()
    page.get_by_role("link", name="Where you are signed in").click()
    expect(page.get_by_role("heading", name="Where you are signed in")).to_be_visible()
    expect(page.get_by_text("This session")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").first.click()
    cache.clear()  # the code just used may not be used twice
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("sw.amara")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill(code_for(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
