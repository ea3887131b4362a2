"""Sessions: 30 minutes of inactivity, an absolute lifetime, seeing and ending your sessions, and leavers."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.core.management import call_command
from django.test import Client

from macpu.access.models import Membership, User
from macpu.access.services import membership_end, user_deactivate
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from tests.sign_in.helpers import last, sign_in

pytestmark = pytest.mark.django_db

MORNING = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def signed_in(username: str, user_agent: str = "Firefox on Windows") -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    assert sign_in(client, username).status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    return client.get("/home/").status_code == 200


def test_a_session_ends_after_30_minutes_without_activity(sw_amara: User) -> None:
    with time_machine.travel(MORNING, tick=False) as traveller:
        client = signed_in("sw.amara")
        traveller.shift(dt.timedelta(minutes=29))
        assert is_signed_in(client)
        traveller.shift(dt.timedelta(minutes=31))
        assert client.get("/home/")["Location"].startswith("/sign-in/")


def test_a_session_ends_after_its_absolute_lifetime_whatever_the_activity(sw_amara: User, settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.MACPU_SESSION_MAX_HOURS == 10
    with time_machine.travel(MORNING, tick=False) as traveller:
        client = signed_in("sw.amara")
        for _ in range(29):  # busy all day: a request every 20 minutes, for 9 hours 40 minutes
            traveller.shift(dt.timedelta(minutes=20))
            assert is_signed_in(client)
        traveller.shift(dt.timedelta(minutes=21))
        response = client.get("/home/")
        assert response["Location"].startswith("/sign-in/")
        assert "signed in more than 10 hours ago" in client.get("/sign-in/").content.decode()
    assert last(AuditAction.SESSION_EXPIRED).actor_label == "sw.amara"


def test_you_see_your_sessions_and_end_one_or_all_the_others(sw_amara: User, tm_priya: User) -> None:
    office = signed_in("sw.amara", "Firefox on Windows")
    laptop = signed_in("sw.amara", "Safari on macOS")
    phone = signed_in("sw.amara", "Chrome on Android")
    signed_in("tm.priya", "Edge on Windows")

    page = office.get("/account/sessions/").content.decode()
    assert "Firefox on Windows" in page
    assert "Safari on macOS" in page
    assert "Chrome on Android" in page
    assert "Edge on Windows" not in page
    assert page.count("This session") == 1

    listed = office.get("/api/v1/me/sessions").json()
    assert {row["browser"] for row in listed} == {"Firefox on Windows", "Safari on macOS", "Chrome on Android"}
    assert [row["current"] for row in listed].count(True) == 1
    assert "session_key" not in listed[0]

    laptop_id = next(row["id"] for row in listed if row["browser"] == "Safari on macOS")
    assert office.post("/account/sessions/", {"end": laptop_id})["Location"] == "/account/sessions/"
    assert not is_signed_in(laptop)
    assert is_signed_in(phone)
    assert last(AuditAction.SESSION_ENDED).actor_label == "sw.amara"

    office.post("/account/sessions/", {"end": "others"})
    assert not is_signed_in(phone)
    assert is_signed_in(office)
    assert last(AuditAction.SESSIONS_ENDED).details["sessions"] == 1
    assert UserSession.objects.filter(user=tm_priya).count() == 1


def test_the_api_ends_a_session_and_not_someone_elses(sw_amara: User, tm_priya: User) -> None:
    office = signed_in("sw.amara")
    laptop = signed_in("sw.amara", "Safari on macOS")
    signed_in("tm.priya")
    priyas = UserSession.objects.get(user=tm_priya)
    assert office.delete(f"/api/v1/me/sessions/{priyas.id}").status_code == 404
    laptops = UserSession.objects.get(user=sw_amara, user_agent="Safari on macOS")
    assert office.delete(f"/api/v1/me/sessions/{laptops.id}").status_code == 204
    assert not is_signed_in(laptop)
    assert office.get("/api/v1/me").status_code == 200
    mine = UserSession.objects.get(user=sw_amara)
    assert office.delete(f"/api/v1/me/sessions/{mine.id}").status_code == 204
    assert office.get("/api/v1/me").status_code == 401


def test_a_leaver_whose_last_membership_ends_today_is_refused_on_the_next_request(
    sw_amara: User, operator: Actor
) -> None:
    client = signed_in("sw.amara")
    api = signed_in("sw.amara", "a script")
    membership_end(actor=operator, membership=Membership.objects.get(user=sw_amara), ends_on=clock.today())
    assert client.get("/home/")["Location"].startswith("/sign-in/")
    assert api.get("/api/v1/me").status_code == 401
    assert not UserSession.objects.filter(user=sw_amara).exists()
    assert last(AuditAction.SESSIONS_ENDED).details["reason"] == "leaver"
    assert sign_in(Client(), "sw.amara").status_code == 403


def test_a_mover_keeps_access_through_another_membership_in_force(
    sw_amara: User, tm_priya: User, operator: Actor
) -> None:
    old = Membership.objects.get(user=sw_amara)
    Membership.objects.create(
        user=sw_amara, organisation=old.organisation, role="team_manager", starts_on=dt.date(2024, 1, 1)
    )
    client = signed_in("sw.amara")
    membership_end(actor=operator, membership=old, ends_on=clock.today())
    assert is_signed_in(client)
    assert client.get("/api/v1/me").json()["role"] == "team_manager"


def test_a_membership_ending_on_a_later_day_grants_access_until_then(sw_amara: User, operator: Actor) -> None:
    client = signed_in("sw.amara")
    last_day = clock.today() + dt.timedelta(days=7)
    membership_end(actor=operator, membership=Membership.objects.get(user=sw_amara), ends_on=last_day)
    assert is_signed_in(client)
    with time_machine.travel(dt.datetime.combine(last_day, dt.time(12), tzinfo=clock.LONDON)):
        assert sign_in(Client(), "sw.amara").status_code == 302
    with time_machine.travel(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(9), tzinfo=clock.LONDON)):
        assert sign_in(Client(), "sw.amara").status_code == 403


def test_a_deactivated_user_is_signed_out_everywhere_at_once(sw_amara: User, operator: Actor) -> None:
    first, second = signed_in("sw.amara"), signed_in("sw.amara", "Safari on macOS")
    user_deactivate(actor=operator, user=sw_amara)
    assert not is_signed_in(first)
    assert not is_signed_in(second)
    assert last(AuditAction.USER_DEACTIVATED).target_id == str(sw_amara.id)


def test_an_operator_closes_an_account_or_signs_someone_out_everywhere(sw_amara: User) -> None:
    client = signed_in("sw.amara")
    out = StringIO()
    call_command("users", "end-sessions", "sw.amara", stdout=out)
    assert "1 session of sw.amara ended" in out.getvalue()
    assert not is_signed_in(client)
    assert last(AuditAction.SESSIONS_ENDED).details["reason"] == "ended_by_operator"

    client = signed_in("sw.amara")
    call_command("users", "deactivate", "sw.amara", stdout=out)
    assert not is_signed_in(client)
    sw_amara.refresh_from_db()
    assert not sw_amara.is_active
