"""A child's meetings with each organisation's part, for those who may see the child: audited, and 404 otherwise."""

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.events.models import Event
from macpu.partnership.tests.world import World
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db


def _discussed_child(world: World) -> str:
    return str(Event.objects.get(record_id="SD-0").child_id)


def test_the_page_shows_a_table_for_each_meeting(world: World, sw_amara: User) -> None:
    child_id = _discussed_child(world)
    page = signed_in_client(sw_amara).get(f"/children/{child_id}/participation/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Strategy discussion, 3 March 2026" in text
    assert "Initial child protection conference, 24 March 2026" in text
    assert "Hillside Primary School" in text
    assert "1 of 1" in text  # the police's action completed
    assert AuditEvent.objects.filter(action="partnership.participation_viewed", child_id=child_id).count() == 1


def test_the_api_gives_each_organisation_s_part(world: World, police_chen: User) -> None:
    child_id = _discussed_child(world)
    body = signed_in_client(police_chen).get(f"/api/v1/children/{child_id}/participation").json()
    discussion, conference = body["meetings"]
    parts = {part["org"]: part for part in discussion["organisations"]}
    assert parts["123456"]["invited"] is True
    assert parts["123456"]["attended"] is False
    assert parts["NBP"]["actions_completed_on_time"] == 1
    gp = next(part for part in conference["organisations"] if part["org"] == "Y01001")
    assert gp["report_sent"] is True
    (answer,) = body["information_answers"]
    assert (answer["org"], answer["working_days"]) == ("Y01001", 2)


def test_someone_whose_organisation_is_not_involved_gets_404(world: World, sw_amara: User, analyst_ali: User) -> None:
    child_id = _discussed_child(world)
    assert signed_in_client(analyst_ali).get(f"/api/v1/children/{child_id}/participation").status_code == 403
    assert signed_in_client(analyst_ali).get(f"/children/{child_id}/participation/").status_code == 403
    unknown = "00000000-0000-4000-8000-000000000000"
    assert signed_in_client(sw_amara).get(f"/api/v1/children/{unknown}/participation").status_code == 404
