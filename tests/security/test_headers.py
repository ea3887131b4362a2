import pytest
from django.test import Client

from macpu.access.models import User
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db


def test_pages_carry_the_security_headers_and_a_nonce_based_csp(sw_amara: User) -> None:
    response = signed_in_client(sw_amara).get("/home/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert response["X-Request-Id"]


def test_every_script_tag_carries_the_nonce_and_no_script_is_inline(sw_amara: User) -> None:
    response = signed_in_client(sw_amara).get("/home/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"') >= 1
    assert html.count("<script") == html.count('<script type="module" nonce') + html.count("<script nonce")
    assert "src=" in html.split("<script")[1]


def test_the_sign_in_page_is_public_and_sends_no_store_only_when_signed_in() -> None:
    response = Client().get("/sign-in/")
    assert response.status_code == 200
    assert response.get("Cache-Control", "") != "no-store"


def test_the_navigation_offers_only_what_the_role_may_use(analyst_ali: User, sw_amara: User) -> None:
    analyst_page = signed_in_client(analyst_ali).get("/home/").content.decode()
    worker_page = signed_in_client(sw_amara).get("/home/").content.decode()
    assert "Find a child" not in analyst_page
    assert "Find a child" in worker_page
    assert "Organisations" in analyst_page
