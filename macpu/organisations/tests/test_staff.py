"""Joiners, movers and leavers: an organisation's administrators give and end their own organisation's roles; a
leaver's access ends at once, every session included; only system administrators close accounts."""

import datetime as dt

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client

from macpu.access.models import Membership, User
from macpu.audit.models import AuditEvent
from macpu.core import clock
from macpu.organisations.models import Organisation
from tests.builders import signed_in_client
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def joiner(**given: str) -> dict[str, str]:
    today = clock.today()
    return {
        "username": "pc.nadia",
        "first_name": "Nadia",
        "last_name": "Begum",
        "email": "nadia.begum@police.example",
        "role": "police_officer",
        "job_title": "Detective constable",
        "starts_on_day": str(today.day),
        "starts_on_month": str(today.month),
        "starts_on_year": str(today.year),
        "password": "",
        **given,
    }


def test_an_administrator_adds_a_joiner_who_signs_in_with_their_organisations_account(
    it_omar: User, police_force: Organisation
) -> None:
    client = signed_in_client(it_omar)
    response = client.post(f"/staff/{police_force.id}/join/", joiner())
    assert response.status_code == 302
    assert not User.objects.get(username="pc.nadia").has_usable_password()
    membership = Membership.objects.get(user__username="pc.nadia")
    assert (membership.organisation, membership.role, membership.job_title) == (
        police_force,
        "police_officer",
        "Detective constable",
    )
    assert "Nadia Begum" in client.get(response["Location"]).content.decode()
    assert {"user.created", "membership.started"} <= set(
        AuditEvent.objects.filter(actor_label="it.omar").values_list("action", flat=True)
    )


def test_only_an_administrator_joiner_may_be_given_a_password_and_it_signs_them_in(
    it_omar: User, police_force: Organisation
) -> None:
    client = signed_in_client(it_omar)
    # Whoever chose a case worker's password could sign in as them: they use single sign-on.
    refused = client.post(f"/staff/{police_force.id}/join/", joiner(password="a-long-initial-passphrase"))
    assert refused.status_code == 400
    assert "sign in with their organisation&#x27;s account" in refused.content.decode()
    added = client.post(
        f"/staff/{police_force.id}/join/",
        joiner(
            username="it.ruth",
            email="ruth@police.example",
            role="organisation_administrator",
            password="a-long-initial-passphrase",
        ),
    )
    assert added.status_code == 302
    assert Client().post("/sign-in/", {"login": "it.ruth", "password": "a-long-initial-passphrase"}).status_code == 302


def test_nobody_gives_themselves_a_role_or_takes_another_organisations_account(
    it_omar: User, admin_sam: User, police_force: Organisation
) -> None:
    client = signed_in_client(it_omar)
    himself = client.post(f"/staff/{police_force.id}/join/", joiner(username="it.omar", role="police_officer"))
    assert himself.status_code == 400
    assert "You cannot give yourself a role" in himself.content.decode()
    elsewhere = client.post(f"/staff/{police_force.id}/join/", joiner(username="admin.sam", role="police_officer"))
    assert elsewhere.status_code == 400
    assert "works for another organisation" in elsewhere.content.decode()
    assert not Membership.objects.filter(user=admin_sam, organisation=police_force).exists()
    assert client.post(f"/staff/people/{admin_sam.id}/sign-out/").status_code == 404


