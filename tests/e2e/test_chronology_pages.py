"""A social worker reads a child's merged chronology, filters it, shares the view and pages through it."""

import re

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.chronology.tests.builders import a_child_four_agencies_know, occurrences_told_twice
from macpu.core.actor import Actor
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_social_worker_filters_the_merged_chronology_and_pages_through_it(
    page: Page,
    live_server: LiveServer,
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
) -> None:
    child = a_child_four_agencies_know(operator, council, school, police_force, gp_practice)
    subject = {**feed_event("x", "x")["subject"], "nhs_number": "9990000026", "nhs_number_verified": True}
    with transaction.atomic():
        for day in range(1, 106):  # a long history: more than one page of 100
            when = f"2025-{(day - 1) // 28 + 1:02d}-{(day - 1) % 28 + 1:02d}"
            record(operator, feed_event(f"ATT-{day}", school.code, subject=subject, occurred_at=when, summary="Late"))
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/")
    page.get_by_role("link", name="View the whole chronology").click()
    expect(page.get_by_role("heading", name="110 entries")).to_be_visible()
    expect(page.get_by_text("A sealed entry")).to_be_visible()
    expect(page.get_by_text("contact Riverside Medical Practice")).to_be_visible()
    assert_accessible(page)
    # Filters: keyboard-operable native controls inside GOV.UK details.
    page.locator("summary", has_text="Organisation").click()
    page.get_by_label("Northbridge Children's Services").check()
    page.get_by_role("group", name="Order").get_by_label("Oldest first").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 entries match the filters")).to_be_visible()
    expect(
        page.get_by_role("link", name="Referral from a professional, 1 April 2026", exact=True)
    ).to_be_visible()  # the decision answers it
    assert "org=873" in page.url
    assert_accessible(page)
    shared = page.get_by_role("link", name="Link to this view").get_attribute("href")
    assert shared == "?org=873&order=oldest"
    # Curating: mark the referral significant, with analysis, then show significant entries only.
    page.get_by_role(
        "link", name=re.compile(r"Mark as significant or add analysis\s*: Referral from a professional")
    ).click()
    page.get_by_role("button", name="Save analysis").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes, mark it as significant").check()
    page.get_by_label("Analysis (optional)").fill("Closed the next day with no further action.")
    page.get_by_role("button", name="Save analysis").click()
    expect(page.get_by_text("Your analysis is saved")).to_be_visible()
    expect(page.get_by_text("Closed the next day with no further action.")).to_be_visible()
    page.get_by_label("Significant entries only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 entry matches the filters")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("page 2 of 2")).to_be_visible()
    assert_accessible(page)


def test_a_social_worker_splits_two_records_saves_a_version_and_reads_the_household_timeline(
    page: Page,
    live_server: LiveServer,
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
) -> None:
    child = a_child_four_agencies_know(operator, council, school, police_force, gp_practice)
    occurrences_told_twice(operator, council, school, police_force)
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/chronology/")
    expect(page.get_by_role("heading", name="8 entries")).to_be_visible()
    expect(page.get_by_text("Recorded by 2 organisations").first).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Show the records separately\s*: Strategy discussion")).click()
    expect(page.get_by_role("heading", name="Show the records separately")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Show separately").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_label("Northbridge Police, record NBP-SD-1").check()
    page.get_by_label("Why are they different occurrences?").fill("The police met separately that afternoon.")
    page.get_by_role("button", name="Show separately").click()
    expect(page.get_by_text("The records are shown as separate entries")).to_be_visible()
    expect(page.get_by_role("heading", name="9 entries")).to_be_visible()
    page.get_by_role("link", name="Save the chronology as a version").click()
    expect(page.get_by_label("Name of the version")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name of the version").fill("Initial child protection conference")
    page.get_by_role("button", name="Save the version").click()
    expect(page.get_by_role("heading", name="Initial child protection conference")).to_be_visible()
    expect(page.get_by_text("This version does not change when new entries arrive.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the chronology").click()
    expect(page.get_by_role("link", name="Initial child protection conference")).to_be_visible()
    page.get_by_role("link", name="See the household's chronology").click()
    expect(page.get_by_role("heading", name="Household chronology")).to_be_visible()
    assert_accessible(page)
