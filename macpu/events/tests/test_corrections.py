import pytest

from macpu.access.models import Involvement, User
from macpu.access.roles import Role
from macpu.audit.models import AuditEvent
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_page
from macpu.chronology.tests.builders import a_child_four_agencies_know
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.events.models import Event
from macpu.events.services.corrections import event_move
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client
from tests.factories import MembershipFactory, UserFactory, next_nhs_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def dq_dana(macpu_team: Organisation) -> User:
    dana = UserFactory(username="dq.dana", first_name="Dana", last_name="Price")
    MembershipFactory(user=dana, organisation=macpu_team, role=Role.DATA_QUALITY_OFFICER.value)
    return dana


@pytest.fixture
def two_children(
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
) -> tuple[Person, Person, str]:
    first = a_child_four_agencies_know(operator, council, school, police_force, gp_practice)
    nhs_number = next_nhs_number()
    brother = {"given_name": "Tyler", "family_name": "Whitmore", "date_of_birth": "2017-08-02", "sex": "male"}
    subject = {**brother, "nhs_number": nhs_number, "nhs_number_verified": True}
    record(
        operator,
        feed_event(
            "REF-9",
            council.code,
            type="referral",
            subject=subject,
            occurred_at="2026-05-01",
            details={"referrer_type": "family"},
        ),
    )
    second = Event.objects.get(record_id="REF-9").child
    return first, second, nhs_number


def test_a_data_quality_officer_moves_an_entry_and_both_chronologies_and_the_audit_show_it(
    two_children: tuple[Person, Person, str], dq_dana: User, sw_amara: User, school: Organisation
) -> None:
    first, second, nhs_number = two_children
    event_move(
        actor=actor_of(dq_dana),
        org=school.code,
        record_id="CPOMS-1",
        to_child=nhs_number,
        reason="The school confirmed it was filed under the wrong sibling",
    )
    social_worker = actor_of(sw_amara)
    old = chronology_page(actor=social_worker, child_id=first.id, filters=ChronologyFilter())
    assert "CPOMS-1" not in [e.record_id for e in old.entries]
    assert [(m.record_id, m.org_name, m.reason) for m in old.moved_away] == [
        ("CPOMS-1", "Hillside Primary School", "The school confirmed it was filed under the wrong sibling")
    ]
    new = chronology_page(actor=social_worker, child_id=second.id, filters=ChronologyFilter())
    moved = next(e for e in new.entries if e.record_id == "CPOMS-1")
    assert [m.reason for m in moved.moved_here] == ["The school confirmed it was filed under the wrong sibling"]
    assert Involvement.objects.filter(child=second, organisation=school).exists()
    audited = AuditEvent.objects.filter(action="event.moved")
    assert sorted(str(a.child_id) for a in audited) == sorted([str(first.id), str(second.id)])


def test_a_move_names_each_problem(
    two_children: tuple[Person, Person, str], dq_dana: User, school: Organisation
) -> None:
    first, _, _ = two_children
    with pytest.raises(InvalidInput) as refused:
        event_move(actor=actor_of(dq_dana), org=school.code, record_id="NOPE", to_child="123", reason=" ")
    assert set(refused.value.errors) == {"record_id", "to_child", "reason"}
    with pytest.raises(InvalidInput) as same:
        event_move(actor=actor_of(dq_dana), org=school.code, record_id="CPOMS-1", to_child=str(first.id), reason="x")
    assert same.value.errors == {"to_child": ["The entry is already in that child's chronology"]}


def test_moving_through_the_page_and_the_api_is_for_data_quality_officers(
    two_children: tuple[Person, Person, str], dq_dana: User, sw_amara: User, school: Organisation
) -> None:
    _, second, nhs_number = two_children
    dana = signed_in_client(dq_dana)
    assert dana.get("/feed/corrections/move/").status_code == 200
    refused = dana.post(
        "/feed/corrections/move/",
        {"org": school.code, "record_id": "NOPE", "to_child": nhs_number, "reason": "Checked"},
    )
    assert refused.status_code == 400
    assert "No event has that organisation code and record id" in refused.content.decode()
    moved = dana.post(
        "/api/v1/events/move",
        {"org": school.code, "record_id": "CPOMS-1", "to_child": str(second.id), "reason": "Wrong sibling"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["to_child"] == str(second.id)
    social_worker = signed_in_client(sw_amara)
    assert social_worker.post("/api/v1/events/move", {}, content_type="application/json").status_code == 403
