"""The working-days API: sums for anyone signed in; proclaimed holidays for system administrators only."""

import pytest
from django.test import Client

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.workingdays.models import ProclaimedHoliday
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

HOLIDAYS = "/api/v1/working-days/proclaimed-holidays"
ROYAL_OCCASION = {"date": "2026-01-13", "name": "A royal occasion", "source": "The Gazette, notice 1"}


def test_any_signed_in_user_adds_working_days(gp_ben: User) -> None:
    response = signed_in_client(gp_ben).get("/api/v1/working-days/add", {"date": "2025-12-19", "n": "15"})
    assert response.status_code == 200
    assert response.json() == {"date": "2025-12-19", "n": 15, "due": "2026-01-14"}


def test_any_signed_in_user_counts_working_days_between(gp_ben: User) -> None:
    response = signed_in_client(gp_ben).get("/api/v1/working-days/between", {"from": "2026-03-27", "to": "2026-04-14"})
    assert response.status_code == 200
    assert response.json() == {"from": "2026-03-27", "to": "2026-04-14", "working_days": 10}


@pytest.mark.parametrize(
    ("path", "query", "errors"),
    [
        ("add", {"date": "2025-12-19", "n": "-1"}, {"n": ["Ensure this value is greater than or equal to 0."]}),
        (
            "add",
            {"date": "2025-02-30", "n": "1"},
            {"date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
        ),
        ("add", {"date": "1960-01-04", "n": "1"}, {"date": ["Working days are known only from 1971 to 2099"]}),
        ("add", {"date": "2099-12-30", "n": "5"}, {"n": ["5 working days after 2099-12-30 is beyond 2099"]}),
        ("between", {"from": "2026-01-14", "to": "2025-12-19"}, {"to": ["must be on or after `from`"]}),
        ("between", {"to": "2025-12-19"}, {"from": ["This field is required."]}),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(gp_ben: User, path: str, query: dict, errors: dict) -> None:
    response = signed_in_client(gp_ben).get(f"/api/v1/working-days/{path}", query)
    assert response.status_code == 400
    assert response.json() == errors


def test_anonymous_callers_are_refused() -> None:
    assert Client().get("/api/v1/working-days/add", {"date": "2025-12-19", "n": "1"}).status_code == 401


def test_an_administrator_adds_lists_and_removes_a_proclaimed_holiday(admin_sam: User) -> None:
    client = signed_in_client(admin_sam)
    created = client.post(HOLIDAYS, ROYAL_OCCASION, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["added_by"] == "admin.sam"
    assert [h["date"] for h in client.get(HOLIDAYS).json()] == ["2026-01-13"]
    due = client.get("/api/v1/working-days/add", {"date": "2025-12-19", "n": "15"}).json()["due"]
    assert due == "2026-01-15"
    assert client.delete(f"{HOLIDAYS}/2026-01-13").status_code == 204
    assert client.get(HOLIDAYS).json() == []
    assert client.delete(f"{HOLIDAYS}/2026-01-13").status_code == 404
    assert client.delete(f"{HOLIDAYS}/not-a-date").status_code == 404
    actions = AuditEvent.objects.filter(actor_label="admin.sam").values_list("action", flat=True)
    assert {"workingdays.holiday_added", "workingdays.holiday_removed"} <= set(actions)


def test_a_weekend_day_is_refused_naming_the_date(admin_sam: User) -> None:
    response = signed_in_client(admin_sam).post(
        HOLIDAYS, {**ROYAL_OCCASION, "date": "2026-01-10"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"date": ["Saturday 10 January 2026 is a weekend day, which is never a working day"]}


def test_other_roles_may_not_touch_proclaimed_holidays_and_each_refusal_is_audited(sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    assert client.get(HOLIDAYS).status_code == 403
    assert client.post(HOLIDAYS, ROYAL_OCCASION, content_type="application/json").status_code == 403
    assert client.delete(f"{HOLIDAYS}/2026-01-13").status_code == 403
    assert not ProclaimedHoliday.objects.exists()
    denied = AuditEvent.objects.filter(action="access.denied", actor_label="sw.amara")
    assert denied.count() == 3
    assert set(denied.values_list("details__permission", flat=True)) == {"workingdays.manage_calendar"}
