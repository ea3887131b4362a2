"""Information governance in the browser: emergency access and its review, who has seen a record, a sealed
entry widened by two people, a subject access request. Every page visited has no accessibility violation."""

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.core.actor import Actor
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import PASSWORD, sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ig_irene(macpu_team: Organisation) -> User:
    user = UserFactory(username="ig.irene", first_name="Irene", last_name="Cole")
    MembershipFactory(user=user, organisation=macpu_team, role=Role.INFORMATION_GOVERNANCE_OFFICER.value)
    return user


def test_a_gp_opens_a_record_in_an_emergency_the_lead_sees_it_and_an_officer_reviews_it(
    page: Page, live_server: LiveServer, child_of_council: Person, gp_ben: User, sw_amara: User, ig_irene: User
) -> None:
    sign_in(page, live_server, "gp.ben")
    page.goto(f"{live_server.url}/children/search/")
    page.get_by_label("NHS number").fill(child_of_council.identifiers.get().value)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="open the record with emergency access").click()
    expect(page.get_by_role("heading", name="Emergency access to a child's record")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Emergency medical or unscheduled care").check()
    page.get_by_label("Say what is happening and why you cannot wait").fill(
        "Brought to the out-of-hours clinic with a burn; mother gives two accounts"
    )
    page.get_by_role("button", name="Open the record in an emergency").click()
    expect(page.get_by_label("Password")).to_be_visible()  # sign in again first
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("You have emergency access to this record until")).to_be_visible()
    expect(page.get_by_role("heading", name=child_of_council.full_name)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child_of_council.id}/")
    page.get_by_role("link", name="See who has seen this record").click()
    expect(page.get_by_role("heading", name="Who has seen this record")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Used emergency access (break-glass)")
    expect(page.locator("table")).to_contain_text("mother gives two accounts")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "ig.irene")
    page.get_by_role("link", name="Emergency access").click()
    expect(page.locator(".govuk-summary-card")).to_contain_text("mother gives two accounts")
    assert_accessible(page)
    page.get_by_label("Appropriate: the emergency justified it").check()
    page.get_by_label("What you checked").fill("Out-of-hours record confirms the attendance")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("alert").filter(has_text="The review is recorded")).to_be_visible()
    expect(page.get_by_text("None waiting.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Subject access").click()
    page.get_by_label("NHS number or macpu id of the person").fill(child_of_council.identifiers.get().value)
    page.get_by_role("button", name="Prepare the record").click()
    expect(page.get_by_text("A first pass for the information governance officer to review")).to_be_visible()
    assert_accessible(page)


def test_a_police_officer_asks_to_unseal_an_entry_and_a_safeguarding_lead_approves(
    page: Page,
    live_server: LiveServer,
    operator: Actor,
    child_of_council: Person,
    police_force: Organisation,
    police_chen: User,
) -> None:
    lead = UserFactory(username="police.lead", first_name="Rae", last_name="Okoro")
    MembershipFactory(user=lead, organisation=police_force, role=Role.SAFEGUARDING_LEAD.value)
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    with transaction.atomic():
        payload = feed_event("P-3", police_force.code, "police_incident", subject=subject, sensitivity="sealed")
        record(operator, payload | {"details": {"domestic_abuse": True}, "summary": "Disclosure held back"})
    sign_in(page, live_server, "police.chen")
    page.goto(f"{live_server.url}/children/{child_of_council.id}/chronology/")
    page.get_by_role("link", name="Change who may read it").first.click()
    expect(page.get_by_role("heading", name="Who may read this entry")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Everyone who may see the child").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the entry should be read")
    assert_accessible(page)
    page.get_by_label("Why?").fill("The suspect is charged: the partners may know")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Asked: a safeguarding lead or team manager")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "police.lead")
    page.goto(f"{live_server.url}/visibility-requests/")
    expect(page.locator(".govuk-summary-card")).to_contain_text("The suspect is charged")
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_label("Why?").fill("Agreed with the officer in the case")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Nothing is waiting for you.")).to_be_visible()
    assert_accessible(page)
