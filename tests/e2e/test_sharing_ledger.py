"""A social worker records a decision not to share and a share, and sees both in the child's sharing history."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _record(page: Page, decision: str, day: str, organisation: str, what: str, why: str) -> None:
    page.get_by_role("button", name="Record information shared, or a decision not to share").click()
    page.get_by_label(decision).check()
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_label(organisation).check()
    page.get_by_label("What information?").fill(what)
    page.get_by_label("Why?").fill(why)


def test_a_social_worker_records_a_decision_not_to_share_and_a_share(
    page: Page,
    live_server: LiveServer,
    sw_amara: User,
    child_of_council: Person,
    school: Organisation,
    police_force: Organisation,
) -> None:
    child = child_of_council
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/")
    page.get_by_role("link", name=f"See the sharing history of {child.full_name}").click()
    expect(page.get_by_role("heading", name="Sharing history")).to_be_visible()
    expect(page.get_by_text("Nothing has been recorded yet.")).to_be_visible()
    assert_accessible(page)

    _record(
        page,
        "A decision was made not to share it",
        "4",
        "Hillside Primary School",
        "The mother's counselling notes",
        "Not relevant to the school's safeguarding duties",
    )
    expect(page.get_by_text("Lack of consent never stops you sharing information to protect a child")).to_be_visible()
    page.get_by_label("Refused", exact=True).check()
    page.get_by_role("button", name="Record it").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say why consent was not sought, or what was refused")
    assert_accessible(page)
    page.get_by_label("Why consent was not sought, or why it went ahead without it").fill("The mother asked us not to")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("alert").filter(has_text="Decision not to share: recorded")).to_be_visible()
    assert_accessible(page)

    _record(
        page,
        "Information was shared",
        "5",
        "Northbridge Police",
        "The strategy discussion's decisions",
        "So the police can carry out their checks",
    )
    page.get_by_label("Article 6(1)(e) public task").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Article 9(2)(g) substantial public interest").check()
    page.get_by_label("Schedule 1 paragraph 18: safeguarding of children and individuals at risk").check()
    page.get_by_label("Not sought", exact=True).check()
    page.get_by_label("Why consent was not sought, or why it went ahead without it").fill(
        "Asking would put the child at risk"
    )
    expect(page.get_by_label("Who decided?")).to_have_value("Amara Okafor")
    assert_accessible(page)
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("alert").filter(has_text="Information shared: recorded")).to_be_visible()

    cards = page.locator(".govuk-summary-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Northbridge Children's Services shared information")
    expect(cards.nth(0)).to_contain_text("Northbridge Police")
    expect(cards.nth(0)).to_contain_text("Article 6(1)(e) public task")
    expect(cards.nth(0)).to_contain_text("Not sought: Asking would put the child at risk")
    expect(cards.nth(1)).to_contain_text("Northbridge Children's Services decided not to share")
    expect(cards.nth(1)).to_contain_text("Refused: The mother asked us not to")
    expect(cards.nth(1)).to_contain_text("Amara Okafor")
    assert_accessible(page)
