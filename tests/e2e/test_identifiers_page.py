"""A social worker opens a child's identifiers from the record and sees the conflicts to check (issue 8, point 4)."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.people.models import IdentifierScheme, Person
from macpu.people.services.records import identifier_add
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in
from tests.factories import next_nhs_number

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_social_worker_sees_every_identifier_and_what_to_check(
    page: Page, live_server: LiveServer, operator: Actor, sw_amara: User, child_of_council: Person
) -> None:
    child = child_of_council
    identifier_add(actor=operator, person=child, scheme=IdentifierScheme.NHS_NUMBER, value=next_nhs_number())
    identifier_add(actor=operator, person=child, scheme=IdentifierScheme.FORMER_UPN, value="P207000016049")
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/")
    page.get_by_role("link", name=f"See every identifier of {child.full_name}").click()
    expect(page.get_by_role("heading", name="Identifiers", exact=True)).to_be_visible()
    expect(page.get_by_text("2 current NHS numbers")).to_be_visible()
    expect(page.get_by_text("P207000016049 is a former UPN of this child")).to_be_visible()
    expect(page.get_by_role("heading", name="Consistent identifier")).to_be_visible()
    assert_accessible(page)
