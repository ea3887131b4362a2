"""The duplicates pages: the queue, the pair side by side, the decision that is next, errors naming the field."""

import pytest

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.core.actor import Actor
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import MergeStatus, PersonMerge, ProbableDuplicate
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


def test_a_pair_is_proposed_approved_and_the_folded_record_redirects(
    flag: ProbableDuplicate, macpu_team: Organisation, dsl_dev: User, sw_amara: User
) -> None:
    dana = signed_in_client(_user(macpu_team, "dq.dana", Role.DATA_QUALITY_OFFICER))
    morgan = signed_in_client(_user(macpu_team, "macpu.morgan", Role.MACPU_MEMBER))
    queue = dana.get("/duplicates/")
    assert queue.status_code == 200
    assert f"/duplicates/{flag.id}/" in queue.content.decode()
    page = dana.get(f"/duplicates/{flag.id}/").content.decode()
    assert "Compare two records" in page
    assert "How the score was reached" in page

    missing = dana.post(f"/duplicates/{flag.id}/", {"step": "resolve", "decision": "link", "survivor": ""})
    assert missing.status_code == 400
    body = missing.content.decode()
    assert 'href="#id_reason"' in body
    assert 'href="#id_survivor_0"' in body

    survivor = str(flag.candidate_id)
    done = dana.post(
        f"/duplicates/{flag.id}/", {"step": "resolve", "decision": "link", "survivor": survivor, "reason": "Same"}
    )
    assert done.status_code == 302
    assert "You proposed this" in dana.get(f"/duplicates/{flag.id}/").content.decode()
    approved = morgan.post(f"/duplicates/{flag.id}/", {"step": "decide", "decision": "approve", "reason": "Agreed"})
    assert approved.status_code == 302
    assert PersonMerge.objects.get().status == MergeStatus.IN_FORCE
    assert "Undo the link" in dana.get(f"/duplicates/{flag.id}/").content.decode()
    # an old link to the folded record leads to the survivor, for someone who may see it; others get a 404
    folded = signed_in_client(dsl_dev).get(f"/children/{flag.person_id}/")
    assert (folded.status_code, folded["Location"]) == (302, f"/children/{survivor}/")
    assert signed_in_client(sw_amara).get(f"/children/{flag.person_id}/").status_code == 404


def test_a_role_without_the_permission_cannot_open_the_queue(flag: ProbableDuplicate, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    assert client.get("/duplicates/").status_code == 403
    assert client.get(f"/duplicates/{flag.id}/").status_code == 403
