"""The information governance officer's pages and API: allowed to them, refused to a social worker."""

import datetime as dt

import pytest
from django.test import Client

from macpu.access.models import User
from macpu.access.roles import Role
from macpu.audit.models import AuditEvent
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.retention.models import LegalHold, RetentionPeriod
from tests.builders import make_child, signed_in_client
from tests.factories import AreaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ig_iris(macpu_team: Organisation) -> User:
    user = UserFactory(username="ig.iris", first_name="Iris", last_name="Cole")
    MembershipFactory(user=user, organisation=macpu_team, role=Role.INFORMATION_GOVERNANCE_OFFICER.value)
    return user


@pytest.fixture
def ig(ig_iris: User) -> Client:
    AreaFactory()  # the deployment's only area: its periods can be set
    return signed_in_client(ig_iris)


@pytest.fixture
def child(operator: object, council: Organisation) -> Person:
    return make_child(operator, council, born=dt.date(2001, 5, 4))  # type: ignore[arg-type]


PAGES = ["/retention/", "/retention/periods/child_protection/", "/retention/holds/new/"]
APIS = ["/api/v1/retention/schedule", "/api/v1/retention/holds", "/api/v1/retention/preview", "/api/v1/retention/runs"]


@pytest.mark.parametrize("url", PAGES + APIS)
def test_an_information_governance_officer_may_use_each_page_and_endpoint(ig: Client, url: str) -> None:
    assert ig.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES + APIS)
def test_a_social_worker_is_refused(sw_amara: User, url: str) -> None:
    assert signed_in_client(sw_amara).get(url).status_code in {403, 404}


def test_the_overview_shows_counts_and_never_a_name(ig: Client, child: Person) -> None:
    page = ig.get("/retention/").content.decode()
    assert "Retention schedule" in page
    assert "If the disposal ran today" in page
    assert child.family_name not in page
    assert child.given_name not in page


def test_placing_and_releasing_a_hold_in_the_browser(ig: Client, child: Person) -> None:
    response = ig.post(
        "/retention/holds/new/",
        {"child": str(child.id), "reason": "court", "description": "Case NB26C00991"},
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.child_id, hold.placed_by, hold.ends_on) == (child.id, "ig.iris", None)
    page = ig.get("/retention/").content.decode()
    assert str(child.id) in page
    assert "Case NB26C00991" in page
    refused = ig.post(f"/retention/holds/{hold.id}/release/", {"release_reason": ""})
    assert refused.status_code == 400
    assert "Enter why the hold is released" in refused.content.decode()
    assert ig.post(f"/retention/holds/{hold.id}/release/", {"release_reason": "Proceedings ended"}).status_code == 302
    hold.refresh_from_db()
    assert hold.released_on is not None
    assert hold.released_by == "ig.iris"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"retention.hold_placed", "retention.hold_released"} <= actions


def test_a_hold_form_names_each_problem_and_saves_nothing(ig: Client) -> None:
    response = ig.post("/retention/holds/new/", {"child": "4857773456", "reason": "", "description": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select why the record must be kept" in page
    assert "Enter the review, case or request the hold is for" in page
    assert not LegalHold.objects.exists()
    response = ig.post("/retention/holds/new/", {"child": "not-a-child", "reason": "court", "description": "X1"})
    assert "No child has this NHS number or macpu id" in response.content.decode()


def test_setting_a_period_in_the_browser_and_back_to_the_default(ig: Client) -> None:
    url = "/retention/periods/child_concern/"
    assert ig.post(url, {"until_age": "30", "years_after_last": "10"}).status_code == 302
    assert RetentionPeriod.objects.get().until_age == 30
    refused = ig.post(url, {"until_age": "12", "years_after_last": "x"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Enter the years as a whole number" in page
    assert ig.post(url, {"until_age": "25", "years_after_last": "6"}).status_code == 302
    assert not RetentionPeriod.objects.exists()  # the default's values: the area follows the default again
    assert AuditEvent.objects.filter(action="retention.period_changed").count() == 2


def test_the_api_sets_periods_places_and_releases_holds_and_previews(ig: Client, child: Person) -> None:
    response = ig.put(
        "/api/v1/retention/schedule/child_concern",
        {"until_age": 17, "years_after_last": 6},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["until_age"]
    response = ig.put(
        "/api/v1/retention/schedule/child_concern",
        {"until_age": 30, "years_after_last": 6},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["until_age"] == 30
    assert (
        ig.put(
            "/api/v1/retention/schedule/nonsense",
            {"until_age": 30, "years_after_last": 6},
            content_type="application/json",
        ).status_code
        == 404
    )
    response = ig.post(
        "/api/v1/retention/holds",
        {"child": str(child.id), "reason": "practice_review", "description": "CSPR 26/3"},
        content_type="application/json",
    )
    assert response.status_code == 201
    hold_id = response.json()["id"]
    assert [h["id"] for h in ig.get("/api/v1/retention/holds").json()] == [hold_id]
    preview = ig.get("/api/v1/retention/preview?as_of=2040-01-01").json()
    assert preview == {"as_of": "2040-01-01", "children": {"child_concern": {"held": 1}}}
    assert ig.get("/api/v1/retention/preview?as_of=someday").status_code == 400
    released = ig.post(
        f"/api/v1/retention/holds/{hold_id}/release", {"release_reason": "Published"}, content_type="application/json"
    )
    assert released.status_code == 200
    assert released.json()["released_by"] == "ig.iris"
    assert ig.get("/api/v1/retention/holds").json() == []
    assert len(ig.get("/api/v1/retention/holds?all=true").json()) == 1
