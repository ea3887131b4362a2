"""A school's safeguarding lead disputes children's social care's referral decision; the team manager sees it on the
Disagreements page, escalates it and records the outcome; both organisations see where it stands."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.disagreements.tests.builders import council_decision, involve
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def decision(sw_amara: User, child_of_council: Person) -> Event:
    return council_decision(sw_amara, child_of_council)


@pytest.fixture
def school_involved(operator: Actor, child_of_council: Person, school: Organisation, dsl_dev: User) -> None:
    involve(operator, child_of_council, school)


WHY = "A second bruise in a month. We asked for a strategy discussion; the referral was closed."


def test_a_school_disputes_a_referral_decision_and_it_is_escalated_then_resolved(
    page: Page,
    live_server: LiveServer,
    dsl_dev: User,
    tm_priya: User,
    child_of_council: Person,
    decision: Event,
    school_involved: None,
) -> None:
    child = child_of_council
    sign_in(page, live_server, "dsl.dev")
    page.goto(f"{live_server.url}/children/{child.id}/")
    page.get_by_role("link", name=f"See the professional disagreements about {child.full_name}").click()
    expect(page.get_by_role("heading", name="Professional disagreements")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Record a disagreement").click()
    page.get_by_role("button", name="Record the disagreement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the decision you disagree with")
    assert_accessible(page)
    page.get_by_label("Decision on a referral of 4 March 2026, Northbridge Children's Services").check()
    page.get_by_label("Threshold or response to a referral").check()
    page.get_by_label("What do you disagree with, and why?").fill(WHY)
    page.get_by_role("button", name="Record the disagreement").click()
    expect(page.get_by_role("heading", name="Disagreement raised by Hillside Primary School")).to_be_visible()
    expect(page.get_by_text(WHY)).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, "tm.priya")
    page.get_by_role("link", name="Disagreements", exact=True).click()
    expect(page.get_by_role("heading", name="Disagreements")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Hillside Primary School")
    assert_accessible(page)
    page.get_by_role("link", name=child.full_name).click()
    expect(
        page.get_by_text("The decision on a referral of 4 March 2026 by Northbridge Children's Services")
    ).to_be_visible()

    page.get_by_role("button", name="Escalate to manager stage").click()
    page.get_by_role("button", name="Escalate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why it needs the next stage")
    assert_accessible(page)
    page.get_by_label("Why does it need the next stage?").fill(
        "Practitioners could not agree: the duty manager will review"
    )
    page.get_by_role("button", name="Escalate").click()
    expect(page.get_by_role("alert").filter(has_text="Escalated to manager stage")).to_be_visible()
    expect(page.get_by_role("button", name="Escalate to senior manager stage")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Record the outcome").click()
    assert_accessible(page)
    page.get_by_label("What was the outcome?").fill("Strategy discussion held on review; section 47 enquiry started")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("alert").filter(has_text="Outcome recorded")).to_be_visible()
    expect(page.get_by_text("Strategy discussion held on review; section 47 enquiry started").first).to_be_visible()
    expect(page.get_by_role("button", name="Escalate to senior manager stage")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"{live_server.url}/disagreements/?status=resolved")
    expect(page.get_by_role("table")).to_contain_text("Resolved")
    assert_accessible(page)
