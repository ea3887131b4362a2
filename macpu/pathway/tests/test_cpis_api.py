"""The CP-IS API: what is waiting, producing the file, the files made and their download (audited)."""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.pathway.tests.cpis_builders import DAY_ONE, MAISIE_VERIFIED, TOM_UNTRACED, plan_event, received_at
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

PENDING = "/api/v1/cp-is/pending"
EXTRACTS = "/api/v1/cp-is/extracts"


@pytest.fixture(autouse=True)
def _an_hour_after_the_plans_arrived() -> Iterator[None]:
    with time_machine.travel(DAY_ONE + dt.timedelta(hours=1), tick=False):
        yield


@pytest.fixture
def plans(operator: Actor, council: Organisation) -> dict[str, str]:
    maisie, tom = received_at(
        DAY_ONE,
        operator,
        plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED),
        plan_event("LCS-PLAN-2", "plan_started", "child_protection", "2026-04-01", TOM_UNTRACED),
    )
    assert maisie.event is not None
    assert tom.event is not None
    return {"maisie": str(maisie.event.child_id), "tom": str(tom.event.child_id)}


def test_pending_lists_the_plans_waiting_and_the_flagged_children(tm_priya: User, plans: dict[str, str]) -> None:
    response = signed_in_client(tm_priya).get(PENDING)
    assert response.status_code == 200
    body = response.json()
    assert body["covers_from"] is None
    assert body["rows"] == [
        {
            "child_id": plans["maisie"],
            "plan_type": "CPP",
            "started_on": "2026-03-24",
            "ended_on": None,
            "sendable": True,
        },
        {"child_id": plans["tom"], "plan_type": "CPP", "started_on": "2026-04-01", "ended_on": None, "sendable": False},
    ]
    message = "On a child protection plan without a verified NHS number"
    assert body["problems"] == [{"child_id": plans["tom"], "message": message}]
    assert body["flagged"] == [{"child_id": plans["tom"], "problems": [message]}]


def test_produce_list_and_download_a_file(admin_sam: User, plans: dict[str, str]) -> None:
    # given
    client = signed_in_client(admin_sam)
    # when
    produced = client.post(EXTRACTS)
    # then
    assert produced.status_code == 201
    extract = produced.json()["extract"]
    assert produced.json()["produced"] is True
    assert (extract["sequence"], extract["row_count"], extract["held_back"]) == (1, 1, 1)
    assert extract["file_url"] == f"{EXTRACTS}/{extract['id']}/file"
    assert client.get(EXTRACTS).json() == [extract]
    file = client.get(extract["file_url"])
    assert file.status_code == 200
    assert file["Content-Type"] == "text/csv; charset=utf-8"
    assert file["Content-Disposition"].startswith('attachment; filename="cpis-00001-')
    assert file.content.decode().splitlines()[1].startswith("9990000026,CPP,2026-03-24,,")
    assert AuditEvent.objects.filter(action="pathway.cpis_extract_downloaded").count() == 1
    # when: nothing new has arrived
    again = client.post(EXTRACTS)
    # then
    assert again.status_code == 200
    assert again.json() == {"produced": False, "detail": "Nothing to send: no file was produced", "extract": None}


def test_others_are_refused_and_an_unknown_file_is_404(sw_amara: User, admin_sam: User, plans: dict[str, str]) -> None:
    client = signed_in_client(sw_amara)
    assert client.get(PENDING).status_code == 403
    assert client.post(EXTRACTS).status_code == 403
    assert client.get(EXTRACTS).status_code == 403
    missing = f"{EXTRACTS}/00000000-0000-0000-0000-000000000000/file"
    assert signed_in_client(admin_sam).get(missing).status_code == 404


def test_the_endpoints_are_in_the_openapi_schema(admin_sam: User) -> None:
    schema = signed_in_client(admin_sam).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (PENDING, EXTRACTS, EXTRACTS + "/{extract_id}/file"):
        assert path in schema["paths"]
    assert "text/csv" in schema["paths"][EXTRACTS + "/{extract_id}/file"]["get"]["responses"]["200"]["content"]
