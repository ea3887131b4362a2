import datetime as dt

import pytest

from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.organisations.models import Organisation
from macpu.people.models import Identifier, IdentifierScheme, LinkMethod, NameKind, Person, PersonLink
from macpu.people.services.records import (
    address_add,
    identifier_add,
    person_name_add,
    source_record_link,
    source_record_unlink,
)
from tests.factories import next_nhs_number

pytestmark = pytest.mark.django_db


def test_undoing_a_wrong_link_moves_exactly_what_the_source_contributed(
    operator: Actor, school: Organisation, child_of_council: Person
) -> None:
    # given: the school's record of "Kayla Whitmore" was linked to the council's child by mistake
    link = source_record_link(
        actor=operator,
        organisation_id=school.id,
        local_id="SCH-0042",
        payload={"given_name": "Kayla", "family_name": "Whitmore"},
        person=child_of_council,
        method=LinkMethod.CONFIRMED_BY_PERSON,
    )
    source_id = link.source_record_id
    person_name_add(
        actor=operator,
        person=child_of_council,
        given_name="Kayla",
        family_name="Whitmore",
        kind=NameKind.ALIAS,
        source_id=source_id,
    )
    identifier_add(
        actor=operator, person=child_of_council, scheme=IdentifierScheme.UPN, value="B801200005001", source_id=source_id
    )
    address_add(
        actor=operator,
        person=child_of_council,
        line_1="2 Hill Road",
        town="Northbridge",
        postcode="NB2 1AB",
        la_code="873",
        valid_from=None,
        recorded_by_id=school.id,
        source_id=source_id,
    )
    before = {(i.scheme, i.value) for i in child_of_council.identifiers.all()}

    # when
    separated = source_record_unlink(
        actor=operator, link=link, reason="Different child: the school confirmed the date of birth"
    )

    # then: the school's contributions moved; the council's stayed; nothing was deleted
    assert {(i.scheme, i.value) for i in separated.identifiers.all()} == {("upn", "B801200005001")}
    assert {(i.scheme, i.value) for i in child_of_council.identifiers.all()} == before - {("upn", "B801200005001")}
    assert [a.postcode for a in separated.addresses.all()] == ["NB2 1AB"]
    assert separated.full_name == "Kayla Whitmore"
    link.refresh_from_db()
    assert link.unlinked_by == "test-operator"
    assert PersonLink.objects.get(source_record_id=source_id, unlinked_at__isnull=True).person == separated


def test_a_source_record_cannot_be_linked_to_two_people(
    operator: Actor, school: Organisation, child_of_council: Person
) -> None:
    other = Person.objects.create(
        kind="child", given_name="Other", family_name="Child", date_of_birth=dt.date(2018, 1, 1)
    )
    source_record_link(
        actor=operator,
        organisation_id=school.id,
        local_id="SCH-1",
        payload={},
        person=child_of_council,
        method=LinkMethod.NEW_PERSON,
    )
    with pytest.raises(InvalidInput, match="linked to another person"):
        source_record_link(
            actor=operator,
            organisation_id=school.id,
            local_id="SCH-1",
            payload={},
            person=other,
            method=LinkMethod.NEW_PERSON,
        )


def test_an_nhs_number_held_by_another_person_is_refused_naming_the_field(
    operator: Actor, child_of_council: Person
) -> None:
    other = Person.objects.create(
        kind="child", given_name="Other", family_name="Child", date_of_birth=dt.date(2018, 1, 1)
    )
    taken = Identifier.objects.get(person=child_of_council).value
    with pytest.raises(InvalidInput) as refused:
        identifier_add(actor=operator, person=other, scheme=IdentifierScheme.NHS_NUMBER, value=taken)
    assert refused.value.errors == {"nhs_number": ["This NHS number is already recorded for another person in macpu"]}
    fresh = identifier_add(actor=operator, person=other, scheme=IdentifierScheme.NHS_NUMBER, value=next_nhs_number())
    assert fresh.warning == ""
