"""Who has seen a child's record (the lead practitioner, involved safeguarding leads, auditors) and what a user looked at."""

import json

import pytest

from macpu.access.models import InvolvementBasis, User
from macpu.access.services import involvement_record
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_lead_practitioner_sees_every_view_and_export_and_her_look_is_logged_too(
    child_of_council: Person, sw_amara: User, tm_priya: User
) -> None:
    signed_in_client(tm_priya).get(f"/children/{child_of_council.id}/chronology/")
    lead = signed_in_client(sw_amara)
    page = lead.get(f"/children/{child_of_council.id}/access-log/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Who has seen this record" in text
    assert "Priya" in text
    assert "Read the chronology" in text
    assert (
        AuditEvent.objects.filter(action="oversight.access_log_viewed", child_id=str(child_of_council.id)).count() == 1
    )
    again = lead.get(f"/api/v1/children/{child_of_council.id}/access-log").json()
    assert again["entries"][0]["what"] == "read who has seen the record"  # the first look, newest first
    assert any(entry["what"] == "read the chronology" for entry in again["entries"])
    assert "See who has seen this record" in lead.get(f"/children/{child_of_council.id}/").content.decode()


def test_a_refused_look_is_in_the_log(child_of_council: Person, sw_amara: User, police_chen: User) -> None:
    assert signed_in_client(police_chen).get(f"/children/{child_of_council.id}/").status_code == 404
    entries = signed_in_client(sw_amara).get(f"/api/v1/children/{child_of_council.id}/access-log").json()["entries"]
    assert any(entry["refused"] and entry["who"].startswith("Chen") for entry in entries)


def test_a_safeguarding_lead_sees_the_log_once_their_organisation_is_involved(
    operator: Actor, child_of_council: Person, dsl_dev: User, school: Organisation
) -> None:
    client = signed_in_client(dsl_dev)
    assert client.get(f"/children/{child_of_council.id}/access-log/").status_code == 404
    involvement_record(
        actor=operator, child_id=child_of_council.id, organisation_id=school.id, basis=InvolvementBasis.RECORDED
    )
    assert client.get(f"/children/{child_of_council.id}/access-log/").status_code == 200


def test_another_practitioner_of_an_involved_organisation_may_not(child_of_council: Person, tm_priya: User) -> None:
    client = signed_in_client(tm_priya)  # may see the child, but is neither the lead nor a safeguarding lead
    assert client.get(f"/children/{child_of_council.id}/").status_code == 200
    assert client.get(f"/children/{child_of_council.id}/access-log/").status_code == 404
    assert client.get(f"/api/v1/children/{child_of_council.id}/access-log").status_code == 404


def test_an_auditor_finds_a_child_by_nhs_number_in_a_post_and_sees_who_looked(
    child_of_council: Person, sw_amara: User, auditor_eve: User
) -> None:
    signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/")
    auditor = signed_in_client(auditor_eve)
    nhs_number = child_of_council.identifiers.get().value
    found = auditor.post("/audit/", {"reference": nhs_number})
    assert found.status_code == 302
    assert found["Location"] == f"/audit/children/{child_of_council.id}/"
    assert nhs_number not in found["Location"]
    log = auditor.get(found["Location"]).content.decode()
    assert "Amara" in log
    assert "Opened the child&#x27;s record" in log
    bad = auditor.post("/audit/", {"reference": "123"})
    assert bad.status_code == 400
    assert "Enter an NHS number or a macpu id" in bad.content.decode()
    looked_up = auditor.post(
        "/api/v1/audit/children/lookup", {"reference": nhs_number}, content_type="application/json"
    )
    assert looked_up.json() == {"child_id": str(child_of_council.id)}


def test_an_auditor_sees_what_a_user_looked_at_and_others_may_not_ask(
    child_of_council: Person, sw_amara: User, auditor_eve: User, tm_priya: User
) -> None:
    signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/chronology/")
    auditor = signed_in_client(auditor_eve)
    found = auditor.post("/audit/", {"username": "sw.amara"})
    assert found["Location"] == f"/audit/users/{sw_amara.id}/"
    page = auditor.get(found["Location"]).content.decode()
    assert child_of_council.full_name in page
    assert "Read the chronology" in page
    entries = auditor.get(f"/api/v1/audit/users/{sw_amara.id}/access-log").json()["entries"]
    assert {entry["child_name"] for entry in entries} == {child_of_council.full_name}
    assert AuditEvent.objects.filter(action="oversight.user_access_log_viewed", target_id=str(sw_amara.id)).exists()
    assert signed_in_client(tm_priya).get(f"/audit/users/{sw_amara.id}/").status_code == 403
    assert signed_in_client(tm_priya).get(f"/api/v1/audit/users/{sw_amara.id}/access-log").status_code == 403
    assert auditor.post("/audit/", {"username": "nobody"}).status_code == 400


def test_the_command_answers_both_questions_at_the_console(
    child_of_council: Person, sw_amara: User, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/chronology/")
    call_command("oversight", "child", child_of_council.identifiers.get().value)
    out = capsys.readouterr().out
    assert "Amara Okafor (Social worker" in out
    assert "read the chronology" in out
    call_command("oversight", "user", "sw.amara", "--format", "json")
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert {entry["child_name"] for entry in entries} == {child_of_council.full_name}


def test_a_refused_look_at_the_log_is_recorded_and_an_auditor_s_look_shows_in_the_child_s_log(
    child_of_council: Person, tm_priya: User, sw_amara: User, auditor_eve: User
) -> None:
    assert signed_in_client(tm_priya).get(f"/children/{child_of_council.id}/access-log/").status_code == 404
    refused = AuditEvent.objects.get(action="access.denied", actor_label="tm.priya")
    assert refused.child_id == str(child_of_council.id)
    signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/chronology/")
    signed_in_client(auditor_eve).get(f"/audit/users/{sw_amara.id}/")
    assert AuditEvent.objects.filter(
        action="oversight.user_access_log_viewed", child_id=str(child_of_council.id)
    ).exists()