def test_an_ended_role_stays_ended_and_an_end_date_only_comes_forward(
    it_omar: User, admin_sam: User, police_force: Organisation
) -> None:
    officer = UserFactory(username="pc.lee")
    later = MembershipFactory(
        user=officer,
        organisation=police_force,
        role="police_officer",
        starts_on=dt.date(2025, 1, 6),
        ends_on=dt.date(2027, 3, 31),
    )
    client = signed_in_client(it_omar)
    far = {"ends_on_day": "1", "ends_on_month": "1", "ends_on_year": "2036"}
    pushed = client.post(f"/staff/memberships/{later.id}/end/", far)
    assert pushed.status_code == 400
    assert "The role already ends on 31 March 2027" in pushed.content.decode()
    today = clock.today()
    on_today = {"ends_on_day": today.day, "ends_on_month": today.month, "ends_on_year": today.year}
    assert client.post(f"/staff/memberships/{later.id}/end/", on_today).status_code == 302
    revived = signed_in_client(admin_sam).post(f"/staff/memberships/{later.id}/end/", far)
    assert revived.status_code == 400
    assert "already ended" in revived.content.decode()
    later.refresh_from_db()
    assert later.ended_at is not None
    auditor = MembershipFactory(user=officer, organisation=police_force, role="auditor", starts_on=dt.date(2025, 1, 6))
    assert client.post(f"/staff/memberships/{auditor.id}/end/", on_today).status_code == 400


def test_a_second_account_with_someones_email_is_refused(
    it_omar: User, police_chen: User, police_force: Organisation
) -> None:
    police_chen.email = "chen.li@police.example"
    police_chen.save()
    response = signed_in_client(it_omar).post(f"/staff/{police_force.id}/join/", joiner(email="Chen.Li@police.example"))
    assert response.status_code == 400
    assert "Another account has this email address" in response.content.decode()


def test_a_leaver_loses_access_at_once_and_every_session_ends(it_omar: User, police_chen: User) -> None:
    chen = signed_in_client(police_chen)
    assert chen.get("/home/").status_code == 200
    membership = Membership.objects.get(user=police_chen)
    today = clock.today()
    response = signed_in_client(it_omar).post(
        f"/staff/memberships/{membership.id}/end/",
        {"ends_on_day": today.day, "ends_on_month": today.month, "ends_on_year": today.year},
    )
    assert response.status_code == 302
    assert not UserSession.objects.filter(user=police_chen).exists()
    assert chen.get("/home/").status_code == 302  # sent to sign in again
    membership.refresh_from_db()
    assert membership.ended_at is not None


def test_a_mover_keeps_their_account_and_gains_the_new_role(it_omar: User, police_chen: User) -> None:
    response = signed_in_client(it_omar).post(
        f"/staff/{Membership.objects.get(user=police_chen).organisation_id}/join/",
        joiner(username="police.chen", role="safeguarding_lead", first_name="", last_name="", email=""),
    )
    assert response.status_code == 302
    assert User.objects.filter(username="police.chen").count() == 1
    assert set(Membership.objects.filter(user=police_chen).values_list("role", flat=True)) == {
        "police_officer",
        "safeguarding_lead",
    }


def test_an_administrator_cannot_give_area_wide_roles_or_touch_another_organisation(
    it_omar: User, police_force: Organisation, sw_amara: User, council: Organisation
) -> None:
    client = signed_in_client(it_omar)
    refused = client.post(f"/staff/{police_force.id}/join/", joiner(role="auditor"))
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    assert client.get(f"/staff/{council.id}/join/").status_code == 404
    assert client.get(f"/staff/?organisation={council.id}").status_code == 404
    amara = Membership.objects.get(user=sw_amara)
    assert client.get(f"/staff/memberships/{amara.id}/end/").status_code == 404
    assert client.post(f"/staff/people/{sw_amara.id}/sign-out/").status_code == 404
    assert "Amara" not in client.get("/staff/").content.decode()


