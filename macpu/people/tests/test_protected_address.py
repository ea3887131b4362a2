"""A refuge address: sealed by the organisation that recorded it, withheld from everyone else who may see the child."""

import datetime as dt

import pytest

from macpu.access.models import InvolvementBasis, User
from macpu.access.services import involvement_record
from macpu.core.actor import Actor
from macpu.core.models import Sensitivity
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Address, Person, SearchKey
from macpu.people.services.records import address_add
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db


def test_a_sealed_address_is_read_by_its_recorder_and_withheld_from_others(
    operator: Actor, child_of_council: Person, council: Organisation, gp_practice: Organisation, sw_amara: User,
    gp_ben: User,
) -> None:  # fmt: skip
    address_add(
        actor=operator, person=child_of_council, line_1="Refuge, 2 Hidden Row", town="Northbridge", postcode="NB9 9ZZ",
        la_code="873", valid_from=dt.date(2026, 6, 1), recorded_by_id=council.id, sensitivity=Sensitivity.SEALED,
    )  # fmt: skip
    involvement_record(
        actor=operator, child_id=child_of_council.id, organisation_id=gp_practice.id, basis=InvolvementBasis.RECORDED
    )
    own = signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/").content.decode()
    assert "NB9 9ZZ" in own
    gp = signed_in_client(gp_ben)
    page = gp.get(f"/children/{child_of_council.id}/").content.decode()
    assert "NB9 9ZZ" not in page
    assert "Hidden Row" not in page
    assert "A protected address, recorded as sealed by" in page
    api = gp.get(f"/api/v1/children/{child_of_council.id}").json()
    current = next(a for a in api["addresses"] if a["valid_to"] is None)
    assert current == {
        "line_1": "", "town": "", "postcode": "", "la_code": "", "valid_from": "2026-06-01", "valid_to": None,
        "recorded_by": council.name, "sensitivity": "sealed", "withheld": True,
    }  # fmt: skip
    assert "NB9 9ZZ" not in str(api)


def test_a_sealed_move_from_the_feed_makes_a_sealed_address(
    operator: Actor, child_of_council: Person, police_force: Organisation
) -> None:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    move = feed_event("MOVE-1", police_force.code, "address_change", subject=subject, occurred_at="2026-07-01")
    record(operator, move | {"details": {"postcode": "NB9 8YY", "la_code": "873"}, "sensitivity": "sealed"})
    assert Address.objects.get(person=child_of_council, postcode="NB9 8YY").sensitivity == "sealed"
    # Never matched on: no search key is made of the refuge's postcode.
    assert not SearchKey.objects.filter(person=child_of_council, key__startswith="p:NB98YY").exists()


def test_a_protected_events_subject_postcode_is_neither_an_address_nor_matched_on(
    operator: Actor, police_force: Organisation
) -> None:
    """A sealed report's subject may carry where the child is now: it stays in the event, read only as sealed."""
    sealed = feed_event("INTEL-1", police_force.code, subject={**MAISIE, "postcode": "NB9 7XX"}, sensitivity="sealed")
    event = record(operator, sealed).event
    assert event is not None
    child = event.child
    assert not Address.objects.filter(person=child, postcode="NB9 7XX").exists()
    assert not SearchKey.objects.filter(person=child, key__startswith="p:NB97XX").exists()
    record(operator, feed_event("CONCERN-2", police_force.code))  # a standard one: its postcode is the child's
    assert Address.objects.filter(person=child, postcode="NB1 4AA", sensitivity="standard").exists()
