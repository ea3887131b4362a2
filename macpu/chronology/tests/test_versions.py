"""Saved versions of a chronology: frozen as saved, and read by each reader with need-to-know applied."""

import uuid

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import Entry
from macpu.chronology.selectors.versions import chronology_version, chronology_versions
from macpu.chronology.services import chronology_version_save, entry_annotate
from macpu.chronology.tests.builders import VERIFIED, occurrences_told_twice
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.models import Event
from macpu.events.tests.builders import feed_event, record
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


def _seen(user: User, child: Person, version_id: object) -> dict[str, Entry]:
    page = chronology_version(actor=actor_of(user), child_id=child.id, version_id=version_id)  # type: ignore[arg-type]
    return {entry.record_id: entry for entry in page.entries}


def test_a_saved_version_does_not_change_when_new_events_and_notes_arrive(
    world: Person, sw_amara: User, operator: Actor, school: Organisation
) -> None:
    referral = Event.objects.get(record_id="REF-1")
    entry_annotate(actor=actor_of(sw_amara), child_id=world.id, event_id=referral.id, significant=True, note="Key")
    version = chronology_version_save(
        actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(), name="  Initial  conference "
    )
    before = _seen(sw_amara, world, version.id)
    record(operator, feed_event("CPOMS-2", school.code, subject={**feed_event("x", "x")["subject"], **VERIFIED}))
    entry_annotate(actor=actor_of(sw_amara), child_id=world.id, event_id=referral.id, significant=False, note="")
    after = _seen(sw_amara, world, version.id)
    assert after == before
    assert "CPOMS-2" not in after
    assert after["REF-1"].significant
    assert [n.note for n in after["REF-1"].notes] == ["Key"]
    [listed] = chronology_versions(actor=actor_of(sw_amara), child_id=world.id)
    assert (listed.name, listed.author_name, listed.record_count) == ("Initial conference", "Amara Okafor", 10)


def test_each_reader_sees_a_version_with_need_to_know_applied_as_it_is_read(
    world: Person, sw_amara: User, police_chen: User
) -> None:
    version = chronology_version_save(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(), name="R")
    by_social_worker, by_police = _seen(sw_amara, world, version.id), _seen(police_chen, world, version.id)
    assert by_social_worker["NBP-7"].withheld
    assert by_social_worker["NBP-7"].summary == ""
    assert "CPOMS-ENC-7" in by_social_worker  # not joined to a record the reader may not read
    assert not by_police["NBP-7"].withheld  # saved by someone who could not read it, frozen in full all the same
    assert by_police["NBP-7"].summary == "Domestic incident, child present"
    assert [s.record_id for s in by_police["NBP-7"].sources] == ["NBP-7", "CPOMS-ENC-7"]
    assert by_police["GP-3"].withheld
    assert [s.record_id for s in by_social_worker["NBP-9"].sources] == ["NBP-9", "CPOMS-ENC-9"]
    assert by_social_worker["NBP-9"].same_fact_reason


def test_a_content_filter_saves_only_entries_the_saver_may_read(
    world: Person, sw_amara: User, police_chen: User
) -> None:
    police_incidents = ChronologyFilter(types=("police_incident",))
    version = chronology_version_save(actor=actor_of(sw_amara), child_id=world.id, filters=police_incidents, name="P")
    assert set(_seen(police_chen, world, version.id)) == {"NBP-9", "CPOMS-ENC-7"}


def test_saving_and_reading_are_audited_and_bad_names_or_hidden_children_refused(
    world: Person, sw_amara: User, analyst_ali: User
) -> None:
    with pytest.raises(InvalidInput) as error:
        chronology_version_save(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(), name=" ")
    assert "name" in error.value.errors
    version = chronology_version_save(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(), name="A")
    _seen(sw_amara, world, version.id)
    assert AuditEvent.objects.filter(action="chronology.version_saved", target_id=str(version.id)).count() == 1
    assert AuditEvent.objects.filter(action="chronology.version_viewed", target_id=str(version.id)).count() == 1
    with pytest.raises(NotFound):  # an analyst has no case role: no child's record is theirs to read
        chronology_version(actor=actor_of(analyst_ali), child_id=world.id, version_id=version.id)
    with pytest.raises(NotFound):
        chronology_version(actor=actor_of(sw_amara), child_id=world.id, version_id=uuid.uuid4())


def test_saving_and_reading_a_version_on_the_pages_and_through_the_api(world: Person, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    timeline = client.get(f"/children/{world.id}/chronology/?sector=police").content.decode()
    assert "Save this view as a version" in timeline
    form = client.get(f"/children/{world.id}/chronology/versions/new/?sector=police")
    assert "Filtered: sectors police" in form.content.decode()
    refused = client.post(f"/children/{world.id}/chronology/versions/new/", {"sector": "police", "name": ""})
    assert refused.status_code == 400
    assert "Enter a name for the version" in refused.content.decode()
    saved = client.post(f"/children/{world.id}/chronology/versions/new/", {"sector": "police", "name": "Police only"})
    assert saved.status_code == 302
    page = client.get(saved["Location"]).content.decode()
    assert "Police only" in page
    assert "Filtered: sectors police" in page
    assert "NBP-SD-1" in page  # the police's own record of the strategy discussion
    csv_text = b"".join(client.get(saved["Location"].rstrip("/") + ".csv").streaming_content).decode()  # type: ignore[attr-defined]
    assert "NBP-9" in csv_text
    assert "CPOMS-1" not in csv_text
    api = client.post(
        f"/api/v1/children/{world.id}/chronology/versions",
        {"name": "Review", "sector": ["education"], "from": "2026-01-01"},
        content_type="application/json",
    )
    assert api.status_code == 201, api.content
    assert api.json()["filters"] == [["sector", "education"], ["from", "2026-01-01"]]
    listed = client.get(f"/api/v1/children/{world.id}/chronology/versions").json()
    assert [v["name"] for v in listed] == ["Review", "Police only"]
    read = client.get(f"/api/v1/children/{world.id}/chronology/versions/{api.json()['id']}").json()
    assert {e["record_id"] for e in read["entries"]} == {"CPOMS-1", "CPOMS-ENC-9", "CPOMS-ENC-7"}
    assert AuditEvent.objects.filter(action="chronology.exported", details__format="csv").count() == 1


def test_someone_without_a_case_role_cannot_save_a_version(world: Person, analyst_ali: User) -> None:
    with pytest.raises(NotPermitted):
        chronology_version_save(actor=actor_of(analyst_ali), child_id=world.id, filters=ChronologyFilter(), name="x")