def test_bad_input_names_each_field_and_saves_nothing(it_omar: User, police_force: Organisation) -> None:
    response = signed_in_client(it_omar).post(f"/staff/{police_force.id}/join/", joiner(first_name="", email=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the person&#x27;s first name" in body
    assert "Enter the person&#x27;s email address" in body
    assert not User.objects.filter(username="pc.nadia").exists()
    weak = signed_in_client(it_omar).post(
        f"/staff/{police_force.id}/join/", joiner(role="organisation_administrator", password="short")
    )
    assert weak.status_code == 400
    assert "too short" in weak.content.decode()
    assert not User.objects.filter(username="pc.nadia").exists()


def test_signing_someone_out_everywhere_keeps_the_account_and_only_sysadmins_close_one(
    it_omar: User, admin_sam: User, police_chen: User
) -> None:
    chen = signed_in_client(police_chen)
    chen.get("/home/")
    omar = signed_in_client(it_omar)
    assert omar.post(f"/staff/people/{police_chen.id}/sign-out/").status_code == 302
    assert chen.get("/home/").status_code == 302
    assert omar.post(f"/staff/people/{police_chen.id}/close/").status_code == 403
    refusal = AuditEvent.objects.filter(action="access.denied", actor_label="it.omar").get()
    assert refusal.details == {"reason": "Only a system administrator can close an account"}
    police_chen.refresh_from_db()
    assert police_chen.is_active
    assert signed_in_client(admin_sam).post(f"/staff/people/{police_chen.id}/close/").status_code == 302
    police_chen.refresh_from_db()
    assert not police_chen.is_active


def test_case_roles_have_no_staff_pages(sw_amara: User) -> None:
    assert signed_in_client(sw_amara).get("/staff/").status_code == 403


def test_the_api_adds_lists_and_ends_roles(it_omar: User, police_force: Organisation, school: Organisation) -> None:
    client = signed_in_client(it_omar)
    added = client.post(
        "/api/v1/staff",
        {
            "username": "pc.nadia",
            "first_name": "Nadia",
            "last_name": "Begum",
            "email": "nadia.begum@police.example",
            "role": "police_officer",
            "starts_on": "2026-11-02",
        },
        content_type="application/json",
    )
    assert added.status_code == 201
    body = added.json()
    assert body["in_force"] is True
    assert body["organisation_id"] == str(police_force.id)
    assert "pc.nadia" in [m["username"] for m in client.get("/api/v1/staff").json()]
    ended = client.post(
        f"/api/v1/staff/memberships/{body['id']}/end", {"ends_on": "2026-11-01"}, content_type="application/json"
    )
    assert ended.status_code == 400
    assert "ends_on" in ended.json()
    ended = client.post(
        f"/api/v1/staff/memberships/{body['id']}/end",
        {"ends_on": clock.today().isoformat()},
        content_type="application/json",
    )
    assert ended.json()["in_force"] is False
    other = client.post(
        "/api/v1/staff",
        {"organisation_id": str(school.id), "username": "x", "role": "practitioner", "starts_on": "2026-11-02"},
        content_type="application/json",
    )
    assert other.status_code == 403
    assert client.get(f"/api/v1/staff?organisation_id={school.id}").status_code == 404
    assert client.post(f"/api/v1/staff/people/{body['user_id']}/close").status_code == 403


def test_a_system_administrator_looks_after_any_organisation(admin_sam: User, school: Organisation) -> None:
    teacher = UserFactory(username="dsl.kim")
    MembershipFactory(user=teacher, organisation=school, role="safeguarding_lead", starts_on=dt.date(2025, 9, 1))
    client = signed_in_client(admin_sam)
    assert "dsl.kim" in client.get(f"/staff/?organisation={school.id}").content.decode()
    added = client.post(f"/staff/{school.id}/join/", joiner(username="audit.ann", role="auditor"))
    assert added.status_code == 302


def test_an_administrator_neither_signs_out_nor_closes_their_own_account_here(admin_sam: User) -> None:
    client = signed_in_client(admin_sam)
    for action in ("sign-out", "close"):
        page = client.post(f"/staff/people/{admin_sam.id}/{action}/", follow=True)
        assert page.status_code == 200
    admin_sam.refresh_from_db()
    assert admin_sam.is_active
    assert client.get("/staff/").status_code == 200  # still signed in
    refused = client.post(f"/api/v1/staff/people/{admin_sam.id}/close")
    assert refused.status_code == 400
    assert "user_id" in refused.json()
