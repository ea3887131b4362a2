"""The timescales page: everyone signed in reads it; administrators change and reset a timescale."""

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.organisations.models import Area
from macpu.pathway.models import LocalTimescale
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

PAGE = "/timescales/"
CHANGE = "/timescales/first_core_group/change/"
RESET = "/timescales/first_core_group/reset/"
NSCP = "Northbridge Safeguarding Children Partnership procedures 4.3"


def test_every_signed_in_user_reads_the_timescales_without_change_links(gp_ben: User, area: Area) -> None:
    response = signed_in_client(gp_ben).get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Initial conference" in body
    assert "15 working days" in body
    assert "National default (Working Together 2023): WT2023: within 15 working days" in body
    assert CHANGE not in body


def test_an_administrator_changes_a_timescale_and_sees_it_in_force(admin_sam: User, area: Area) -> None:
    client = signed_in_client(admin_sam)
    assert CHANGE in client.get(PAGE).content.decode()
    assert client.get(CHANGE).status_code == 200
    response = client.post(CHANGE, {"amount": "5", "unit": "working_days", "source": NSCP}, follow=True)
    body = response.content.decode()
    assert "First core group is now 5 working days in Northbridge" in body
    assert NSCP in body
    assert LocalTimescale.objects.get().set_by == "admin.sam"


def test_a_statutory_maximum_is_refused_on_the_form(admin_sam: User, area: Area) -> None:
    response = signed_in_client(admin_sam).post(
        "/timescales/initial_conference/change/", {"amount": "20", "unit": "working_days", "source": NSCP}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: Initial conference" in body
    assert 'href="#id_amount"' in body
    assert "cannot be longer than 15 working days" in body
    assert not LocalTimescale.objects.exists()


def test_an_empty_form_names_each_field(admin_sam: User, area: Area) -> None:
    body = signed_in_client(admin_sam).post(CHANGE, {}).content.decode()
    for message in ("Enter the length", "Choose what the length is counted in", "Enter where the local value"):
        assert message in body


def test_return_to_the_national_default(admin_sam: User, area: Area) -> None:
    client = signed_in_client(admin_sam)
    client.post(CHANGE, {"amount": "5", "unit": "working_days", "source": NSCP})
    assert "Return to the national default" in client.get(CHANGE).content.decode()
    response = client.post(RESET, follow=True)
    assert "First core group is back to the national default of 10 working days" in response.content.decode()
    assert not LocalTimescale.objects.exists()
    assert client.post(RESET).status_code == 404
    assert client.get("/timescales/no_such_thing/change/").status_code == 404


def test_only_administrators_change_timescales_and_see_the_link(sw_amara: User, admin_sam: User, area: Area) -> None:
    amara = signed_in_client(sw_amara)
    assert amara.get(CHANGE).status_code == 403
    assert amara.post(CHANGE, {"amount": "5", "unit": "working_days", "source": NSCP}).status_code == 403
    assert amara.post(RESET).status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor_label="sw.amara").count() == 3
    assert 'href="/timescales/"' not in amara.get("/home/").content.decode()
    assert 'href="/timescales/"' in signed_in_client(admin_sam).get("/home/").content.decode()


def test_without_an_area_the_national_defaults_show_and_nothing_can_change(admin_sam: User) -> None:
    client = signed_in_client(admin_sam)
    body = client.get(PAGE).content.decode()
    assert "macpu has no area set up yet, so the national defaults apply" in body
    assert CHANGE not in body
    assert client.get(CHANGE).status_code == 404
