"""Break-glass: an uninvolved practitioner signs in again, says why, and sees one child's record for a few hours;
the child's leads are told at once; an IG officer reviews every use; it expires."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from macpu.access.models import BreakGlassGrant, User
from macpu.access.roles import Role
from macpu.audit.models import AuditEvent
from macpu.core import clock
from macpu.notifications.models import Notification
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


@pytest.fixture
def ig_irene(macpu_team: Organisation) -> User:
    user = UserFactory(username="ig.irene", first_name="Irene", last_name="Cole")
    MembershipFactory(user=user, organisation=macpu_team, role=Role.INFORMATION_GOVERNANCE_OFFICER.value)
    return user


def _open(client: Client, child: Person, reason: str = "Brought to ED at 2am with burns; carer evasive") -> Any:
    """Ask; sign in again when asked to (not if done in the last few minutes); the final page."""
    url = f"/children/{child.id}/emergency-access/"
    asked = client.post(url, {"reason_category": "emergency_care", "reason": reason})
    if asked.status_code == 302 and "/account/confirm/" in asked["Location"]:
        return client.post(asked["Location"], {"password": PASSWORD}, follow=True)
    return client.get(asked["Location"], follow=True) if asked.status_code == 302 else asked


def test_an_uninvolved_practitioner_opens_one_record_in_an_emergency_and_the_leads_are_told(
    child_of_council: Person, gp_ben: User, sw_amara: User, tm_priya: User
) -> None:
    gp = signed_in_client(gp_ben)
    assert gp.get(f"/children/{child_of_council.id}/").status_code == 404
    search = gp.post("/children/search/", {"nhs_number": child_of_council.identifiers.get().value})
    assert f"/children/{child_of_council.id}/emergency-access/" in search.content.decode()
    asked = gp.post(
        f"/children/{child_of_council.id}/emergency-access/", {"reason_category": "other", "reason": "x" * 20}
    )
    assert "/account/confirm/" in asked["Location"]  # sign in again first
    page = _open(gp, child_of_council)
    assert page.redirect_chain[-1][0] == f"/children/{child_of_council.id}/"
    assert "You have emergency access to this record until" in page.content.decode()
    assert gp.get(f"/children/{child_of_council.id}/chronology/").status_code == 200
    [told] = Notification.objects.filter(kind="break_glass")
    assert told.recipient == sw_amara  # the lead practitioner (the council's involvement has no safeguarding lead)
    opened = AuditEvent.objects.get(action="access.break_glass")
    assert opened.purpose.startswith("Emergency access (emergency medical or unscheduled care): Brought to ED")
    log = signed_in_client(sw_amara).get(f"/api/v1/children/{child_of_council.id}/access-log").json()["entries"]
    assert any(e["what"] == "used emergency access (break-glass)" and "Brought to ED" in e["purpose"] for e in log)


def test_access_ends_when_it_expires_and_a_short_reason_is_refused(child_of_council: Person, gp_ben: User) -> None:
    gp = signed_in_client(gp_ben)
    refused = _open(gp, child_of_council, reason="x")
    assert "Say what the emergency is" in refused.content.decode()
    assert not BreakGlassGrant.objects.exists()
    _open(gp, child_of_council)
    [grant] = BreakGlassGrant.objects.all()
    assert grant.expires_at - grant.started_at == dt.timedelta(hours=4)
    assert gp.get(f"/children/{child_of_council.id}/").status_code == 200
    BreakGlassGrant.objects.update(expires_at=clock.now() - dt.timedelta(seconds=1))  # its hours are up
    assert gp.get(f"/children/{child_of_council.id}/").status_code == 404


def test_an_ig_officer_reviews_every_use(child_of_council: Person, gp_ben: User, ig_irene: User) -> None:
    _open(signed_in_client(gp_ben), child_of_council)
    officer = signed_in_client(ig_irene)
    page = officer.get("/emergency-access/reviews/").content.decode()
    assert "Brought to ED at 2am" in page
    assert child_of_council.full_name in page
    [waiting] = officer.get("/api/v1/emergency-access/reviews").json()
    missing = officer.post("/emergency-access/reviews/", {"grant": waiting["id"], "outcome": "appropriate"})
    assert missing.status_code == 400
    done = officer.post(
        f"/api/v1/emergency-access/{waiting['id']}/review",
        {"outcome": "appropriate", "note": "ED record confirms the attendance"},
        content_type="application/json",
    )
    assert done.json()["reviewed_by"] == "Irene Cole"
    assert officer.get("/api/v1/emergency-access/reviews").json() == []
    assert AuditEvent.objects.filter(action="access.break_glass_reviewed").count() == 1
    assert signed_in_client(gp_ben).get("/emergency-access/reviews/").status_code == 403


def test_someone_whose_organisation_is_involved_opens_the_record_as_usual(
    child_of_council: Person, tm_priya: User
) -> None:
    page = _open(signed_in_client(tm_priya), child_of_council)
    assert "Your organisation is involved with this child: open the record as usual" in page.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_the_api_asks_for_a_recent_sign_in_and_non_case_roles_may_not(
    child_of_council: Person, gp_ben: User, ig_irene: User
) -> None:
    body = {"reason_category": "missing_child", "reason": "Reported missing overnight; police searching"}
    url = f"/api/v1/children/{child_of_council.id}/emergency-access"
    assert signed_in_client(gp_ben).post(url, body, content_type="application/json").status_code == 403
    assert signed_in_client(ig_irene).post(url, body, content_type="application/json").status_code == 403
