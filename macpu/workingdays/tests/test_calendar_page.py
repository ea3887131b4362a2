"""The administrators' working-days page: what it lists, the add form's errors, and who may open it."""

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.workingdays.models import ProclaimedHoliday
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

PAGE = "/working-days/"


def _form(day: str, month: str, year: str, name: str = "A royal occasion") -> dict[str, str]:
    return {"date_day": day, "date_month": month, "date_year": year, "name": name, "source": "The Gazette"}


def test_an_administrator_adds_a_holiday_that_then_shows_as_proclaimed(admin_sam: User) -> None:
    client = signed_in_client(admin_sam)
    response = client.post(PAGE, _form("12", "6", "2026"), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "A royal occasion, Friday 12 June 2026, is now a non-working day" in body
    assert "Proclaimed</strong>" in body
    assert ProclaimedHoliday.objects.get().added_by == "admin.sam"


def test_a_bad_date_shows_the_error_summary_and_saves_nothing(admin_sam: User) -> None:
    response = signed_in_client(admin_sam).post(PAGE, _form("30", "2", "2026"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: Working days" in body
    assert '<a href="#id_date_0">The date of the holiday must be a real date</a>' in body
    assert not ProclaimedHoliday.objects.exists()


def test_a_bank_holiday_is_refused_with_its_name(admin_sam: User) -> None:
    response = signed_in_client(admin_sam).post(PAGE, _form("25", "12", "2026"))
    assert response.status_code == 400
    assert "Friday 25 December 2026 is already a bank holiday (Christmas Day)" in response.content.decode()


def test_the_remove_button_makes_the_day_a_working_day_again(admin_sam: User) -> None:
    client = signed_in_client(admin_sam)
    client.post(PAGE, _form("12", "6", "2026"))
    response = client.post("/working-days/proclaimed/2026-06-12/remove/", follow=True)
    assert "Friday 12 June 2026 is a working day again" in response.content.decode()
    assert ProclaimedHoliday.objects.get().removed_by == "admin.sam"
    assert client.post("/working-days/proclaimed/2026-06-12/remove/").status_code == 404


def test_only_administrators_see_the_page_and_its_link(sw_amara: User, admin_sam: User) -> None:
    amara = signed_in_client(sw_amara)
    assert amara.get(PAGE).status_code == 403
    assert amara.post("/working-days/proclaimed/2026-06-12/remove/").status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor_label="sw.amara").count() == 2
    assert 'href="/working-days/"' not in amara.get("/home/").content.decode()
    assert 'href="/working-days/"' in signed_in_client(admin_sam).get("/home/").content.decode()
