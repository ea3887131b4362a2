"""An information governance officer reads the retention schedule, places a legal hold and releases it, in the
browser; every page passes axe."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.roles import Role
from macpu.organisations.models import Area, Organisation
from macpu.people.models import Person
from macpu.retention.models import LegalHold
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_information_governance_officer_places_and_releases_a_hold(
    page: Page, live_server: LiveServer, area: Area, macpu_team: Organisation, child_of_council: Person
) -> None:
    officer = UserFactory(username="ig.iris", first_name="Iris", last_name="Cole")
    MembershipFactory(user=officer, organisation=macpu_team, role=Role.INFORMATION_GOVERNANCE_OFFICER.value)
    sign_in(page, live_server, "ig.iris")
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
    page.goto(f"{live_server.url}/retention/")
    expect(page.get_by_role("heading", name="Retention and disposal", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="If the disposal ran today")).to_be_visible()
    expect(page.get_by_text("No legal hold is in force.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Place a legal hold").click()
    expect(page.get_by_role("heading", name="Place a legal hold", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Place the hold").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Select why the record must be kept")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Child's NHS number or macpu id").fill(str(child_of_council.id))
    page.get_by_label("Child safeguarding practice review").check()
    page.get_by_label("Reference").fill("CSPR 2026/4")
    page.get_by_role("button", name="Place the hold").click()
    expect(page.get_by_role("alert").filter(has_text="The hold is placed")).to_be_visible()
    expect(page.get_by_text("CSPR 2026/4")).to_be_visible()
    expect(page.get_by_text(child_of_council.family_name)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Release the hold from").click()
    expect(page.get_by_role("heading", name="Release a legal hold", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why is the hold released?").fill("Review published")
    page.get_by_role("button", name="Release the hold").click()
    expect(page.get_by_role("alert").filter(has_text="The hold is released")).to_be_visible()
    expect(page.get_by_text("No legal hold is in force.")).to_be_visible()
    assert LegalHold.objects.get().released_by == "ig.iris"
