import csv
import datetime as dt
import io
import json
import uuid

import pytest
from django.core.management import call_command

from macpu.access.models import User
from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import readable_content
from macpu.audit.models import AuditEvent
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import Entry, chronology_page
from macpu.chronology.services import entry_annotate
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_timeline_merges_every_agency_newest_first_with_provenance(world: Person, sw_amara: User) -> None:
    shown = chronology_page(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter())
    assert [e.record_id for e in shown.entries] == ["DEC-1", "REF-1", "GP-3", "NBP-7", "CPOMS-1"]
    decision, referral = shown.entries[0], shown.entries[1]
    assert (decision.org, decision.sector, decision.sources[0].record_id) == ("873", "social_care", "DEC-1")
    assert [(r.relation, r.id) for r in decision.related] == [("answers", referral.id)]
    assert [(r.relation, r.id) for r in referral.related] == [("answered_by", decision.id)]
    assert shown.entries[3].occurred == "2026-02-01T22:15:00+00:00"  # a time keeps its offset
    assert shown.entries[4].occurred == "2026-01-10"  # a date alone stays a date


def test_need_to_know_withholds_content_but_shows_the_entry_date_and_whom_to_ask(
    world: Person, sw_amara: User, police_chen: User, gp_ben: User
) -> None:
    by_social_worker = {
        e.record_id: e
        for e in chronology_page(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter()).entries
    }
    sealed, restricted = by_social_worker["GP-3"], by_social_worker["NBP-7"]
    assert (sealed.withheld, sealed.type, sealed.summary, sealed.title) == (True, "withheld", "", "A sealed entry")
    assert str(sealed.occurred_on) == "2026-03-05"
    assert sealed.org_name == "Riverside Medical Practice"
    assert (restricted.withheld, restricted.summary) == (True, "")
    by_police = {
        e.record_id: e
        for e in chronology_page(actor=actor_of(police_chen), child_id=world.id, filters=ChronologyFilter()).entries
    }
    assert by_police["NBP-7"].summary == "Domestic incident, child present"
    assert by_police["GP-3"].withheld
    by_gp = {
        e.record_id: e
        for e in chronology_page(actor=actor_of(gp_ben), child_id=world.id, filters=ChronologyFilter()).entries
    }
    assert by_gp["GP-3"].summary == "Sexual health"


def test_filters_by_sector_organisation_period_type_and_people(
    world: Person, sw_amara: User, police_chen: User, school: Organisation
) -> None:
    actor = actor_of(sw_amara)

    def ids(**given: object) -> list[str]:
        filters = ChronologyFilter(**given)  # type: ignore[arg-type]
        return [e.record_id for e in chronology_page(actor=actor, child_id=world.id, filters=filters).entries]

    assert ids(sectors=("education",)) == ["CPOMS-1"]
    assert ids(organisations=("873",), oldest_first=True) == ["REF-1", "DEC-1"]
    assert ids(occurred_from=dt.date(2026, 2, 1), occurred_to=dt.date(2026, 3, 31)) == ["GP-3", "NBP-7"]
    assert ids(types=("referral", "referral_decision")) == ["DEC-1", "REF-1"]
    # A content filter never matches what the viewer may not read: that would tell what it is.
    assert ids(types=("police_incident",)) == []
    mother = Event.objects.get(record_id="NBP-7").people.get().person_id
    assert ids(people=(mother,)) == []
    police = actor_of(police_chen)
    named = chronology_page(actor=police, child_id=world.id, filters=ChronologyFilter(people=(mother,)))
    assert [e.record_id for e in named.entries] == ["NBP-7"]


def test_pages_and_choices_offer_only_what_the_viewer_may_read(world: Person, sw_amara: User) -> None:
    shown = chronology_page(
        actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(), page=2, page_size=2, with_choices=True
    )
    assert (shown.total, shown.pages, [e.record_id for e in shown.entries]) == (5, 3, ["GP-3", "NBP-7"])
    assert shown.choices is not None
    assert {c.value for c in shown.choices.types} == {"concern", "referral", "referral_decision"}
    assert shown.choices.people == ()  # the mother is named only in a restricted entry
    assert len(shown.choices.organisations) == 4


def test_every_view_is_audited_and_a_hidden_child_is_not_found(world: Person, sw_amara: User, dsl_dev: User) -> None:
    chronology_page(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(sectors=("police",)))
    viewed = AuditEvent.objects.filter(action="chronology.viewed").get()
    assert (viewed.child_id, viewed.details["sectors"], viewed.details["entries"]) == (str(world.id), ["police"], 1)
    with pytest.raises(NotFound):
        chronology_page(actor=actor_of(dsl_dev), child_id=uuid.uuid4(), filters=ChronologyFilter())
    assert AuditEvent.objects.filter(action="access.denied").exists()


