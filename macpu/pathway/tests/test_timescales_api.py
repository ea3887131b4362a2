"""The timescales API: any signed-in user reads them; only administrators set or reset one."""

import pytest
from django.test import Client

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.organisations.models import Area
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

LIST = "/api/v1/timescales"
CORE_GROUP = "/api/v1/timescales/first_core_group"
NSCP = "Northbridge Safeguarding Children Partnership procedures 4.3"
FIVE_DAYS = {"amount": 5, "unit": "working_days", "source": NSCP}


def _entry(client: Client, code: str) -> dict:
    return next(t for t in client.get(LIST).json() if t["code"] == code)


def test_any_signed_in_user_lists_every_timescale_with_its_source(gp_ben: User, area: Area) -> None:
    response = signed_in_client(gp_ben).get(LIST)
    assert response.status_code == 200
    entry = next(t for t in response.json() if t["code"] == "initial_conference")
    assert entry["length"] == entry["national_default"] == {"amount": 15, "unit": "working_days"}
    assert entry["local"] is False
    assert entry["basis"] == "working_together_2023"
    assert entry["source"].startswith("National default (Working Together 2023): WT2023:")
    assert (entry["set_by"], entry["set_at"]) == ("", None)
    assert len(response.json()) == 12


def test_an_administrator_sets_and_resets_a_timescale(admin_sam: User, area: Area) -> None:
    client = signed_in_client(admin_sam)
    response = client.put(CORE_GROUP, FIVE_DAYS, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["length"] == {"amount": 5, "unit": "working_days"}
    assert (response.json()["source"], response.json()["set_by"]) == (NSCP, "admin.sam")
    assert _entry(client, "first_core_group")["local"] is True
    assert client.delete(CORE_GROUP).status_code == 204
    assert _entry(client, "first_core_group")["length"] == {"amount": 10, "unit": "working_days"}
    assert client.delete(CORE_GROUP).status_code == 404
    assert AuditEvent.objects.filter(action="pathway.timescale_changed").count() == 2


def test_a_working_together_maximum_is_a_400_naming_the_field(admin_sam: User, area: Area) -> None:
    response = signed_in_client(admin_sam).put(
        "/api/v1/timescales/initial_conference", {**FIVE_DAYS, "amount": 16}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["amount"]
    assert "cannot be longer than 15 working days" in response.json()["amount"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**FIVE_DAYS, "unit": "fortnights"}, "unit"),
        ({**FIVE_DAYS, "source": ""}, "source"),
        ({"unit": "weeks"}, "amount"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(admin_sam: User, area: Area, body: dict, field: str) -> None:
    response = signed_in_client(admin_sam).put(CORE_GROUP, body, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()


def test_an_unknown_timescale_is_a_404(admin_sam: User, area: Area) -> None:
    client = signed_in_client(admin_sam)
    assert client.put("/api/v1/timescales/nope", FIVE_DAYS, content_type="application/json").status_code == 404


def test_only_administrators_change_timescales(sw_amara: User, area: Area) -> None:
    client = signed_in_client(sw_amara)
    assert client.get(LIST).status_code == 200
    assert client.put(CORE_GROUP, FIVE_DAYS, content_type="application/json").status_code == 403
    assert client.delete(CORE_GROUP).status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor_label="sw.amara").count() == 2


def test_anonymous_callers_are_refused() -> None:
    assert Client().get(LIST).status_code == 401
