"""Reading disagreements: both organisations see them, through access, audited; T10's threshold and notice;
the partnership's counts; the API and the pages."""

import datetime as dt
import uuid

import pytest
import time_machine

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.disagreements.selectors import (
    ShownDisagreement,
    disagreement_counts,
    disagreements_for_organisation,
)
from macpu.disagreements.services import disagreement_escalate, disagreement_raise, disagreement_resolve
from macpu.events.models import Event
from macpu.gaps.models import RuleSetting
from macpu.gaps.services import gaps_evaluate
from macpu.notifications.models import Notification
from macpu.organisations.models import Area, Organisation
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("school_involved")]

WHY = "Second bruise in a month; the school asked for a strategy discussion."
RAISED_ON = dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC)  # a Thursday


def raise_one(dsl_dev: User, child: Person, decision: Event) -> ShownDisagreement:
    with time_machine.travel(RAISED_ON, tick=False):
        return disagreement_raise(
            actor=actor_of(dsl_dev), child_id=child.id, decision_id=decision.id, subject="threshold", about=WHY
        )


def test_both_organisations_list_it_and_no_one_else(
    dsl_dev: User, tm_priya: User, gp_ben: User, child_of_council: Person, decision: Event
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    # when
    school = disagreements_for_organisation(actor=actor_of(dsl_dev))
    council = disagreements_for_organisation(actor=actor_of(tm_priya))
    gp = disagreements_for_organisation(actor=actor_of(gp_ben))
    # then
    assert [s.id for s in school] == [shown.id]
    assert [s.id for s in council] == [shown.id]
    assert gp == []
    listed = AuditEvent.objects.filter(action="disagreements.listed", child_id=child_of_council.id)
    assert listed.count() == 2


def test_open_and_resolved_filters(dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    assert len(disagreements_for_organisation(actor=actor_of(tm_priya), status="open")) == 1
    disagreement_resolve(actor=actor_of(tm_priya), disagreement_id=shown.id, outcome="Joint visit agreed")
    assert disagreements_for_organisation(actor=actor_of(tm_priya), status="open") == []
    [resolved] = disagreements_for_organisation(actor=actor_of(tm_priya), status="resolved")
    assert resolved.outcome is not None
    assert resolved.outcome.text == "Joint visit agreed"


def test_the_due_date_uses_t10_s_working_days_as_the_area_set_them(
    dsl_dev: User, child_of_council: Person, decision: Event, area: Area
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    assert shown.disagreement.due == dt.date(2026, 3, 12)
    RuleSetting.objects.create(area=area, rule="T10", enabled=True, thresholds={"working_days_at_stage": 2})
    [again] = disagreements_for_organisation(actor=actor_of(dsl_dev))
    assert again.disagreement.due == dt.date(2026, 3, 9)
    assert again.disagreement.working_days_at_stage == 2


def test_t10_tells_both_organisations_and_links_its_notice_to_the_disagreement(
    dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event, operator: Actor
) -> None:
    # given: raised on Thursday 5 March, not escalated by Thursday 12 March
    shown = raise_one(dsl_dev, child_of_council, decision)
    # when
    gaps_evaluate(actor=operator, child_ids=[child_of_council.id], as_of=dt.date(2026, 3, 13))
    # then: the school's safeguarding lead and the council's team manager are told, once each, with the page's link
    notices = Notification.objects.filter(child=child_of_council, link=f"/disagreements/{shown.id}/")
    assert sorted(n.recipient_id for n in notices) == sorted([dsl_dev.id, tm_priya.id])
    assert all(n.message.startswith("T10 ") for n in notices)
    [overdue] = disagreements_for_organisation(actor=actor_of(tm_priya))
    with time_machine.travel(dt.datetime(2026, 3, 13, 10, tzinfo=dt.UTC)):
        [overdue] = disagreements_for_organisation(actor=actor_of(tm_priya))
    assert overdue.disagreement.overdue is True
    assert overdue.next_stage_name == "manager"


def test_counts_for_the_partnership_by_stage_status_and_subject(
    dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event, school: Organisation, area: Area
) -> None:
    school.areas.add(area)
    shown = raise_one(dsl_dev, child_of_council, decision)
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC), tick=False):
        disagreement_escalate(actor=actor_of(tm_priya), disagreement_id=shown.id, reason="No discussion held")
    with time_machine.travel(dt.datetime(2026, 4, 1, 10, tzinfo=dt.UTC), tick=False):
        counts = disagreement_counts(area.id, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        elsewhere = disagreement_counts(uuid.uuid4(), dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        before = disagreement_counts(None, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert counts["raised"] == 1
    assert (counts["open"], counts["resolved"], counts["overdue"], counts["escalated"]) == (1, 0, 1, 1)
    assert counts["by_stage"] == {
        "practitioner": {"open": 0, "resolved": 0},
        "manager": {"open": 1, "resolved": 0},
        "senior_manager": {"open": 0, "resolved": 0},
        "partnership": {"open": 0, "resolved": 0},
    }
    assert counts["by_status"] == {"raised": 0, "escalated": 1, "resolved": 0}
    assert counts["by_subject"]["threshold"] == 1  # type: ignore[index]
    assert elsewhere["raised"] == 0
    assert before["raised"] == 0


# --- the API ---------------------------------------------------------------------------------------------------------


def test_api_raise_escalate_resolve_and_read(
    dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event
) -> None:
    with time_machine.travel(RAISED_ON, tick=False):
        raised = signed_in_client(dsl_dev).post(
            f"/api/v1/children/{child_of_council.id}/disagreements",
            {"decision_id": str(decision.id), "subject": "threshold", "about": WHY},
            content_type="application/json",
        )
    assert raised.status_code == 201, raised.content
    body = raised.json()
    assert {k: body[k] for k in ("stage", "status", "due", "next_stage", "subject", "decision_id")} == {
        "stage": "practitioner",
        "status": "raised",
        "due": "2026-03-12",
        "next_stage": "manager",
        "subject": "threshold",
        "decision_id": str(decision.id),
    }
    assert body["raised_by"] == {"code": "123456", "name": "Hillside Primary School"}
    assert body["against"] == {"code": "873", "name": "Northbridge Children's Services"}
    url = f"/api/v1/disagreements/{body['id']}"
    school, council = signed_in_client(dsl_dev), signed_in_client(tm_priya)  # signed in now, after March
    escalated = council.post(f"{url}/escalations", {"reason": "Needs a manager"}, content_type="application/json")
    assert escalated.status_code == 200
    assert escalated.json()["stage"] == "manager"
    resolved = school.post(f"{url}/outcome", {"outcome": "Strategy discussion held"}, content_type="application/json")
    assert resolved.status_code == 200, resolved.content
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["outcome"] == "Strategy discussion held"
    assert [s["status"] for s in council.get(url).json()["steps"]] == ["raised", "escalated", "resolved"]
    assert [d["id"] for d in council.get("/api/v1/disagreements?status=all").json()] == [body["id"]]
    assert council.get("/api/v1/disagreements").json() == []
    assert len(council.get(f"/api/v1/children/{child_of_council.id}/disagreements").json()) == 1


def test_api_bad_input_is_400_naming_the_field(dsl_dev: User, child_of_council: Person, decision: Event) -> None:
    client = signed_in_client(dsl_dev)
    bad = client.post(
        f"/api/v1/children/{child_of_council.id}/disagreements",
        {"decision_id": "nope", "subject": "mood"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) == {"decision_id", "subject", "about"}
    not_a_decision = client.post(
        f"/api/v1/children/{child_of_council.id}/disagreements",
        {"decision_id": str(uuid.uuid4()), "subject": "other", "about": WHY},
        content_type="application/json",
    )
    assert not_a_decision.status_code == 400
    assert list(not_a_decision.json()) == ["decision"]
    assert client.get("/api/v1/disagreements?status=closed").json() == {"status": ['"closed" is not a valid choice.']}


def test_api_refuses_non_parties_and_hides_from_the_uninvolved(
    dsl_dev: User, police_chen: User, child_of_council: Person, decision: Event
) -> None:
    shown = raise_one(dsl_dev, child_of_council, decision)
    police = signed_in_client(police_chen)
    assert police.get(f"/api/v1/disagreements/{shown.id}").status_code == 404
    hidden = police.post(
        f"/api/v1/disagreements/{shown.id}/escalations", {"reason": "x"}, content_type="application/json"
    )
    assert hidden.status_code == 404


# --- the pages -------------------------------------------------------------------------------------------------------


def test_the_child_s_record_links_to_its_disagreements(sw_amara: User, child_of_council: Person) -> None:
    page = signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/").content.decode()
    assert f'href="/children/{child_of_council.id}/disagreements/"' in page


def test_the_raise_form_names_each_missing_answer(dsl_dev: User, child_of_council: Person, decision: Event) -> None:
    client = signed_in_client(dsl_dev)
    url = f"/children/{child_of_council.id}/disagreements/raise/"
    form = client.get(url).content.decode()
    assert "Decision on a referral of 4 March 2026, Northbridge Children&#x27;s Services" in form
    chosen = client.get(f"{url}?decision={decision.id}").content.decode()
    assert f'value="{decision.id}" checked' in chosen
    refused = client.post(url, {})
    page = refused.content.decode()
    assert refused.status_code == 400
    for message in (
        "Select the decision you disagree with",
        "Select what the disagreement is about",
        "Say what you disagree with and why",
    ):
        assert message in page


def test_raise_then_escalate_and_resolve_in_the_pages(
    dsl_dev: User, tm_priya: User, child_of_council: Person, decision: Event
) -> None:
    school, council = signed_in_client(dsl_dev), signed_in_client(tm_priya)
    raised = school.post(
        f"/children/{child_of_council.id}/disagreements/raise/",
        {"decision": str(decision.id), "subject": "threshold", "about": WHY},
    )
    assert raised.status_code == 302
    url = raised["Location"]
    page = council.get(url).content.decode()
    assert "Escalate to manager stage" in page
    assert "Dev Patel (safeguarding lead), Hillside Primary School" in page
    assert WHY in page
    assert "Disagreements" in council.get("/disagreements/").content.decode()
    blank = council.post(f"{url}escalate/", {"reason": ""})
    assert "Say why it needs the next stage" in blank.content.decode()
    assert council.post(f"{url}escalate/", {"reason": "No reply"}).status_code == 302
    assert council.post(f"{url}outcome/", {"outcome": "Agreed a joint visit"}).status_code == 302
    page = school.get(url).content.decode()
    assert "Agreed a joint visit" in page
    assert "Escalate to" not in page