def test_readable_content_in_the_database_agrees_with_the_policy(
    world: Person,
    council: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
    macpu_team: Organisation,
) -> None:
    events = list(Event.objects.select_related("organisation"))
    for organisation in (council, police_force, gp_practice, macpu_team, None):
        reader = (
            ReaderFacts(organisation.id, organisation.sector, organisation.type == "macpu")
            if organisation
            else ReaderFacts(None, "", False)
        )
        expected = {
            e.id
            for e in events
            if may_read_content(reader, RecordFacts(e.organisation.id, e.organisation.sector, e.sensitivity))
        }
        assert set(Event.objects.filter(readable_content(reader)).values_list("id", flat=True)) == expected


def test_the_command_prints_the_whole_chronology_oldest_first_as_json_and_csv(world: Person) -> None:
    out = io.StringIO()
    call_command("chronology", "999 000 0026", "--format", "json", stdout=out)
    entries = json.loads(out.getvalue())
    assert [e["record_id"] for e in entries] == ["CPOMS-1", "NBP-7", "GP-3", "REF-1", "DEC-1"]
    first = entries[0]
    assert {
        "occurred_at",
        "recorded_at",
        "type",
        "org",
        "sector",
        "record_id",
        "summary",
        "sensitivity",
        "sources",
    } <= set(first)
    assert first["sources"] == [{"org": "123456", "record_id": "CPOMS-1", "entry_id": first["id"]}]
    assert entries[2]["type"] == "withheld"  # an operator is not the GP: sealed content stays sealed
    out = io.StringIO()
    call_command("chronology", str(world.id), "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["record_id"] for r in rows] == [e["record_id"] for e in entries]
    assert rows[0]["sources"] == "123456:CPOMS-1"
    assert AuditEvent.objects.filter(action="chronology.viewed", actor_kind="operator").count() == 2


def test_the_api_pages_and_filters_and_refuses_bad_parameters(world: Person, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    url = f"/api/v1/children/{world.id}/chronology"
    query: dict[str, list[str] | str] = {"sector": ["education", "social_care"], "order": "oldest", "page_size": "2"}
    response = client.get(url, query)
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["pages"]) == (3, 2)
    assert [e["record_id"] for e in body["entries"]] == ["CPOMS-1", "REF-1"]
    bad = client.get(url, {"type": "not_a_type", "from": "2026-05-01", "to": "2026-04-01"})
    assert bad.status_code == 400
    assert "type" in json.dumps(bad.json())
    swapped = client.get(url, {"from": "2026-05-01", "to": "2026-04-01"})
    assert swapped.status_code == 400
    assert "to" in json.dumps(swapped.json())
    assert client.get(f"/api/v1/children/{uuid.uuid4()}/chronology").status_code == 404


def test_the_page_filters_by_link_and_shares_the_view(world: Person, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    response = client.get(f"/children/{world.id}/chronology/", {"org": "873", "from": "2026-04-01", "order": "oldest"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 entries match the filters" in page
    assert page.index("REF-1") < page.index("DEC-1")
    assert 'href="?org=873&amp;from=2026-04-01&amp;order=oldest"' in page
    invalid = client.get(f"/children/{world.id}/chronology/", {"to_day": "31", "to_month": "2", "to_year": "2026"})
    assert invalid.status_code == 400
    assert "There is a problem" in invalid.content.decode()


def _by_record(actor: Actor, child: Person, **given: object) -> dict[str, Entry]:
    shown = chronology_page(actor=actor, child_id=child.id, filters=ChronologyFilter(**given))  # type: ignore[arg-type]
    return {entry.record_id: entry for entry in shown.entries}


def test_agencies_mark_entries_significant_and_their_notes_are_all_kept_and_attributed(
    world: Person, sw_amara: User, police_chen: User
) -> None:
    social_worker, police = actor_of(sw_amara), actor_of(police_chen)
    concern = Event.objects.get(record_id="CPOMS-1")
    entry_annotate(actor=social_worker, child_id=world.id, event_id=concern.id, significant=True, note="First bruise")
    entry_annotate(actor=police, child_id=world.id, event_id=concern.id, significant=None, note="Same week as our call")
    entry = _by_record(social_worker, world)["CPOMS-1"]
    assert entry.significant
    assert [(n.author_name, n.author_role, n.organisation, n.note) for n in entry.notes] == [
        ("Amara Okafor", "Social worker", "Northbridge Children's Services", "First bruise"),
        ("Chen Li", "Police officer", "Northbridge Police", "Same week as our call"),
    ]
    assert list(_by_record(social_worker, world, significant_only=True)) == ["CPOMS-1"]
    entry_annotate(actor=police, child_id=world.id, event_id=concern.id, significant=False, note="")
    assert not _by_record(social_worker, world)["CPOMS-1"].significant  # the latest mark stands
    assert _by_record(social_worker, world, significant_only=True) == {}
    assert AuditEvent.objects.filter(action="chronology.entry_annotated", child_id=world.id).count() == 3


def test_only_those_who_may_read_an_entry_annotate_it_and_see_its_notes(
    world: Person, sw_amara: User, police_chen: User, dsl_dev: User
) -> None:
    incident = Event.objects.get(record_id="NBP-7")
    entry_annotate(actor=actor_of(police_chen), child_id=world.id, event_id=incident.id, significant=True, note="DV")
    withheld = _by_record(actor_of(sw_amara), world)["NBP-7"]
    assert (withheld.notes, withheld.significant) == ((), False)
    assert _by_record(actor_of(sw_amara), world, significant_only=True) == {}  # a content filter
    with pytest.raises(NotPermitted):
        entry_annotate(actor=actor_of(sw_amara), child_id=world.id, event_id=incident.id, significant=True, note="")
    assert AuditEvent.objects.filter(action="access.denied", target_id=str(incident.id)).exists()
    with pytest.raises(NotPermitted):  # the school is involved, but the incident is the police's to share
        entry_annotate(actor=actor_of(dsl_dev), child_id=world.id, event_id=incident.id, significant=True, note="")
    with pytest.raises(NotFound):
        entry_annotate(actor=actor_of(dsl_dev), child_id=world.id, event_id=uuid.uuid4(), significant=True, note="")
    with pytest.raises(InvalidInput):
        entry_annotate(actor=actor_of(police_chen), child_id=world.id, event_id=incident.id, significant=None, note=" ")


def test_analysis_through_the_api_and_the_page(world: Person, sw_amara: User) -> None:
    client = signed_in_client(sw_amara)
    referral = Event.objects.get(record_id="REF-1")
    url = f"/api/v1/children/{world.id}/chronology/entries/{referral.id}/notes"
    created = client.post(url, {"significant": True, "note": "Closed in a day"}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["organisation"] == "Northbridge Children's Services"
    assert client.post(url, {}, content_type="application/json").status_code == 400
    listed = client.get(f"/api/v1/children/{world.id}/chronology", {"significant": "yes"}).json()
    assert [(e["record_id"], e["significant"], e["notes"][0]["note"]) for e in listed["entries"]] == [
        ("REF-1", True, "Closed in a day")
    ]
    page = f"/children/{world.id}/chronology/entries/{referral.id}/note/"
    assert client.post(page, {"significant": "", "note": ""}).status_code == 400
    saved = client.post(page, {"significant": "no", "note": "Reviewed: appropriate"})
    assert saved.status_code == 302
    assert saved["Location"].endswith(f"/children/{world.id}/chronology/#entry-{referral.id}")
    timeline = client.get(f"/children/{world.id}/chronology/").content.decode()
    assert "Reviewed: appropriate" in timeline
    assert "marked not significant" in timeline


def test_the_csv_download_holds_the_filtered_view_with_only_what_the_viewer_may_see(
    world: Person, sw_amara: User
) -> None:
    client = signed_in_client(sw_amara)
    response = client.get(f"/children/{world.id}/chronology.csv", {"order": "oldest"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    assert [r["record_id"] for r in rows] == ["CPOMS-1", "NBP-7", "GP-3", "REF-1", "DEC-1"]
    assert (rows[2]["withheld"], rows[2]["summary"], rows[2]["type"]) == ("True", "", "withheld")
    filtered = client.get(f"/children/{world.id}/chronology.csv", {"org": "873"})
    assert [r["record_id"] for r in csv.DictReader(io.StringIO(b"".join(filtered.streaming_content).decode()))] == [  # type: ignore[attr-defined]
        "DEC-1",
        "REF-1",
    ]
    exported = AuditEvent.objects.filter(action="chronology.exported")
    assert [(e.details["format"], e.details.get("organisations")) for e in exported.order_by("sequence")] == [
        ("csv", None),
        ("csv", ["873"]),
    ]
