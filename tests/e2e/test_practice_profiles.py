"""Practice profiles in the browser: a school's safeguarding lead publishes its profile; a GP compares it with the
council's and sees the differences marked; the glossary; a chronology entry's term explained where it appears."""

from dataclasses import replace

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.practice.rules.profile import ConsentPractice
from macpu.practice.services import glossary_load
from macpu.practice.tests.conftest import SCHOOL_PROFILE, publish
from tests.builders import actor_of
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def glossary(operator: Actor) -> int:
    return glossary_load(actor=operator)


def test_a_safeguarding_lead_writes_and_publishes_their_schools_profile(
    page: Page, live_server: LiveServer, dsl_dev: User, school: Organisation, glossary: int
) -> None:
    sign_in(page, live_server, "dsl.dev")
    page.get_by_role("link", name="Practice profiles").click()
    expect(page.get_by_role("heading", name="Practice profiles", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Hillside Primary School").click()
    expect(page.get_by_text("Hillside Primary School has not published a practice profile yet")).to_be_visible()
    page.get_by_role("button", name="Write the profile").click()
    expect(page.get_by_role("heading", name="Update the practice profile", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter what the organisation does in safeguarding")).to_be_visible()
    expect(page.get_by_role("link", name="Enter safeguarding lead 1's name")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the date this version takes effect")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What the organisation does in safeguarding").fill(
        "Keeps pupils safe; the DSL refers to the MASH"
    )
    page.get_by_label("How to refer a child to it").fill("Tell the DSL at once")
    page.get_by_label("How to escalate").fill("The DSL, then the headteacher")
    page.locator("#id_lead_1_name").fill("Dev Patel")
    page.locator("#id_lead_1_role").fill("Designated safeguarding lead")
    page.locator("#id_lead_1_office_hours").fill("01632 960400")
    page.get_by_label("Seeks consent before a referral to children's social care, not for each share").check()
    page.get_by_label("Explain when it seeks consent, and when it does not").fill("Before a referral, unless unsafe")
    for number in ("acknowledge_referral", "report_initial_conference", "report_review_conference"):
        page.locator(f"#id_{number}_value").fill("2")
        page.locator(f"#id_{number}_unit").select_option("working_days")
    page.locator("#id_answer_information_request_value").fill("24")
    page.locator("#id_answer_information_request_unit").select_option("hours")
    page.get_by_label("Who attends strategy discussions for it").fill("The DSL")
    page.get_by_label("Records it holds that others may need").fill("Safeguarding records")
    page.get_by_label("DSL: designated safeguarding lead").check()
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Publish this version").click()

    expect(page.get_by_text("Version 1 published")).to_be_visible()
    expect(page.locator("#version-summary")).to_contain_text("Version 1, in effect from 27 November 2026")
    expect(page.get_by_text("Within 24 hours")).to_be_visible()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    assert_accessible(page)


def test_a_gp_compares_two_organisations_and_sees_where_they_differ(
    page: Page,
    live_server: LiveServer,
    gp_ben: User,
    dsl_dev: User,
    admin_sam: User,
    school: Organisation,
    council: Organisation,
    glossary: int,
) -> None:
    publish(actor_of(dsl_dev), school)
    council_profile = replace(SCHOOL_PROFILE, consent_practice=ConsentPractice.INFORMS_WITHOUT_SEEKING, terms=("DNA",))
    publish(actor_of(admin_sam), council, council_profile)
    sign_in(page, live_server, "gp.ben")
    page.get_by_role("link", name="Practice profiles").click()
    page.get_by_role("link", name="Compare organisations side by side").click()
    assert_accessible(page)
    page.get_by_label("Hillside Primary School").check()
    page.get_by_label("Northbridge Children's Services").check()
    page.get_by_role("button", name="Compare").click()

    consent = page.get_by_role("row", name="When it seeks consent")
    expect(consent).to_contain_text("Differs")
    expect(consent).to_contain_text("Tells the family it is sharing, without seeking consent")
    expect(page.get_by_role("row", name="Terms for the same thing")).to_contain_text("Differs")
    expect(page.get_by_role("row", name="Acknowledging a referral")).not_to_contain_text("Differs")
    expect(page.locator("#comparison caption")).to_contain_text("2 rows differ")
    assert_accessible(page)


def test_the_glossary_explains_terms_and_is_searchable(
    page: Page, live_server: LiveServer, gp_ben: User, glossary: int
) -> None:
    sign_in(page, live_server, "gp.ben")
    page.get_by_role("link", name="Glossary").click()
    expect(page.get_by_role("heading", name="Glossary", level=1)).to_be_visible()
    expect(page.locator("#term-lado")).to_contain_text("local authority designated officer")
    expect(page.locator("#term-dna")).to_contain_text("was not brought")
    assert_accessible(page)
    page.get_by_label("Search the glossary").fill("domestic abuse")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#term-marac")).to_be_visible()
    expect(page.locator("#term-lado")).to_have_count(0)
    assert_accessible(page)


def test_a_chronology_entry_explains_a_glossary_term_where_it_appears(
    page: Page,
    live_server: LiveServer,
    operator: Actor,
    sw_amara: User,
    child_of_council: Person,
    council: Organisation,
    glossary: int,
) -> None:
    nhs_number = child_of_council.identifiers.filter(scheme="nhs_number").get().value
    subject = {"nhs_number": nhs_number, "nhs_number_verified": True}
    summary = "Child DNA at the paediatric clinic for the second time"
    with transaction.atomic():
        outcome = record(operator, feed_event("CSC-GL-9", council.code, subject=subject, summary=summary))
    assert outcome.event is not None
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child_of_council.id}/chronology/")
    term = page.get_by_role("link", name="DNA (glossary: did not attend (a health appointment))")
    expect(term).to_be_visible()
    assert_accessible(page)
    term.click()
    expect(page.locator("#term-dna")).to_contain_text("was not brought")
    assert_accessible(page)
