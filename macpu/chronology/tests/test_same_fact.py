"""The same occurrence told by two agencies is one entry with both sources, as each reader may see it."""

import io
import json

import pytest
from django.core.management import call_command

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import Entry, chronology_entry, chronology_page
from macpu.chronology.services import same_fact_split
from macpu.chronology.tests.builders import occurrences_told_twice
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(
    world: Person, operator: Actor, council: Organisation, school: Organisation, police_force: Organisation
) -> Person:
    """The four agencies' child, with occurrences that two agencies recorded (`occurrences_told_twice`)."""
    occurrences_told_twice(operator, council, school, police_force)
    return world


def _entries(user: User, child: Person) -> dict[str, Entry]:
    shown = chronology_page(actor=actor_of(user), child_id=child.id, filters=ChronologyFilter())
    return {entry.record_id: entry for entry in shown.entries}


def test_two_agencies_records_of_one_occurrence_are_one_entry_with_both_sources_and_the_reason(
    world: Person, sw_amara: User
) -> None:
    entries = _entries(sw_amara, world)
    assert "CPOMS-ENC-9" not in entries
    assert "NBP-SD-1" not in entries
    incident = entries["NBP-9"]
    assert [(s.org_name, s.record_id) for s in incident.sources] == [
        ("Northbridge Police", "NBP-9"),
        ("Hillside Primary School", "CPOMS-ENC-9"),
    ]
    assert (
        incident.same_fact_reason
        == "Hillside Primary School's record names Northbridge Police's record of it as its source."
    )
    discussion = entries["SD-1"]
    assert [s.record_id for s in discussion.sources] == ["SD-1", "NBP-SD-1"]
    assert "both record “Strategy discussion” on the same day, 12 May 2026" in discussion.same_fact_reason
    shown = chronology_page(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter())
    assert shown.total == len(shown.entries) == 8  # ten records, two of them told again


def test_a_record_whose_content_the_reader_may_not_read_is_never_joined_to_another(
    world: Person, sw_amara: User, police_chen: User
) -> None:
    by_social_worker = _entries(sw_amara, world)
    assert by_social_worker["NBP-7"].withheld
    assert by_social_worker["NBP-7"].sources[1:] == ()
    assert "CPOMS-ENC-7" in by_social_worker  # joining it to the restricted record would tell what that record is
    by_police = _entries(police_chen, world)
    assert [s.record_id for s in by_police["NBP-7"].sources] == ["NBP-7", "CPOMS-ENC-7"]


def test_the_command_gives_every_source_with_the_earliest_recorded_sources_org_and_type(world: Person) -> None:
    out = io.StringIO()
    call_command("chronology", "9990000026", "--format", "json", stdout=out)
    incident = next(e for e in json.loads(out.getvalue()) if e["record_id"] == "NBP-9")
    assert (incident["org"], incident["type"]) == ("NBP", "police_incident")
    assert [(s["org"], s["record_id"]) for s in incident["sources"]] == [("NBP", "NBP-9"), ("123456", "CPOMS-ENC-9")]
    out = io.StringIO()
    call_command("chronology", "9990000026", "--format", "csv", stdout=out)
    assert "NBP:NBP-9;123456:CPOMS-ENC-9" in out.getvalue()


def test_a_practitioner_splits_a_joining_and_it_is_kept_audited_and_never_joined_again(
    world: Person, sw_amara: User
) -> None:
    school_record = Event.objects.get(record_id="CPOMS-ENC-9")
    police_record = Event.objects.get(record_id="NBP-9")
    with pytest.raises(InvalidInput) as error:
        same_fact_split(
            actor=actor_of(sw_amara),
            child_id=world.id,
            event_id=police_record.id,
            other_id=school_record.id,
            reason=" ",
        )
    assert "reason" in error.value.errors
    for _ in range(2):  # splitting twice is splitting once
        same_fact_split(
            actor=actor_of(sw_amara),
            child_id=world.id,
            event_id=police_record.id,
            other_id=school_record.id,
            reason="Two incidents that week; the school was told of the other one.",
        )
    entries = _entries(sw_amara, world)
    assert entries["NBP-9"].sources[1:] == ()
    assert entries["CPOMS-ENC-9"].sources[1:] == ()
    audited = AuditEvent.objects.filter(action="chronology.same_fact_split")
    assert sorted(str(a.target_id) for a in audited) == sorted([str(police_record.id), str(school_record.id)])


def test_only_someone_who_may_read_both_records_splits_them(world: Person, sw_amara: User, police_chen: User) -> None:
    police_record, school_record = Event.objects.get(record_id="NBP-7"), Event.objects.get(record_id="CPOMS-ENC-7")
    with pytest.raises(NotPermitted):
        same_fact_split(
            actor=actor_of(sw_amara),
            child_id=world.id,
            event_id=police_record.id,
            other_id=school_record.id,
            reason="x",
        )
    assert [s.record_id for s in _entries(police_chen, world)["NBP-7"].sources] == ["NBP-7", "CPOMS-ENC-7"]


def test_an_entry_asked_for_by_a_joined_record_is_its_occurrences_entry(world: Person, sw_amara: User) -> None:
    school_record = Event.objects.get(record_id="CPOMS-ENC-9")
    shown = chronology_entry(actor=actor_of(sw_amara), child_id=world.id, event_id=school_record.id)
    assert shown.entry.record_id == "NBP-9"


def test_splitting_on_the_page_and_through_the_api(world: Person, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    incident, discussion = Event.objects.get(record_id="NBP-9"), Event.objects.get(record_id="SD-1")
    timeline = client.get(f"/children/{world.id}/chronology/").content.decode()
    assert "Recorded by 2 organisations" in timeline
    assert "Show the records separately" in timeline
    url = f"/children/{world.id}/chronology/entries/{incident.id}/split/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Hillside Primary School, record CPOMS-ENC-9" in page.content.decode()
    other = str(Event.objects.get(record_id="CPOMS-ENC-9").id)
    refused = client.post(url, {"other": other, "reason": ""})
    assert refused.status_code == 400
    assert "Say why these are different occurrences" in refused.content.decode()
    done = client.post(url, {"other": other, "reason": "Different incidents"})
    assert done.status_code == 302
    api = client.post(
        f"/api/v1/children/{world.id}/chronology/entries/{discussion.id}/split",
        {"other": str(Event.objects.get(record_id="NBP-SD-1").id), "reason": "Two meetings"},
        content_type="application/json",
    )
    assert api.status_code == 204
    entries = _entries(sw_amara, world)
    assert all(len(entry.sources) == 1 for entry in entries.values())
    assert len(entries) == 10
