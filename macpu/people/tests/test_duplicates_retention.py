"""A linked child's record is disposed of whole: the record folded into it goes with it, ledger and all."""

import datetime as dt

import pytest

from macpu.access.roles import Role
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person, PersonMerge, ProbableDuplicate
from macpu.people.services.duplicates import link_decide, link_propose
from macpu.retention.services.disposal import retention_run
from tests.builders import actor_of
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TOM = {
    "given_name": "Thomas",
    "family_name": "Fenwick",
    "date_of_birth": "2000-01-01",
    "sex": "male",
    "postcode": "NB2 1AB",
}


def _officer(organisation: Organisation, username: str, role: Role) -> Actor:
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role.value)
    return actor_of(user)


def test_the_folded_record_goes_with_the_survivor(
    operator: Actor, school: Organisation, gp_practice: Organisation, macpu_team: Organisation
) -> None:
    record(operator, feed_event("CPOMS-T1", school.code, subject=dict(TOM)))
    record(operator, feed_event("GP-T1", gp_practice.code, subject={**TOM, "given_name": "Tom"}))
    flag = ProbableDuplicate.objects.get()
    merge = link_propose(
        actor=_officer(macpu_team, "dq.dana", Role.DATA_QUALITY_OFFICER), duplicate_id=flag.id, reason="Same"
    )
    link_decide(
        actor=_officer(macpu_team, "macpu.morgan", Role.MACPU_MEMBER), merge_id=merge.id, approve=True, reason="Yes"
    )

    run = retention_run(actor=operator, on=dt.date(2035, 1, 1), dry_run=False)

    assert not Person.objects.filter(id__in=[flag.person_id, flag.candidate_id]).exists()
    assert not Event.objects.exists()
    assert not PersonMerge.objects.exists()
    assert run.counts["people.Person"] == 2
