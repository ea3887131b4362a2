import datetime as dt
import uuid

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.people.selectors.children import child_get, child_profile_get
from macpu.people.selectors.search import ChildSearch, children_search
from tests.builders import actor_of

pytestmark = pytest.mark.django_db


def test_a_hidden_child_and_a_missing_child_look_the_same(gp_ben: User, child_of_council: Person) -> None:
    actor = actor_of(gp_ben)
    with pytest.raises(NotFound) as hidden:
        child_get(actor=actor, child_id=child_of_council.id)
    with pytest.raises(NotFound) as missing:
        child_get(actor=actor, child_id=uuid.uuid4())
    assert (type(hidden.value), hidden.value.args) == (type(missing.value), missing.value.args)


def test_every_view_and_refusal_is_audited(sw_amara: User, gp_ben: User, child_of_council: Person) -> None:
    child_profile_get(actor=actor_of(sw_amara), child_id=child_of_council.id)
    with pytest.raises(NotFound):
        child_get(actor=actor_of(gp_ben), child_id=child_of_council.id)
    events = AuditEvent.objects.filter(child_id=str(child_of_council.id), action__in=["child.viewed", "access.denied"])
    assert [(e.action, e.actor_label, e.outcome) for e in events] == [
        ("child.viewed", "sw.amara", "succeeded"),
        ("access.denied", "gp.ben", "denied"),
    ]


def test_the_profile_shows_the_household_on_the_date_asked(
    operator: Actor, sw_amara: User, child_of_council: Person
) -> None:
    profile = child_profile_get(actor=actor_of(sw_amara), child_id=child_of_council.id)
    assert [(r.relationship.relative.given_name, r.in_household) for r in profile.relatives] == [("Lisa", True)]
    before_birth = child_profile_get(actor=actor_of(sw_amara), child_id=child_of_council.id, as_on=dt.date(2018, 1, 1))
    assert [r.in_household for r in before_birth.relatives] == [False]
    assert profile.nhs_number is not None
    assert profile.nhs_number.value.startswith("999")


def test_search_shows_an_uninvolved_searcher_only_that_the_child_is_known_and_whom_to_call(
    gp_ben: User, council: Organisation, child_of_council: Person
) -> None:
    nhs_number = child_of_council.identifiers.get().value
    results = children_search(actor=actor_of(gp_ben), search=ChildSearch(nhs_number=nhs_number))
    assert (results.visible, results.known_elsewhere, results.contacts) == ([], 1, [council])


def test_search_shows_an_involved_searcher_the_child(sw_amara: User, child_of_council: Person) -> None:
    search = ChildSearch(family_name="whitmore", date_of_birth=child_of_council.date_of_birth)
    results = children_search(actor=actor_of(sw_amara), search=search)
    assert (results.children, results.known_elsewhere) == ([child_of_council], 0)
    event = AuditEvent.objects.filter(action="child.searched").get()
    assert event.details == {
        "criteria": ["family_name", "date_of_birth"],
        "visible": [str(child_of_council.id)],
        "known_elsewhere": [],
    }


def test_the_identifier_form_names_the_field_when_the_upn_is_malformed(
    sw_amara: User, child_of_council: Person
) -> None:
    from tests.builders import signed_in_client

    client = signed_in_client(sw_amara)
    url = f"/children/{child_of_council.id}/identifiers/add/"
    response = client.post(url, {"scheme": "upn", "value": "Q207000016049"})
    assert response.status_code == 400
    assert "This is not a valid UPN: the check letter does not match" in response.content.decode()
    assert 'href="#id_value"' in response.content.decode()
    saved = client.post(url, {"scheme": "upn", "value": "P207000016049"})
    assert saved.status_code == 302
    assert child_of_council.identifiers.filter(scheme="upn").get().value == "P207000016049"
