"""A team manager sees the MACPU team miss its police place, adds a police member, and the warning goes."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.macpt.models import MacpTeam
from macpu.macpt.rules.membership import NominatingBody, Place
from macpu.macpt.services import macp_member_add, macp_team_create
from macpu.organisations.models import Area, Organisation
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TEAM = "Northbridge Multi-Agency Child Protection Team"
POLICE_MISSING = "The team has no constable or relevant police employee"


@pytest.fixture
def team_without_police(
    operator: Actor, area: Area, council: Organisation, school: Organisation, gp_practice: Organisation
) -> MacpTeam:
    team = macp_team_create(actor=operator, area=area, name=TEAM, established_on=dt.date(2025, 9, 1))
    for organisation, place, body, name in (
        (school, Place.EDUCATION, NominatingBody.LOCAL_AUTHORITY, "Nia Pryce"),
        (council, Place.SOCIAL_WORK, NominatingBody.LOCAL_AUTHORITY, "Tom Egan"),
        (gp_practice, Place.HEALTH, NominatingBody.INTEGRATED_CARE_BOARD, "Dr Ada Bell"),
    ):
        macp_member_add(
            actor=operator,
            team=team,
            name=name,
            role="Member",
            organisation_id=organisation.id,
            membership=place.value,
            nominated_by=body.value,
            joined_on=dt.date(2025, 9, 1),
        )
    return team


def test_a_team_manager_fills_the_missing_police_place(
    page: Page, live_server: LiveServer, tm_priya: User, team_without_police: MacpTeam, police_force: Organisation
) -> None:
    sign_in(page, live_server, "tm.priya")
    page.get_by_role("link", name="MACPU team").click()
    expect(page.get_by_role("heading", name="MACPU team", level=1)).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_have_count(1)
    expect(page.locator(".govuk-warning-text")).to_contain_text(POLICE_MISSING)
    assert_accessible(page)

    page.get_by_role("link", name=f"Add a member to {TEAM}").click()
    expect(page.get_by_role("heading", name="Add a member", level=1)).to_be_visible()
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the member's name")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the date they joined")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Name", exact=True).fill("DC Sam Ward")
    page.get_by_label("Role or job title").fill("Detective constable, child abuse investigation")
    page.get_by_label("Organisation").select_option(label="Northbridge Police")
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("The chief officer of police").check()
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add member").click()

    expect(page.get_by_text(f"DC Sam Ward added to {TEAM}")).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_have_count(0)
    expect(page.get_by_text("A current member fills each of the four places the law requires")).to_be_visible()
    expect(page.get_by_role("row", name="DC Sam Ward")).to_contain_text("The chief officer of police")
    assert_accessible(page)
