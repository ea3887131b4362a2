"""The practice profiles and glossary API: everyone signed in reads; an organisation's own safeguarding lead
publishes its profile (409 on a stale version); the glossary's managers change the glossary; bad input is 400 naming
the field."""

from typing import Any

import pytest

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.organisations.models import Organisation, Team
from macpu.practice.models import GlossaryTerm, PracticeProfileVersion
from macpu.practice.tests.conftest import publish
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db

LEAD = {"name": "Dev Patel", "role": "Designated safeguarding lead", "office_hours": "01632 960300", "out_of_hours": ""}


def _body(version: int = 0, **changes: Any) -> dict[str, Any]:
    day = {"value": 1, "unit": "working_days"}
    body: dict[str, Any] = {
        "version": version,
        "effective_from": "2026-12-01",
        "safeguarding_role": "Keeps pupils safe and refers concerns to the MASH",
        "referral_route": "Call the DSL",
        "threshold_document_title": "Northbridge continuum of need",
        "threshold_document_url": "https://www.northbridge.example/thresholds",
        "escalation_route": "DSL, then the headteacher",
        "leads": [LEAD],
        "consent_practice": "before_referral",
        "consent_explanation": "Seeks consent before a referral unless that would put the child at risk",
        "timescales": {
            "acknowledge_referral": day,
            "report_initial_conference": {"value": 3, "unit": "working_days"},
            "report_review_conference": {"value": 3, "unit": "working_days"},
            "answer_information_request": {"value": 2, "unit": "working_days"},
        },
        "strategy_discussion_attendees": "The DSL",
        "records_held": "Attendance, behaviour and safeguarding records",
        "terms": ["DSL", "was not brought"],
    }
    return body | changes


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-11-27 10:00:00+00:00", tick=False)


def test_a_safeguarding_lead_publishes_and_everyone_reads_the_profile_and_its_versions(
    dsl_dev: User, gp_ben: User, school: Organisation, glossary: int
) -> None:
    # when
    response = signed_in_client(dsl_dev).put(f"/api/v1/practice-profiles/{school.code}", _body(), "application/json")
    # then
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["version"], body["organisation"]["code"], body["team"]) == (1, "123456", None)
    assert body["current"]["terms"] == ["DSL", "was not brought"]
    assert body["current"]["published_by"] == {"name": "Dev Patel", "role": "safeguarding_lead"}
    read = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/{school.id}")
    assert read.status_code == 200
    assert read.json()["current"]["timescales"]["acknowledge_referral"] == {
        "value": 1,
        "unit": "working_days",
    }
    versions = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/{school.code}/versions").json()
    assert [v["number"] for v in versions] == [1]
    listing = signed_in_client(gp_ben).get("/api/v1/practice-profiles").json()
    assert {row["organisation"]["code"]: row["version"] for row in listing} == {"123456": 1, "Y01001": 0}


