"""A household's chronology: the child's, siblings' and household's entries, and those naming adults they live with."""

import pytest
from django.db import transaction

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors.household import household_chronology_page
from macpu.chronology.tests.builders import a_child_four_agencies_know
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db

LEO = {"given_name": "Leo", "family_name": "Whitmore", "date_of_birth": "2017-05-01", "nhs_number": "9990000034"}
ROSA = {"given_name": "Rosa", "family_name": "Whitmore", "date_of_birth": "2021-08-09", "nhs_number": "9990000042"}
DEAN = {"given_name": "Dean", "family_name": "Marsh", "date_of_birth": "1988-07-14", "nhs_number": "9990000050"}
ZARA = {"given_name": "Zara", "family_name": "Marsh", "date_of_birth": "2015-02-02", "nhs_number": "9990000069"}


def _subject(person: dict[str, str]) -> dict[str, object]:
    return {**person, "nhs_number_verified": True, "sex": "female", "postcode": "NB1 4AA"}


@pytest.fixture
def world(
    operator: Actor,
    council: Organisation,
    school: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    sw_amara: User,
    police_chen: User,
) -> Person:
    """Maisie lives with her brother Leo and her mother's partner Dean; her half-sister Rosa is known only to the GP.
    The police once recorded Dean in an incident about Zara, a child of his who lives elsewhere."""
    maisie = a_child_four_agencies_know(operator, council, school, police_force, gp_practice)
    maisie_subject = _subject({"nhs_number": "9990000026"})
    with transaction.atomic():
        record(
            operator,
            feed_event(
                "HV-HH-1",
                council.code,
                type="household_change",
                subject=maisie_subject,
                occurred_at="2026-01-20",
                people=[
                    {**DEAN, "role": "parent_partner", "lives_with_child": True},
                    {**LEO, "role": "sibling", "lives_with_child": True},
                    {**ROSA, "role": "sibling", "lives_with_child": False},
                ],
                details={"change": "joined"},
            ),
        )
        record(
            operator,
            feed_event(
                "LEO-REF",
                council.code,
                type="referral",
                subject=_subject(LEO),
                occurred_at="2026-06-01",
                details={"referrer_type": "professional"},
            ),
        )
        record(
            operator,
            feed_event(
                "ROSA-GP",
                gp_practice.code,
                type="health_appointment",
                subject=_subject(ROSA),
                occurred_at="2026-06-02",
                details={"service": "gp", "outcome": "was_not_brought"},
            ),
        )
        record(
            operator,
            feed_event(
                "ZARA-INC",
                police_force.code,
                type="police_incident",
                subject=_subject(ZARA),
                occurred_at="2026-06-03",
                people=[{**DEAN, "role": "father"}],
                details={"domestic_abuse": True},
            ),
        )
    return maisie


def test_the_household_timeline_holds_siblings_records_and_mentions_of_adults_living_with_the_child(
    world: Person, sw_amara: User, police_chen: User
) -> None:
    seen = household_chronology_page(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter())
    records = {entry.record_id: seen.child_of(entry.child_id) for entry in seen.page.entries}
    assert records["LEO-REF"].given_name == "Leo"  # type: ignore[union-attr]
    assert records["HV-HH-1"] == world
    assert "ROSA-GP" not in records  # the council is not involved with Rosa: her record is not shown, nor named
    assert "ZARA-INC" not in records  # nor Zara's, whom the council does not know
    assert [c.given_name for c in seen.children] == ["Maisie", "Leo"]
    assert seen.adults_named == 1
    by_police = household_chronology_page(actor=actor_of(police_chen), child_id=world.id, filters=ChronologyFilter())
    assert "ZARA-INC" in {entry.record_id for entry in by_police.page.entries}  # police know Zara: Dean is named


def test_each_childs_record_shown_is_audited_and_a_hidden_child_is_not_found(
    world: Person, sw_amara: User, analyst_ali: User
) -> None:
    household_chronology_page(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter())
    audited = AuditEvent.objects.filter(action="chronology.viewed", details__household_of=str(world.id))
    assert {a.child_id for a in audited} == {str(world.id), str(Person.objects.get(given_name="Leo").id)}
    with pytest.raises(NotFound):
        household_chronology_page(actor=actor_of(analyst_ali), child_id=world.id, filters=ChronologyFilter())


def test_the_household_page_and_api(world: Person, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    page = client.get(f"/children/{world.id}/household/chronology/?sector=social_care")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Household chronology" in text
    assert "Leo Whitmore" in text
    api = client.get(f"/api/v1/children/{world.id}/household/chronology", {"sector": "social_care"}).json()
    assert {e["record_id"] for e in api["entries"]} == {"LEO-REF", "HV-HH-1", "REF-1", "DEC-1"}
    assert api["children"][0] == str(world.id)
