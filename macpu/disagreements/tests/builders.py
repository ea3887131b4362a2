"""Builders for the disagreements' tests (and the browser test): a council decision to dispute, the school involved."""

from django.db import transaction

from macpu.access.models import InvolvementBasis, User
from macpu.access.services import involvement_record
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.services.by_hand import event_record_for_child
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import actor_of


def council_decision(sw_amara: User, child: Person, day: str = "2026-03-04") -> Event:
    """Children's social care decides no further action on the school's referral (by-hand events of the council)."""
    referral = event_record_for_child(
        actor=actor_of(sw_amara),
        child=child,
        fields={
            "type": "referral",
            "occurred_at": day,
            "details": {"referrer_type": "professional", "referrer_org": "123456", "categories": ["physical_abuse"]},
        },
    )
    assert referral.event is not None, referral
    outcome = event_record_for_child(
        actor=actor_of(sw_amara),
        child=child,
        fields={
            "type": "referral_decision",
            "occurred_at": day,
            "ref": {"org": "873", "record_id": referral.event.record_id},
            "details": {"outcome": "no_further_action", "rationale": "Below threshold"},
        },
    )
    assert outcome.event is not None, outcome
    return outcome.event


def involve(operator: Actor, child: Person, organisation: Organisation) -> None:
    """The organisation joins the child's professional network, so that it sees the child's record."""
    with transaction.atomic():
        involvement_record(
            actor=operator, child_id=child.id, organisation_id=organisation.id, basis=InvolvementBasis.NETWORK
        )
