"""A social worker signs in, finds a child and opens the shared record; a GP learns only whom to call."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery"


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/home/")
    expect(page.get_by_role("heading", name="Sign in to macpu")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_social_worker_finds_her_child_and_reads_the_shared_record(
    page: Page, live_server: LiveServer, sw_amara: User, child_of_council: Person
) -> None:
    sign_in(page, live_server, "sw.amara")
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
    expect(page.get_by_text("Signed in as Amara Okafor")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Find a child").click()
    page.get_by_label("Last name").fill("Whitmoor")  # misspelt, as agencies do: found all the same, and said why
    page.get_by_label("Day").fill(str(child_of_council.date_of_birth.day))
    page.get_by_label("Month").fill(str(child_of_council.date_of_birth.month))
    page.get_by_label("Year").fill(str(child_of_council.date_of_birth.year))
    page.get_by_role("button", name="Search").click()
    # The results page has loaded before it is checked: axe run mid-navigation finds no document.
    expect(page.get_by_role("link", name=child_of_council.full_name)).to_be_visible()
    expect(page.locator("#matches")).to_contain_text("Last name: similar spelling (a likely typing error)")
    expect(page.locator("#matches")).to_contain_text("Date of birth: agrees")
    assert_accessible(page)

    page.get_by_role("link", name=child_of_council.full_name).click()
    expect(page.get_by_role("heading", name=child_of_council.full_name, level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Lisa Whitmore")).to_be_visible()
    expect(page.get_by_text("In household now")).to_be_visible()
    expect(page.get_by_role("heading", name="Chronology")).to_be_visible()
    assert_accessible(page)


def test_search_errors_name_the_field_and_are_accessible(page: Page, live_server: LiveServer, sw_amara: User) -> None:
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/search/")
    page.get_by_label("NHS number").fill("943 476 5918")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="This is not a valid NHS number: the check digit does not match")
    ).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_a_gp_not_involved_learns_only_whom_to_contact(
    page: Page, live_server: LiveServer, gp_ben: User, child_of_council: Person
) -> None:
    sign_in(page, live_server, "gp.ben")
    page.goto(f"{live_server.url}/children/search/")
    page.get_by_label("NHS number").fill(child_of_council.identifiers.get().value)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#known-elsewhere")).to_contain_text("Northbridge Children's Services")
    expect(page.get_by_text(child_of_council.full_name)).to_have_count(0)
    assert_accessible(page)
    page.goto(f"{live_server.url}/children/{child_of_council.id}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)


def test_a_wrong_password_is_refused_accessibly(page: Page, live_server: LiveServer, sw_amara: User) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("sw.amara")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    assert_accessible(page)
