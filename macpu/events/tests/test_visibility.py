"""Who may read an entry: its recording organisation narrows or widens it with a reason; widening a sealed entry
waits for a second person of that organisation."""

import pytest

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.events.models import Event, VisibilityChange
from macpu.events.tests.builders import feed_event, record
from macpu.notifications.models import Notification
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed(operator: Actor, child_of_council: Person, police_force: Organisation) -> Event:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    payload = feed_event("P-9", police_force.code, "police_incident", subject=subject, sensitivity="sealed")
    outcome = record(operator, payload | {"details": {"domestic_abuse": True}, "summary": "Disclosure held back"})
    assert outcome.event is not None
    return outcome.event


@pytest.fixture
def police_lead(police_force: Organisation) -> User:
    user = UserFactory(username="police.lead", first_name="Rae", last_name="Okoro")
    MembershipFactory(user=user, organisation=police_force, role=Role.SAFEGUARDING_LEAD.value)
    return user


def test_widening_a_sealed_entry_waits_for_a_second_person_who_is_told(
    sealed: Event, child_of_council: Person, police_chen: User, police_lead: User, sw_amara: User
) -> None:
    officer = signed_in_client(police_chen)
    url = f"/children/{child_of_council.id}/entries/{sealed.id}/visibility/"
    assert officer.get(url).status_code == 200
    missing = officer.post(url, {"sensitivity": "standard"})
    assert missing.status_code == 400
    assert "Say why the entry should be read by more or fewer people" in missing.content.decode()
    asked = officer.post(url, {"sensitivity": "standard", "reason": "The investigation is over: all may know"})
    assert asked.status_code == 302
    sealed.refresh_from_db()
    assert sealed.sensitivity == "sealed"  # not yet
    assert Notification.objects.filter(recipient=police_lead, kind="visibility_approval").exists()
    assert not Notification.objects.filter(recipient=police_chen).exists()
    [change] = VisibilityChange.objects.all()
    own = officer.post("/visibility-requests/", {"change": str(change.id), "decision": "approve", "reason": "ok"})
    assert own.status_code == 403  # a police officer, and the one who asked
    assert "Nothing is waiting for you" in officer.get("/visibility-requests/").content.decode()
    sealed.refresh_from_db()
    assert sealed.sensitivity == "sealed"  # the one who asked may not approve
    lead = signed_in_client(police_lead)
    assert "The investigation is over" in lead.get("/visibility-requests/").content.decode()
    decided = lead.post(
        "/visibility-requests/", {"change": str(change.id), "decision": "approve", "reason": "Agreed with the SIO"}
    )
    assert decided.status_code == 302
    sealed.refresh_from_db()
    assert sealed.sensitivity == "standard"
    actions = set(AuditEvent.objects.filter(target_id=str(sealed.id)).values_list("action", flat=True))
    assert {"event.visibility_change_requested", "event.visibility_changed"} <= actions
    assert (
        "Disclosure held back"
        in signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/chronology/").content.decode()
    )


def test_narrowing_is_at_once_and_only_the_recording_organisation_may_change_it(
    operator: Actor, sealed: Event, child_of_council: Person, police_chen: User, sw_amara: User, council: Organisation
) -> None:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    note = record(operator, feed_event("C-7", council.code, subject=subject, summary="Home visit")).event
    assert note is not None
    social_worker = signed_in_client(sw_amara)
    done = social_worker.post(
        f"/children/{child_of_council.id}/entries/{note.id}/visibility/",
        {"sensitivity": "restricted", "reason": "Mother's health detail"},
    )
    assert done.status_code == 302
    note.refresh_from_db()
    assert note.sensitivity == "restricted"
    others = social_worker.get(f"/children/{child_of_council.id}/entries/{sealed.id}/visibility/")
    assert others.status_code == 404  # the police's entry is theirs to decide
    api = social_worker.post(
        f"/api/v1/events/{sealed.id}/visibility",
        {"sensitivity": "standard", "reason": "x"},
        content_type="application/json",
    )
    assert api.status_code == 404
    mine = social_worker.post(
        f"/api/v1/events/{note.id}/visibility",
        {"sensitivity": "standard", "reason": ""},
        content_type="application/json",
    )
    assert mine.status_code == 400
    assert "reason" in mine.json()


def test_by_the_api_a_lead_asks_and_may_not_approve_her_own_request_but_a_manager_may(
    operator: Actor, sealed: Event, police_force: Organisation, police_lead: User
) -> None:
    manager = UserFactory(username="police.tm", first_name="Sam", last_name="Ward")
    MembershipFactory(user=manager, organisation=police_force, role=Role.TEAM_MANAGER.value)
    lead = signed_in_client(police_lead)
    asked = lead.post(
        f"/api/v1/events/{sealed.id}/visibility", {"sensitivity": "restricted", "reason": "Health need to know"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert asked["status"] == "pending"
    assert lead.get("/api/v1/visibility-requests").json() == []
    own = lead.post(
        f"/api/v1/visibility-requests/{asked['id']}/decision", {"approve": True, "reason": "mine"},
        content_type="application/json",
    )  # fmt: skip
    assert own.status_code == 403
    second = signed_in_client(manager)
    [waiting] = second.get("/api/v1/visibility-requests").json()
    refused = second.post(
        f"/api/v1/visibility-requests/{waiting['id']}/decision", {"approve": False, "reason": "Not yet"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert (refused["status"], refused["decided_by"]) == ("refused", "Sam Ward")
    sealed.refresh_from_db()
    assert sealed.sensitivity == "sealed"


def test_sealing_a_move_seals_the_address_it_made(
    operator: Actor, child_of_council: Person, police_force: Organisation, police_chen: User, gp_ben: User,
    gp_practice: Organisation,
) -> None:  # fmt: skip
    from macpu.access.models import InvolvementBasis
    from macpu.access.services import involvement_record

    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    move = feed_event("MOVE-2", police_force.code, "address_change", subject=subject, occurred_at="2026-07-01")
    event = record(operator, move | {"details": {"postcode": "NB9 6PP", "la_code": "873"}}).event
    assert event is not None
    involvement_record(
        actor=operator, child_id=child_of_council.id, organisation_id=gp_practice.id, basis=InvolvementBasis.RECORDED
    )
    assert "NB9 6PP" in signed_in_client(gp_ben).get(f"/children/{child_of_council.id}/").content.decode()
    signed_in_client(police_chen).post(
        f"/children/{child_of_council.id}/entries/{event.id}/visibility/",
        {"sensitivity": "sealed", "reason": "A refuge: the family has fled"},
    )
    assert "NB9 6PP" not in signed_in_client(gp_ben).get(f"/children/{child_of_council.id}/").content.decode()
