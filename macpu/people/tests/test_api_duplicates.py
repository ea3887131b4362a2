"""`/api/v1/duplicates...`: the queue, a pair side by side, propose, approve by a second person, undo, distinct."""

import pytest

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import DuplicateStatus, ProbableDuplicate
from tests.builders import signed_in_client
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _user(organisation: Organisation, username: str, role: Role) -> User:
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role.value)
    return user


@pytest.fixture
def flag(operator: Actor, school: Organisation, gp_practice: Organisation) -> ProbableDuplicate:
    record(operator, feed_event("CPOMS-1", school.code))
    record(operator, feed_event("GP-1", gp_practice.code, subject={**MAISIE, "given_name": "Maisy"}))
    return ProbableDuplicate.objects.get()


def test_propose_approve_and_undo_through_the_api(flag: ProbableDuplicate, macpu_team: Organisation) -> None:
    dana = signed_in_client(_user(macpu_team, "dq.dana", Role.DATA_QUALITY_OFFICER))
    morgan = signed_in_client(_user(macpu_team, "macpu.morgan", Role.MACPU_MEMBER))

    listed = dana.get("/api/v1/duplicates").json()
    assert listed["count"] == 1
    assert listed["results"][0]["id"] == str(flag.id)
    detail = dana.get(f"/api/v1/duplicates/{flag.id}").json()
    assert detail["may_link"] is True
    assert {row["field"] for row in detail["explanation"]} >= {"given_name", "date_of_birth"}
    assert detail["left"]["event_count"] == 1

    proposed = dana.post(
        f"/api/v1/duplicates/{flag.id}/link", {"reason": "Same child"}, content_type="application/json"
    )
    assert proposed.status_code == 201, proposed.content
    merge_id = proposed.json()["id"]
    own = dana.post(
        f"/api/v1/duplicates/links/{merge_id}/decision",
        {"approve": True, "reason": "Me again"},
        content_type="application/json",
    )
    assert own.status_code == 403
    approved = morgan.post(
        f"/api/v1/duplicates/links/{merge_id}/decision",
        {"approve": True, "reason": "Agreed"},
        content_type="application/json",
    )
    assert approved.json()["status"] == "in_force"
    assert Event.objects.filter(child_id=approved.json()["survivor_id"]).count() == 2
    assert dana.get("/api/v1/duplicates", {"state": "linked"}).json()["count"] == 1

    dana.post(f"/api/v1/duplicates/links/{merge_id}/undo", {"reason": "Two children"}, content_type="application/json")
    undone = morgan.post(
        f"/api/v1/duplicates/links/{merge_id}/undo/decision",
        {"approve": True, "reason": "Agreed"},
        content_type="application/json",
    )
    assert undone.json()["status"] == "undone"
    assert Event.objects.filter(child_id=approved.json()["survivor_id"]).count() == 1


def test_mark_distinct_through_the_api(flag: ProbableDuplicate, macpu_team: Organisation) -> None:
    dana = signed_in_client(_user(macpu_team, "dq.dana", Role.DATA_QUALITY_OFFICER))
    empty = dana.post(f"/api/v1/duplicates/{flag.id}/distinct", {}, content_type="application/json")
    assert empty.status_code == 400
    marked = dana.post(
        f"/api/v1/duplicates/{flag.id}/distinct", {"reason": "Different parents"}, content_type="application/json"
    )
    assert marked.json()["status"] == DuplicateStatus.DISTINCT


def test_roles_without_the_permission_are_refused(flag: ProbableDuplicate, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    assert client.get("/api/v1/duplicates").status_code == 403
    assert client.get(f"/api/v1/duplicates/{flag.id}").status_code == 403
