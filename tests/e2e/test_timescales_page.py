"""A system administrator shortens a local timescale on the timescales page, then returns it to the default."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.organisations.models import Area
from macpu.pathway.models import LocalTimescale
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NSCP = "Northbridge Safeguarding Children Partnership procedures 4.3"


def test_an_administrator_changes_and_resets_a_timescale(
    page: Page, live_server: LiveServer, admin_sam: User, area: Area
) -> None:
    sign_in(page, live_server, "admin.sam")
    page.get_by_role("link", name="Timescales").click()
    expect(page.get_by_role("heading", name="Timescales", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change first core group").click()
    expect(page.get_by_role("heading", name="First core group", level=1)).to_be_visible()
    page.get_by_label("Length").fill("")
    page.get_by_role("button", name="Save local value").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the length")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Length").fill("5")
    page.get_by_label("Working days").check()
    page.get_by_label("Source of the local value").fill(NSCP)
    page.get_by_role("button", name="Save local value").click()
    expect(page.get_by_text("First core group is now 5 working days in Northbridge")).to_be_visible()
    expect(page.locator("#timescale-first_core_group")).to_contain_text(NSCP)
    expect(page.locator("#timescale-first_core_group")).to_contain_text("Local")
    assert_accessible(page)

    page.get_by_role("link", name="Change first core group").click()
    page.get_by_role("button", name="Return to the national default").click()
    expect(page.get_by_text("First core group is back to the national default of 10 working days")).to_be_visible()
    expect(page.locator("#timescale-first_core_group")).to_contain_text("National")
    assert_accessible(page)
    assert not LocalTimescale.objects.exists()
