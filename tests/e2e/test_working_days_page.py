"""A system administrator proclaims a one-off holiday on the working-days page, then removes it."""

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.workingdays.models import ProclaimedHoliday
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@time_machine.travel("2026-11-26T10:00:00+00:00", tick=True)
def test_an_administrator_adds_and_removes_a_proclaimed_holiday(
    page: Page, live_server: LiveServer, admin_sam: User
) -> None:
    sign_in(page, live_server, "admin.sam")
    page.get_by_role("link", name="Working days").click()
    expect(page.get_by_role("heading", name="Working days", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Monday 28 December 2026")).to_be_visible()
    expect(page.get_by_text("Non-working weekdays in 2027")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Add holiday").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the date of the holiday")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Day").fill("11")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("Name").fill("A royal occasion")
    page.get_by_label("Where it was proclaimed").fill("Royal Proclamation, The Gazette notice 4321")
    page.get_by_role("button", name="Add holiday").click()
    expect(page.get_by_text("A royal occasion, Friday 11 June 2027, is now a non-working day")).to_be_visible()
    expect(page.get_by_role("row", name="Friday 11 June 2027 A royal occasion Proclaimed")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Remove A royal occasion, 11 June 2027").click()
    expect(page.get_by_text("Friday 11 June 2027 is a working day again")).to_be_visible()
    expect(page.get_by_text("Removed 26 November 2026 by admin.sam")).to_be_visible()
    assert_accessible(page)
    assert ProclaimedHoliday.objects.get().removed_by == "admin.sam"
