"""A social worker sees the gap rules' finding on a child's record and records her response, in the browser."""

import datetime as dt

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.events.tests.builders import feed_event, record
from macpu.gaps.services import gaps_evaluate
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def not_brought_twice(operator: Actor, child_of_council: Person, gp_practice: Organisation) -> Person:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    with transaction.atomic():
        for number, day in ((1, "2026-03-02"), (2, "2026-04-20")):
            details = {"service": "gp", "outcome": "was_not_brought"}
            event = feed_event(
                f"APT-{number}",
                gp_practice.code,
                "health_appointment",
                subject=subject,
                occurred_at=day,
                details=details,
            )
            record(operator, event)
    gaps_evaluate(actor=operator, child_ids=[child_of_council.id], as_of=dt.date(2026, 4, 21))
    return child_of_council


def test_a_social_worker_responds_to_a_finding(
    page: Page, live_server: LiveServer, not_brought_twice: Person, sw_amara: User
) -> None:
    child = not_brought_twice
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/")
    expect(page.get_by_text("1 open finding of the gap rules")).to_be_visible()
    page.get_by_role("link", name=f"See every finding for {child.full_name}").click()
    card = page.locator(".govuk-summary-card")
    expect(card).to_contain_text("T1 Was not brought")
    expect(card).to_contain_text("Not brought to 2 health appointments")
    expect(card.get_by_role("link", name="Riverside Medical Practice, record APT-1")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Respond to this finding").click()
    page.get_by_label("Acknowledge: I have considered it").check()
    page.get_by_role("button", name="Record your response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why, or what was done")
    assert_accessible(page)

    page.get_by_label("Record the action taken").check()
    page.get_by_label("Why, or what was done").fill("The health visitor will take mum and baby to the next one.")
    page.get_by_role("button", name="Record your response").click()
    expect(page.get_by_role("alert").filter(has_text="Your response to the finding is recorded")).to_be_visible()
    expect(card).to_contain_text("Action taken")
    expect(card).to_contain_text("The health visitor will take mum and baby to the next one.")
    assert_accessible(page)


def test_the_macpu_sees_the_area_s_gaps_by_rule_and_week(
    page: Page, live_server: LiveServer, not_brought_twice: Person, tm_priya: User
) -> None:
    sign_in(page, live_server, "tm.priya")
    page.get_by_role("link", name="Gaps", exact=True).click()
    expect(page.get_by_role("heading", name="Gaps between agencies")).to_be_visible()
    expect(page.locator("#by-rule").get_by_role("row", name="T1 Was not brought 1")).to_be_visible()
    expect(page.locator("#by-organisation")).to_contain_text("Riverside Medical Practice")
    expect(page.get_by_role("img", name="Open findings at the end of each of the last 12 weeks")).to_be_visible()
    assert_accessible(page)
