"""An organisation's administrator issues a token for their system, sees its use, rotates and revokes it, in the
browser. Every page visited has no accessibility violation."""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core import clock
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_issues_rotates_and_revokes_their_systems_token(
    page: Page, live_server: LiveServer, it_omar: User, police_force: Organisation
) -> None:
    sign_in(page, live_server, "it.omar")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Issue a token").click()
    expect(page.get_by_role("link", name="Enter the name of the system that will use the token")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name of the system").fill("Niche RMS nightly feed")
    page.get_by_role("button", name="Issue a token").click()
    expect(page.get_by_role("heading", name="Token issued")).to_be_visible()
    assert_accessible(page)
    token = page.get_by_label("The token").input_value()
    assert re.fullmatch(r"macpu_[A-Za-z0-9_-]{43}", token)

    sent = Client().post(
        "/api/v1/events",
        feed_event("NBP-77", police_force.code),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert sent.status_code == 200

    page.get_by_role("link", name="Back to API tokens").click()
    page.get_by_role("link", name="Niche RMS nightly feed").click()
    expect(page.locator("table")).to_contain_text("POST /api/v1/events")
    assert_accessible(page)
    page.get_by_role("button", name="Rotate").click()
    assert_accessible(page)
    page.get_by_role("button", name="Rotate the token").click()
    expect(page.get_by_text("The old token has stopped working.")).to_be_visible()
    assert page.get_by_label("The token").input_value() != token

    page.get_by_role("link", name="Back to API tokens").click()
    page.get_by_role("link", name="Niche RMS nightly feed").click()
    page.get_by_role("button", name="Revoke").click()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_text("The token for Niche RMS nightly feed is revoked")).to_be_visible()
    expect(page.get_by_text("Revoked tokens (1)")).to_be_visible()
    assert_accessible(page)


def test_an_administrator_adds_a_joiner_and_ends_a_leavers_role(
    page: Page, live_server: LiveServer, it_omar: User, police_chen: User
) -> None:
    sign_in(page, live_server, "it.omar")
    page.get_by_role("link", name="Staff").click()
    expect(page.get_by_role("heading", name="Staff")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add someone").click()
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("link", name="Enter the person's username")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Username").fill("pc.nadia")
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Begum")
    page.get_by_label("Email address").fill("nadia.begum@police.example")
    page.get_by_label("Role").select_option(label="Police officer")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Nadia Begum is now police officer here")).to_be_visible()

    page.get_by_role("link", name="End Chen Li's role as police officer").click()
    expect(page.get_by_role("heading", name="End Chen Li's role as police officer")).to_be_visible()
    assert_accessible(page)
    today = clock.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="End the role").click()
    expect(page.get_by_text(f"Chen Li's role ends on {today:%-d %B %Y}")).to_be_visible()
    expect(page.get_by_text("Roles that have ended (1)")).to_be_visible()
    assert_accessible(page)
