"""A system administrator switches a gap rule off and changes a threshold on the gap rules page, in the browser."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.gaps.models import RuleSetting
from macpu.organisations.models import Area
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_switches_a_rule_off_and_changes_a_threshold(
    page: Page, live_server: LiveServer, admin_sam: User, area: Area
) -> None:
    sign_in(page, live_server, "admin.sam")
    page.get_by_role("link", name="Gap rules").click()
    expect(page.get_by_role("heading", name="Gap rules", level=1)).to_be_visible()
    card = page.locator("#rule-T14")
    expect(card).to_contain_text("Consecutive visits by any agencies that did not get in")
    expect(card).to_contain_text("30 days (default)")
    assert_accessible(page)

    card.get_by_role("link", name="Change T14 No access").click()
    expect(page.get_by_role("heading", name="T14 No access", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Days within which they fall").fill("-3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Days within which they fall: enter a whole number of days from 1 to 3,650")
    ).to_be_visible()
    assert_accessible(page)
    assert not RuleSetting.objects.exists()

    page.get_by_role("group", name="Is the rule switched on?").get_by_label("No").check()
    page.get_by_label("Days within which they fall").fill("45")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").filter(has_text="T14 No access is saved: it is switched off")).to_be_visible()
    expect(card).to_contain_text("Off")
    expect(card).to_contain_text("45 days")
    expect(card).to_contain_text("Default: 30 days")
    assert_accessible(page)
    setting = RuleSetting.objects.get()
    assert (setting.rule, setting.enabled, setting.thresholds) == ("T14", False, {"window_days": 45})
