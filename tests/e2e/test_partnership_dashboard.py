"""A safeguarding partner filters the partnership dashboard by period and area, reads the charts with their tables,
sees a suppressed cell and downloads a section as CSV; a social worker reads who took part in a child's meetings."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.partnership.tests.world import World, build_world
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(council: Organisation, police_force: Organisation, gp_practice: Organisation, school: Organisation) -> World:
    return build_world([council, police_force, gp_practice, school])


@pytest.fixture
def partner_pat(council: Organisation) -> User:
    user = UserFactory(username="partner.pat", first_name="Pat", last_name="Reid")
    MembershipFactory(user=user, organisation=council, role=Role.SAFEGUARDING_PARTNER.value)
    return user


def _fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_safeguarding_partner_filters_reads_and_downloads_the_figures(
    page: Page, live_server: LiveServer, world: World, partner_pat: User
) -> None:
    sign_in(page, live_server, "partner.pat")
    page.get_by_role("link", name="Partnership").click()
    expect(page.get_by_role("heading", name="Partnership dashboard", level=1)).to_be_visible()
    assert_accessible(page)

    _fill_date(page, "From", "31", "2", "2026")
    _fill_date(page, "To", "31", "3", "2026")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The first day must be a real date")
    assert_accessible(page)

    _fill_date(page, "From", "1", "3", "2026")
    page.get_by_label("Area").select_option(label="Northbridge")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_text("Figures from 1 March 2026 to 31 March 2026 for Northbridge")).to_be_visible()
    expect(page.get_by_role("img", name="Referrals by source and outcome")).to_be_visible()
    re_referrals = page.locator("#re_referrals-re_referrals")
    expect(re_referrals.get_by_role("row", name="Referrals in the period")).to_contain_text("41.7")
    police = page.locator("#referrals-by_source").get_by_role("row", name="Professional: police")
    expect(police.locator("abbr[title^='suppressed']").first).to_have_text("[c]")
    assert page.get_by_role("img").count() >= 9
    assert_accessible(page)

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download re-referrals within 12 months (CSV)").click()
    download = downloading.value
    assert download.suggested_filename == "partnership-re_referrals-2026-03-01-to-2026-03-31.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "Referrals in the period,5,7,12,41.7" in text
    assert "[c] suppressed" in text


def test_a_social_worker_reads_who_took_part_in_a_child_s_meetings(
    page: Page, live_server: LiveServer, world: World, sw_amara: User
) -> None:
    child_id = Event.objects.get(record_id="SD-0").child_id
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child_id}/participation/")
    expect(page.get_by_role("heading", name="Who took part in meetings", level=1)).to_be_visible()
    discussion = page.get_by_role("table", name="Strategy discussion, 3 March 2026")
    expect(discussion.get_by_role("row", name="Hillside Primary School")).to_contain_text("No")
    assert_accessible(page)
