"""A data quality officer proposes linking two records of one child; a second officer approves; the child's
chronology then shows both records' events (issue 8, point 2; security targets C4: a second person approves)."""

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.core.actor import Actor
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import ProbableDuplicate
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _officer(organisation: Organisation, username: str, first: str) -> User:
    user = UserFactory(username=username, first_name=first, last_name="Officer")
    MembershipFactory(user=user, organisation=organisation, role=Role.DATA_QUALITY_OFFICER.value)
    return user


@pytest.fixture
def flag(operator: Actor, school: Organisation, gp_practice: Organisation) -> ProbableDuplicate:
    """The school knows Maisie Whitmore; the GP's "Maisy", same birthday and postcode, was flagged, not linked."""
    with transaction.atomic():
        record(operator, feed_event("CPOMS-1", school.code))
        record(operator, feed_event("GP-1", gp_practice.code, subject={**MAISIE, "given_name": "Maisy"}))
    return ProbableDuplicate.objects.get()


def test_a_link_is_proposed_approved_by_a_second_officer_and_the_chronology_shows_both(
    page: Page, live_server: LiveServer, flag: ProbableDuplicate, macpu_team: Organisation, dsl_dev: User
) -> None:
    _officer(macpu_team, "dq.dana", "Dana")
    _officer(macpu_team, "dq.dele", "Dele")
    survivor = flag.candidate

    sign_in(page, live_server, "dq.dana")
    page.get_by_role("link", name="Duplicates").click()
    expect(page.get_by_role("heading", name="Probable duplicates")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Maisy Whitmore and Maisie Whitmore: compare").click()
    expect(page.get_by_role("heading", name="Compare two records")).to_be_visible()
    expect(page.get_by_role("table", name="How the score was reached")).to_contain_text("Given name")
    assert_accessible(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether these are the same person")
    assert_accessible(page)
    page.get_by_label("Yes, the same person: propose a link").check()
    page.get_by_label("Maisie Whitmore", exact=False).first.check()
    page.get_by_label("Why?").fill("Same address and school; the GP misspelt the name.")
    page.get_by_role("button", name="Record the decision").click()
    expect(
        page.get_by_text("Link proposed: a second data quality officer or MACPU member must approve it")
    ).to_be_visible()
    expect(page.get_by_text("You proposed this")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "dq.dele")
    page.goto(f"{live_server.url}/duplicates/?state=awaiting_approval")
    page.get_by_role("link", name="Maisy Whitmore and Maisie Whitmore: compare").click()
    expect(page.get_by_role("heading", name="Approve or reject the proposed link")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_label("Why?").fill("Checked against the school's record.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Approved: the records are linked")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "dsl.dev")
    page.goto(f"{live_server.url}/children/{survivor.id}/chronology/")
    expect(page.get_by_role("heading", name="2 entries")).to_be_visible()
    expect(page.get_by_text("Record CPOMS-1")).to_be_visible()
    expect(page.get_by_text("Record GP-1")).to_be_visible()
