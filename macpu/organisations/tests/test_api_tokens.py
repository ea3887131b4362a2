"""Organisations' administrators issue, rotate and revoke their systems' tokens; every use of a token is recorded."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from macpu.access.models import ApiClient, User
from macpu.access.services import REFUSED_TOKENS_AUDITED_PER_MINUTE, api_client_issue
from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"macpu_[A-Za-z0-9_-]{43}")


def send(token: str, org_code: str, record_id: str = "NBP-1") -> int:
    response = Client().post(
        "/api/v1/events",
        feed_event(record_id, org_code),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    return response.status_code


def issued_on_the_page(client: Client, name: str, organisation: Organisation) -> str:
    response = client.post("/api-tokens/", {"name": name, "organisation": str(organisation.id)})
    assert response.status_code == 200
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1
    return found[0]


def test_an_organisation_administrator_issues_a_token_shown_once_and_kept_only_as_a_hash(
    it_omar: User, police_force: Organisation
) -> None:
    client = signed_in_client(it_omar)
    token = issued_on_the_page(client, "Niche RMS nightly feed", police_force)
    stored = ApiClient.objects.get()
    assert stored.organisation == police_force
    assert stored.token_prefix == token[:12]
    assert token not in {stored.token_hash, stored.token_prefix}
    listing = client.get("/api-tokens/").content.decode()
    assert "Niche RMS nightly feed" in listing
    assert token not in listing
    assert token not in client.get(f"/api-tokens/{stored.id}/").content.decode()
    created = AuditEvent.objects.get(action="api_client.created")
    assert created.actor_label == "it.omar"
    assert created.target_id == str(stored.id)


def test_every_use_of_a_token_is_audited_and_listed_on_its_page(it_omar: User, police_force: Organisation) -> None:
    client = signed_in_client(it_omar)
    token = issued_on_the_page(client, "Niche RMS", police_force)
    assert send(token, police_force.code, "NBP-1") == 200
    assert send(token, police_force.code, "NBP-2") == 200
    uses = AuditEvent.objects.filter(action="api_client.used")
    assert uses.count() == 2
    assert {u.details["path"] for u in uses} == {"/api/v1/events"}
    assert ApiClient.objects.get().last_used_at is not None
    page = client.get(f"/api-tokens/{ApiClient.objects.get().id}/").content.decode()
    assert page.count("POST /api/v1/events") == 2
    assert audit_log_verify().intact


def test_rotating_stops_the_old_token_at_once_and_the_refusal_is_recorded(
    it_omar: User, police_force: Organisation
) -> None:
    client = signed_in_client(it_omar)
    old = issued_on_the_page(client, "Niche RMS", police_force)
    stored = ApiClient.objects.get()
    response = client.post(f"/api-tokens/{stored.id}/rotate/")
    new = TOKEN.findall(response.content.decode())[0]
    assert "Token rotated" in response.content.decode()
    assert new != old
    assert send(old, police_force.code) == 401
    assert send(new, police_force.code) == 200
    # The old token is no longer known at all; its first characters say which it was.
    refused = AuditEvent.objects.get(action="api_client.refused")
    assert refused.outcome == "denied"
    assert refused.target_id == ""
    assert refused.details["token_prefix"] == old[:12]
    rotated = AuditEvent.objects.get(action="api_client.rotated")
    assert rotated.details == {"previous_token_prefix": old[:12], "token_prefix": new[:12]}


def test_a_revoked_token_is_refused_and_cannot_be_rotated(it_omar: User, police_force: Organisation) -> None:
    client = signed_in_client(it_omar)
    token = issued_on_the_page(client, "Niche RMS", police_force)
    stored = ApiClient.objects.get()
    response = client.post(f"/api-tokens/{stored.id}/revoke/")
    assert response.status_code == 302
    assert send(token, police_force.code) == 401
    stored.refresh_from_db()
    assert stored.revoked_by == "it.omar"
    assert not stored.is_live
    assert client.post(f"/api-tokens/{stored.id}/rotate/").status_code == 409
    assert AuditEvent.objects.get(action="api_client.refused").details["revoked"] is True


def test_an_unknown_token_is_refused_and_recorded_without_the_token(police_force: Organisation) -> None:
    assert send("macpu_guessed-token-value", police_force.code) == 401
    refused = AuditEvent.objects.get(action="api_client.refused")
    assert refused.target_id == ""
    assert refused.details["token_prefix"] == "macpu_guesse"
    assert "guessed-token-value" not in str(refused.details)


def test_an_administrator_sees_only_their_own_organisations_tokens(
    it_omar: User, operator: Actor, school: Organisation, police_force: Organisation
) -> None:
    schools_client, _ = api_client_issue(actor=operator, organisation_id=school.id, name="CPOMS feed")
    client = signed_in_client(it_omar)
    assert "CPOMS feed" not in client.get("/api-tokens/").content.decode()
    for path in ("", "rotate/", "revoke/"):
        assert client.get(f"/api-tokens/{schools_client.id}/{path}").status_code == 404
    assert client.post(f"/api-tokens/{schools_client.id}/revoke/").status_code == 404
    assert ApiClient.objects.get(id=schools_client.id).is_live
    # The issuing form offers only their own organisation, and refuses another's.
    refused = client.post("/api-tokens/", {"name": "Sneaky", "organisation": str(school.id)})
    assert refused.status_code == 400
    assert not ApiClient.objects.filter(name="Sneaky").exists()


def test_a_system_administrator_looks_after_every_organisations_tokens(
    admin_sam: User, operator: Actor, school: Organisation
) -> None:
    schools_client, _ = api_client_issue(actor=operator, organisation_id=school.id, name="CPOMS feed")
    client = signed_in_client(admin_sam)
    assert "CPOMS feed" in client.get("/api-tokens/").content.decode()
    assert client.post(f"/api-tokens/{schools_client.id}/revoke/").status_code == 302
    assert issued_on_the_page(client, "Arbor MIS", school)


def test_case_roles_have_no_token_pages(sw_amara: User, gp_ben: User) -> None:
    for user in (sw_amara, gp_ben):
        assert signed_in_client(user).get("/api-tokens/").status_code == 403


def test_a_second_live_token_of_the_same_name_is_refused_naming_the_field(
    it_omar: User, police_force: Organisation
) -> None:
    client = signed_in_client(it_omar)
    issued_on_the_page(client, "Niche RMS", police_force)
    response = client.post("/api-tokens/", {"name": " niche  rms ", "organisation": str(police_force.id)})
    assert response.status_code == 400
    assert "already has a live token named niche rms" in response.content.decode()
    assert ApiClient.objects.count() == 1


def test_the_api_issues_lists_rotates_and_revokes(
    it_omar: User, police_force: Organisation, school: Organisation
) -> None:
    client = signed_in_client(it_omar)
    issued = client.post("/api/v1/api-tokens", {"name": "Niche RMS"}, content_type="application/json")
    assert issued.status_code == 201
    body = issued.json()
    assert TOKEN.fullmatch(body["token"])
    assert body["organisation_id"] == str(police_force.id)
    listed = client.get("/api/v1/api-tokens").json()
    assert [t["name"] for t in listed] == ["Niche RMS"]
    assert "token" not in listed[0]
    assert send(body["token"], police_force.code) == 200
    detail = client.get(f"/api/v1/api-tokens/{body['id']}").json()
    assert [h["action"] for h in detail["history"]] == ["api_client.used", "api_client.created"]
    rotated = client.post(f"/api/v1/api-tokens/{body['id']}/rotate").json()
    assert rotated["token"] != body["token"]
    assert rotated["rotated_at"]
    revoked = client.post(f"/api/v1/api-tokens/{body['id']}/revoke").json()
    assert revoked["live"] is False
    assert revoked["revoked_by"] == "it.omar"
    other = client.post(
        "/api/v1/api-tokens", {"name": "X", "organisation_id": str(school.id)}, content_type="application/json"
    )
    assert other.status_code == 403
    blank = client.post("/api/v1/api-tokens", {"name": "  "}, content_type="application/json")
    assert blank.status_code == 400
    assert "name" in blank.json()


def test_a_flood_of_made_up_tokens_is_refused_but_recorded_only_up_to_a_rate(police_force: Organisation) -> None:
    cache.clear()
    answers = [send(f"macpu_made-up-{n}", police_force.code) for n in range(25)]
    assert set(answers) == {401}
    assert AuditEvent.objects.filter(action="api_client.refused").count() == REFUSED_TOKENS_AUDITED_PER_MINUTE
    assert send("Sup3rS3cretPassw0rd", police_force.code) == 401
    cache.clear()
    send("Sup3rS3cretPassw0rd", police_force.code)
    last = AuditEvent.objects.filter(action="api_client.refused").order_by("sequence").last()
    assert last is not None
    assert last.details["token_prefix"] == ""  # not one of macpu's: nothing of it is kept
