"""A social worker exports a child's chronology as PDF: a short one downloads at once; a long one is made in the
background by the task worker, its page shows how far it has got, and she downloads it when it is ready."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.chronology.tests.builders import a_child_four_agencies_know
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def child(
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
) -> Person:
    return a_child_four_agencies_know(operator, council, school, police_force, gp_practice)


def pdf_text(path: str) -> str:
    with open(path, "rb") as file:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages)


def test_a_short_chronology_downloads_as_a_pdf_at_once(page: Page, live_server: LiveServer, child: Person) -> None:
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/chronology/")
    button = page.get_by_role("button", name="Download the whole chronology as PDF")
    assert_accessible(page)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".pdf")
    text = pdf_text(download.value.path())
    assert "OFFICIAL-SENSITIVE" in text
    assert "A sealed entry" in text
    assert "Sexual health" not in text


@override_settings(MACPU_PDF_INLINE_MAX_ENTRIES=2, TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_long_chronology_is_made_in_the_background_and_its_page_follows_it(
    page: Page, live_server: LiveServer, child: Person
) -> None:
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/chronology/?sector=police&sector=health&sector=social_care")
    page.get_by_role("button", name="Download these entries as PDF").click()
    expect(page.get_by_role("heading", name="Your export", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting to start")).to_be_visible()
    expect(page.get_by_text("Filtered: sectors police, health, social care")).to_be_visible()
    assert_accessible(page)
    # The task worker takes the job from the database queue; the page, polling, shows it ready without a reload.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    expect(page.get_by_role("heading", name="Your export is ready")).to_be_visible(timeout=10_000)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    text = pdf_text(download.value.path())
    assert "Filtered: sectors police, health, social care" in text
    assert "Referral" in text
    assert "Bruise" not in text  # the school's entry is not in these sectors
    # Her task list says so too, with a link to the export.
    page.goto(f"{live_server.url}/home/")
    expect(page.get_by_text("Export ready")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Download your export").click()
    expect(page.get_by_role("heading", name="Your export is ready")).to_be_visible()
