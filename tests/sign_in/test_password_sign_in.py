"""Signing in with a username and password: audited, locked after repeated failures, refused to leavers."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client

from macpu.access.models import Membership, User
from macpu.access.services import membership_end
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from tests.sign_in.helpers import PASSWORD, last, sign_in

pytestmark = pytest.mark.django_db


def test_signing_in_and_out_through_the_form_is_audited(sw_amara: User) -> None:
    client = Client()
    response = sign_in(client, "sw.amara")
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200
    signed_in = last(AuditAction.SIGNED_IN)
    assert signed_in.actor_label == "sw.amara"
    assert signed_in.details["method"] == "password"

    assert client.post("/sign-out/").status_code == 302
    assert last(AuditAction.SIGNED_OUT).actor_label == "sw.amara"
    assert client.get("/home/")["Location"].startswith("/sign-in/")


def test_signing_out_needs_a_post(sw_amara: User) -> None:
    client = Client()
    sign_in(client, "sw.amara")
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/home/").status_code == 200


def test_a_wrong_password_is_refused_plainly_and_audited(sw_amara: User) -> None:
    response = sign_in(Client(), "sw.amara", "not-the-password")
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    failure = last(AuditAction.SIGN_IN_FAILED)
    assert failure.actor_label == "sw.amara"
    assert failure.outcome == "failed"


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(sw_amara: User) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, "sw.amara", "not-the-password")
    response = sign_in(client, "sw.amara", PASSWORD)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert client.get("/home/")["Location"].startswith("/sign-in/")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "sw.amara"
    assert attempt.failures_since_start >= 5
    assert last(AuditAction.SIGN_IN_LOCKED_OUT).actor_label == "sw.amara"


def test_a_lockout_counts_the_username_whatever_its_case(sw_amara: User) -> None:
    client = Client()
    for username in ["sw.amara", "SW.AMARA", "Sw.Amara", "sw.AMARA", "sw.amarA"]:
        sign_in(client, username, "not-the-password")
    assert sign_in(client, "sw.amara", PASSWORD).status_code == 429


def test_someone_with_no_role_in_force_is_refused_at_sign_in(sw_amara: User, operator: Actor) -> None:
    membership = Membership.objects.get(user=sw_amara)
    membership_end(actor=operator, membership=membership, ends_on=dt.date(2025, 1, 31))
    response = sign_in(Client(), "sw.amara")
    assert response.status_code == 403
    assert "no role in force" in response.content.decode()
    assert last(AuditAction.SIGN_IN_REFUSED).details == {"reason": "no_membership"}


def test_a_closed_account_cannot_sign_in(sw_amara: User) -> None:
    sw_amara.is_active = False
    sw_amara.save()
    client = Client()
    response = sign_in(client, "sw.amara")
    assert response["Location"] == "/sign-in/inactive/"
    assert "This account is closed" in client.get("/sign-in/inactive/").content.decode()
    assert client.get("/home/")["Location"].startswith("/sign-in/")


def test_a_signed_in_user_with_several_roles_chooses_one(sw_amara: User, tm_priya: User) -> None:
    Membership.objects.create(
        user=sw_amara,
        organisation=Membership.objects.get(user=tm_priya).organisation,
        role="team_manager",
        starts_on=dt.date(2024, 1, 1),
    )
    response = sign_in(Client(), "sw.amara")
    assert response["Location"] == "/account/role/"


def test_the_sign_in_page_offers_no_sign_up_and_says_when_mfa_is_not_enforced(settings) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/sign-in/").content.decode()
    assert "sign up" not in page.lower()
    assert "Two-factor authentication is not enforced in this demonstration" in page
    settings.MACPU_MFA_REQUIRED = True
    assert "not enforced" not in Client().get("/sign-in/").content.decode()