def test_a_stale_publish_is_409_and_nothing_is_saved(dsl_dev: User, school: Organisation, glossary: int) -> None:
    client = signed_in_client(dsl_dev)
    assert client.put(f"/api/v1/practice-profiles/{school.code}", _body(), "application/json").status_code == 200
    stale = client.put(f"/api/v1/practice-profiles/{school.code}", _body(0), "application/json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 1
    assert PracticeProfileVersion.objects.count() == 1


def test_another_organisations_lead_is_refused_and_a_practitioner_too(
    dsl_dev: User, gp_ben: User, council: Organisation, glossary: int
) -> None:
    assert (
        signed_in_client(dsl_dev)
        .put(f"/api/v1/practice-profiles/{council.code}", _body(), "application/json")
        .status_code
        == 403
    )
    assert (
        signed_in_client(gp_ben)
        .put(f"/api/v1/practice-profiles/{council.code}", _body(), "application/json")
        .status_code
        == 403
    )
    assert not PracticeProfileVersion.objects.exists()


def test_bad_input_is_400_naming_each_field(dsl_dev: User, school: Organisation, glossary: int) -> None:
    bad = _body(
        leads=[],
        consent_practice="sometimes",
        threshold_document_url="",
        timescales={"acknowledge_referral": {"value": -1, "unit": "weeks"}},
    )
    response = signed_in_client(dsl_dev).put(f"/api/v1/practice-profiles/{school.code}", bad, "application/json")
    assert response.status_code == 400
    errors = response.json()
    assert {"leads", "consent_practice", "timescales"} <= set(errors)
    assert set(errors["timescales"]) == {
        "acknowledge_referral",
        "report_initial_conference",
        "report_review_conference",
        "answer_information_request",
    }
    unknown = signed_in_client(dsl_dev).put(
        f"/api/v1/practice-profiles/{school.code}", _body(terms=["Nope"]), "application/json"
    )
    assert unknown.status_code == 400
    assert unknown.json() == {"terms": ["These terms are not in the glossary: Nope"]}


def test_an_unknown_organisation_is_404(gp_ben: User) -> None:
    assert signed_in_client(gp_ben).get("/api/v1/practice-profiles/NO-SUCH").status_code == 404


def test_a_teams_profile_is_published_and_read_under_its_organisation(
    dsl_dev: User, gp_ben: User, school: Organisation, glossary: int
) -> None:
    team = Team.objects.create(organisation=school, name="Nursery")
    url = f"/api/v1/practice-profiles/{school.code}/teams/{team.id}"
    assert signed_in_client(dsl_dev).put(url, _body(), "application/json").status_code == 200
    assert signed_in_client(gp_ben).get(url).json()["team"] == {"id": str(team.id), "name": "Nursery"}
    assert len(signed_in_client(gp_ben).get(f"{url}/versions").json()) == 1
    organisation = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/{school.code}").json()
    assert organisation["version"] == 0
    assert organisation["teams_with_profiles"] == [{"id": str(team.id), "name": "Nursery"}]


def test_compare_marks_the_differences_and_needs_two_known_organisations(
    dsl_dev: User, admin_sam: User, gp_ben: User, school: Organisation, council: Organisation, glossary: int
) -> None:
    from macpu.practice.tests.conftest import SCHOOL_PROFILE, slower

    publish(actor_of(dsl_dev), school)
    publish(actor_of(admin_sam), council, slower(SCHOOL_PROFILE))
    response = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/compare?org={school.code}&org={council.code}")
    assert response.status_code == 200
    body = response.json()
    assert [c["code"] for c in body["columns"]] == ["123456", "873"]
    differing = {row["key"] for row in body["rows"] if row["differs"]}
    assert differing == {
        "acknowledge_referral",
        "report_initial_conference",
        "report_review_conference",
        "answer_information_request",
    }
    one = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/compare?org={school.code}")
    assert one.status_code == 400
    assert "org" in one.json()
    same = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/compare?org={school.code}&org={school.id}")
    assert same.json() == {"org": ["Choose at least two different organisations"]}
    unknown = signed_in_client(gp_ben).get(f"/api/v1/practice-profiles/compare?org={school.code}&org=NOPE")
    assert unknown.status_code == 400
    assert "org" in unknown.json()


def test_the_glossary_is_read_by_all_and_changed_by_its_managers(
    gp_ben: User, analyst_ali: User, glossary: int
) -> None:
    terms = signed_in_client(gp_ben).get("/api/v1/glossary?q=looked").json()
    assert {t["term"] for t in terms} >= {"CLA", "LAC"}
    cla = next(t for t in terms if t["term"] == "CLA")
    assert cla["equivalents"] == ["LAC"]
    new = {
        "term": "PEP",
        "expansion": "personal education plan",
        "meaning": "Part of a looked-after child's care plan.",
        "sectors": ["education", "social_care"],
        "equivalents": ["CLA"],
    }
    assert signed_in_client(gp_ben).post("/api/v1/glossary", new, "application/json").status_code == 403
    created = signed_in_client(analyst_ali).post("/api/v1/glossary", new, "application/json")
    assert created.status_code == 201
    assert created.json()["slug"] == "pep"
    term_url = f"/api/v1/glossary/{created.json()['id']}"
    changed = signed_in_client(analyst_ali).put(
        term_url, new | {"version": 1, "meaning": "Changed."}, "application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    assert signed_in_client(analyst_ali).put(term_url, new | {"version": 1}, "application/json").status_code == 409
    assert signed_in_client(analyst_ali).delete(term_url).status_code == 204
    assert not GlossaryTerm.objects.filter(term="PEP").exists()
    bad = signed_in_client(analyst_ali).post("/api/v1/glossary", {"term": "", "sectors": ["mars"]}, "application/json")
    assert bad.status_code == 400
    assert {"term", "expansion", "meaning", "sectors"} <= set(bad.json())
    assert AuditEvent.objects.filter(action__startswith="practice.glossary_term").count() == 3
