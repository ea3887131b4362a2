import datetime as dt

import pytest
import time_machine

from macpu.access.models import Involvement, InvolvementBasis, NetworkRole, User
from macpu.access.roles import Role
from macpu.access.selectors import actor_for_user
from macpu.access.services import involvement_record, membership_end, network_member_add
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.notifications.models import Notification
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.people.selectors.children import child_get
from tests.builders import actor_of

pytestmark = pytest.mark.django_db


def test_a_leaver_loses_all_access_the_day_after_their_membership_ends(
    operator: Actor, sw_amara: User, child_of_council: Person
) -> None:
    # given: Amara can see the child
    assert child_get(actor=actor_of(sw_amara), child_id=child_of_council.id) == child_of_council
    # when: her membership ends today
    membership = sw_amara.memberships.get()
    membership_end(actor=operator, membership=membership, ends_on=clock.today())
    # then: tomorrow she has no actor at all
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=1)):
        assert actor_for_user(user=sw_amara, membership_id=None) is None


def test_an_organisation_recording_about_a_child_tells_the_lead_practitioner_and_safeguarding_leads(
    operator: Actor,
    sw_amara: User,
    dsl_dev: User,
    school: Organisation,
    police_force: Organisation,
    child_of_council: Person,
) -> None:
    # given: the school is in the child's network, so its safeguarding lead is involved
    network_member_add(
        actor=operator,
        child_id=child_of_council.id,
        user=dsl_dev,
        organisation_id=school.id,
        network_role=NetworkRole.MEMBER,
        started_on=dt.date(2025, 2, 1),
    )
    # when: the police record something about the child
    involvement = involvement_record(
        actor=operator, child_id=child_of_council.id, organisation_id=police_force.id, basis=InvolvementBasis.RECORDED
    )
    # then: a claimed relationship, and both are told
    assert involvement.claimed
    told = Notification.objects.filter(child=child_of_council, organisation=police_force)
    assert set(told.values_list("recipient__username", flat=True)) == {"sw.amara", "dsl.dev"}


def test_joining_a_network_is_not_a_claimed_relationship_and_tells_no_one(
    operator: Actor, dsl_dev: User, school: Organisation, child_of_council: Person
) -> None:
    network_member_add(
        actor=operator,
        child_id=child_of_council.id,
        user=dsl_dev,
        organisation_id=school.id,
        network_role=NetworkRole.MEMBER,
        started_on=dt.date(2025, 2, 1),
    )
    assert not Involvement.objects.get(child=child_of_council, organisation=school).claimed
    assert not Notification.objects.filter(organisation=school).exists()


def test_recording_again_does_not_duplicate_involvement(
    operator: Actor, police_force: Organisation, child_of_council: Person
) -> None:
    for _ in range(2):
        involvement_record(
            actor=operator,
            child_id=child_of_council.id,
            organisation_id=police_force.id,
            basis=InvolvementBasis.RECORDED,
        )
    assert Involvement.objects.filter(child=child_of_council, organisation=police_force).count() == 1


def test_a_user_with_two_memberships_acts_in_the_one_chosen(
    sw_amara: User, school: Organisation, child_of_council: Person
) -> None:
    from tests.factories import MembershipFactory

    second = MembershipFactory(user=sw_amara, organisation=school, role=Role.PRACTITIONER.value)
    as_school = actor_for_user(user=sw_amara, membership_id=second.id)
    assert as_school is not None
    assert (as_school.organisation_id, as_school.role) == (school.id, "practitioner")
    with pytest.raises(NotFound):
        child_get(actor=as_school, child_id=child_of_council.id)
