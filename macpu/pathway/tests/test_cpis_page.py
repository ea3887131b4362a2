"""The CP-IS page: what is waiting, the flagged children, producing the file and downloading it (audited)."""

import datetime as dt

import pytest
import time_machine

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.pathway.models import CpisExtract
from macpu.pathway.tests.cpis_builders import DAY_ONE, MAISIE_VERIFIED, TOM_UNTRACED, plan_event, received_at
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

PAGE = "/cp-is/"
PRODUCE = "/cp-is/produce/"


@pytest.fixture
def plans(operator: Actor, council: Organisation) -> dict[str, str]:
    """Maisie's plan (she has a verified NHS number) and Tom's (he has none): their child ids."""
    maisie, tom = received_at(
        DAY_ONE,
        operator,
        plan_event("LCS-PLAN-1", "plan_started", "child_protection", "2026-03-24", MAISIE_VERIFIED),
        plan_event("LCS-PLAN-2", "plan_started", "looked_after", "2026-04-01", TOM_UNTRACED, legal_status="s38"),
    )
    assert maisie.event is not None
    assert tom.event is not None
    return {"maisie": str(maisie.event.child_id), "tom": str(tom.event.child_id)}


def test_the_page_shows_what_is_waiting_and_the_flagged_children(admin_sam: User, plans: dict[str, str]) -> None:
    # when
    response = signed_in_client(admin_sam).get(PAGE)
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert "No file has been produced yet: the first holds every open plan." in body
    assert "Child protection plan (CPP)" in body
    assert "Looked after (LAC)" in body
    assert "24 March 2026" in body
    assert "1 to send, 1 held back until the NHS number is verified" in body
    assert f'href="/children/{plans["tom"]}/"' in body
    assert "Looked after without a verified NHS number" in body
    assert "Produce the CP-IS file" in body
    assert "9990000026" not in body
    assert 'href="/cp-is/"' in body  # in the navigation
    assert AuditEvent.objects.filter(action="pathway.cpis_pending_viewed", actor_label="admin.sam").count() == 1


@time_machine.travel(DAY_ONE + dt.timedelta(hours=1), tick=False)
def test_producing_the_file_lists_it_with_an_audited_download(admin_sam: User, plans: dict[str, str]) -> None:
    # given
    client = signed_in_client(admin_sam)
    # when
    response = client.post(PRODUCE, follow=True)
    # then
    body = response.content.decode()
    assert "CP-IS file 1 produced with 1 plan: download it to upload" in body
    extract = CpisExtract.objects.get()
    download = f"/cp-is/extracts/{extract.id}/file/"
    assert download in body
    assert extract.sha256 in body
    file = client.get(download)
    assert file.status_code == 200
    assert file["Content-Type"] == "text/csv; charset=utf-8"
    assert file["Content-Disposition"] == 'attachment; filename="cpis-00001-20261102-100000.csv"'
    assert file.content.decode().splitlines()[1].startswith("9990000026,CPP,2026-03-24,,")
    assert AuditEvent.objects.filter(action="pathway.cpis_extract_downloaded", target_id=str(extract.id)).count() == 1


def test_nothing_waiting_produces_nothing_and_says_so(tm_priya: User, council: Organisation) -> None:
    response = signed_in_client(tm_priya).post(PRODUCE, follow=True)
    assert "Nothing to send: no CP-IS file was produced" in response.content.decode()
    assert not CpisExtract.objects.exists()


def test_only_team_managers_and_administrators_use_the_page(sw_amara: User, gp_ben: User, admin_sam: User) -> None:
    for user in (sw_amara, gp_ben):
        client = signed_in_client(user)
        assert client.get(PAGE).status_code == 403
        assert client.post(PRODUCE).status_code == 403
    assert (
        signed_in_client(admin_sam).get("/cp-is/extracts/00000000-0000-0000-0000-000000000000/file/").status_code == 404
    )
    assert 'href="/cp-is/"' not in signed_in_client(sw_amara).get("/home/").content.decode()
