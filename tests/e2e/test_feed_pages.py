"""A school's safeguarding lead records a concern; a data quality officer corrects a quarantined line."""

import datetime as dt
import json

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import NetworkRole, User
from macpu.access.roles import Role
from macpu.access.services import network_member_add
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.services.importing import feed_import
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_safeguarding_lead_records_a_concern_that_joins_the_chronology(
    page: Page, live_server: LiveServer, operator: Actor, dsl_dev: User, school: Organisation, child_of_council: Person
) -> None:
    network_member_add(
        actor=operator,
        child_id=child_of_council.id,
        user=dsl_dev,
        organisation_id=school.id,
        network_role=NetworkRole.MEMBER,
        started_on=dt.date(2025, 9, 1),
    )
    sign_in(page, live_server, "dsl.dev")
    page.goto(f"{live_server.url}/children/{child_of_council.id}/")
    page.get_by_role("button", name="Record a concern").click()
    page.get_by_role("button", name="Record concern").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Neglect").check()
    page.get_by_role("group", name="Was there an injury?").get_by_label("No").check()
    page.get_by_role("group", name="Have you referred this to children's social care?").get_by_label("Yes").check()
    page.get_by_label("What happened").fill("Came to school hungry three days running.")
    page.get_by_role("button", name="Record concern").click()
    expect(page.get_by_text("Concern recorded")).to_be_visible()
    expect(page.get_by_role("heading", name="Concern: neglect, referred to children's social care")).to_be_visible()
    assert_accessible(page)
    assert Event.objects.get().organisation == school


def test_a_data_quality_officer_corrects_a_quarantined_line(
    page: Page, live_server: LiveServer, operator: Actor, school: Organisation
) -> None:
    dana = UserFactory(username="dq.dana", first_name="Dana", last_name="Price")
    MembershipFactory(user=dana, organisation=school, role=Role.DATA_QUALITY_OFFICER.value)
    bad = feed_event("CPOMS-9", school.code, details={"categories": ["neglekt"]})
    feed_import(
        actor=operator,
        lines=[(1, json.dumps(bad)), (2, json.dumps(feed_event("CPOMS-8", school.code)))],
        source="cpoms.jsonl",
    )
    sign_in(page, live_server, "dq.dana")
    page.get_by_role("link", name="Feed sources").click()
    expect(page.get_by_role("cell", name="Hillside Primary School")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Quarantine").click()
    expect(page.get_by_text("details.categories[0]: 'neglekt' is not allowed")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="123456 CPOMS-9").click()
    page.get_by_label("The line, corrected").fill(json.dumps({**bad, "details": {"categories": ["neglect"]}}))
    page.get_by_role("button", name="Import the corrected line").click()
    expect(page.get_by_text("The line was imported: created")).to_be_visible()
    assert_accessible(page)


def test_a_data_quality_officer_moves_an_entry_to_the_right_child(
    page: Page, live_server: LiveServer, operator: Actor, school: Organisation, macpu_team: Organisation
) -> None:
    dana = UserFactory(username="dq.dana", first_name="Dana", last_name="Price")
    MembershipFactory(user=dana, organisation=macpu_team, role=Role.DATA_QUALITY_OFFICER.value)
    feed_import(
        actor=operator,
        lines=[
            (1, json.dumps(feed_event("CPOMS-1", school.code))),
            (
                2,
                json.dumps(
                    feed_event(
                        "CPOMS-2",
                        school.code,
                        subject={
                            **feed_event("x", "x")["subject"],
                            "given_name": "Tyler",
                            "date_of_birth": "2017-08-02",
                        },
                    )
                ),
            ),
        ],
        source="cpoms.jsonl",
    )
    tyler = Event.objects.get(record_id="CPOMS-2").child
    sign_in(page, live_server, "dq.dana")
    page.get_by_role("link", name="Move an entry").click()
    page.get_by_role("button", name="Move the entry").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Recording organisation's code").fill(school.code)
    page.get_by_label("The organisation's record id").fill("CPOMS-1")
    page.get_by_label("The right child").fill(str(tyler.id))
    page.get_by_label("Why the entry belongs to that child").fill("The school confirmed the wrong sibling was chosen")
    page.get_by_role("button", name="Move the entry").click()
    expect(page.get_by_text("The entry was moved")).to_be_visible()
    assert_accessible(page)
    assert Event.objects.get(record_id="CPOMS-1").child == tyler
