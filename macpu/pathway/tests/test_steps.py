"""Recording the steps of a child's pathway: the sequence table, the one write path, the pages and the audit."""

import datetime as dt
import json
from typing import Any

import pytest
from django.core.management import call_command

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.events.models import Event
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.pathway.rules.transitions import Step
from macpu.pathway.selectors.case import child_pathway
from macpu.pathway.services import pathway_step_record
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db


def _record(user: User, child: Person, step: Step, day: str, **details: Any) -> list[Event]:
    action = details.pop("action", "")
    return pathway_step_record(
        actor=actor_of(user), child_id=child.id, step=step, occurred_at=day, details=details, action=action
    )


def _to_strategy_discussion(sw: User, child: Person, school: Organisation) -> None:
    _record(
        sw, child, Step.REFERRAL, "2026-03-02T10:05:00+00:00", referrer_type="professional", referrer_org=school.code
    )
    _record(sw, child, Step.REFERRAL_DECISION, "2026-03-02", outcome="strategy_discussion", rationale="Bruising")


def _core_attendees(*orgs: Organisation) -> dict[str, Any]:
    return {"invited": [o.code for o in orgs], "attendees": [{"org": o.code} for o in orgs]}


def test_each_step_is_an_event_of_the_recording_organisation_answering_the_one_before(
    sw_amara: User, child_of_council: Person, school: Organisation
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    decision = Event.objects.get(child=child_of_council, type="referral_decision")
    referral = Event.objects.get(child=child_of_council, type="referral")
    assert decision.ref_event_id == referral.id
    assert decision.organisation.code == "873"
    assert AuditEvent.objects.filter(action="event.recorded", child_id=child_of_council.id).count() == 2


def test_a_conference_before_any_strategy_discussion_is_refused_and_nothing_is_recorded(
    sw_amara: User, child_of_council: Person, school: Organisation
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    with pytest.raises(InvalidInput) as refused:
        _record(sw_amara, child_of_council, Step.INITIAL_CONFERENCE, "2026-03-10", plan=True, category="neglect")
    assert "Record the strategy discussion first" in str(refused.value)
    assert not Event.objects.filter(child=child_of_council, type__in=["conference", "plan_started"]).exists()


def test_a_strategy_discussion_without_police_and_health_needs_a_reason(
    sw_amara: User, child_of_council: Person, school: Organisation, council: Organisation, police_force: Organisation
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    with pytest.raises(InvalidInput) as refused:
        _record(
            sw_amara,
            child_of_council,
            Step.STRATEGY_DISCUSSION,
            "2026-03-03",
            outcome="section_47",
            **_core_attendees(council, police_force),
        )
    assert refused.value.errors["details.attendees"][0].startswith("No one from health took part")
    _record(
        sw_amara,
        child_of_council,
        Step.STRATEGY_DISCUSSION,
        "2026-03-03",
        outcome="section_47",
        override_reason="The GP could not be reached; the health visitor's record was read out",
        **_core_attendees(council, police_force),
    )
    assert Event.objects.filter(child=child_of_council, type="strategy_discussion").count() == 1


def test_the_journey_to_a_plan_and_its_due_dates(
    sw_amara: User,
    child_of_council: Person,
    school: Organisation,
    council: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    actions = [{"id": "1", "action": "Police checks on the partner", "org": "NBP", "due": "2026-03-05"}]
    attendees = _core_attendees(council, police_force, gp_practice)
    _record(
        sw_amara,
        child_of_council,
        Step.STRATEGY_DISCUSSION,
        "2026-03-03",
        outcome="section_47",
        actions=actions,
        **attendees,
    )
    _record(sw_amara, child_of_council, Step.SECTION_47_OUTCOME, "2026-03-13", outcome="icpc_required")
    events = _record(sw_amara, child_of_council, Step.INITIAL_CONFERENCE, "2026-03-20", plan=True, category="neglect")
    assert [e.type for e in events] == ["conference", "plan_started"]  # the conference's plan starts with it
    assert events[1].details == {"plan_type": "child_protection", "category": "neglect"}

    pathway = child_pathway(actor=actor_of(sw_amara), child_id=child_of_council.id, today=dt.date(2026, 3, 23))
    due = {d.step.kind: d.step.due for d in pathway.due}
    assert due["first_core_group"] == dt.date(2026, 4, 7)  # 10 working days after the conference, Easter out
    assert due["first_review_conference"] == dt.date(2026, 6, 20)  # 3 calendar months
    assert due["action"] == dt.date(2026, 3, 5)
    assert "No lead child protection practitioner" in pathway.problems[0]
    assert AuditEvent.objects.filter(action="pathway.viewed", child_id=child_of_council.id).exists()

    with pytest.raises(InvalidInput, match="already has a child protection plan"):
        _record(sw_amara, child_of_council, Step.INITIAL_CONFERENCE, "2026-03-21", plan=True, category="neglect")
    ended = _record(sw_amara, child_of_council, Step.REVIEW_CONFERENCE, "2026-06-15", plan=False)
    assert [e.type for e in ended] == ["conference", "plan_ended"]
    with pytest.raises(InvalidInput, match="ended already"):
        _record(
            sw_amara, child_of_council, Step.PLAN_ENDED, "2026-06-16", plan_type="child_protection", step_down_to="none"
        )


def test_only_children_s_social_care_or_the_macpu_record_statutory_steps(
    police_chen: User, child_of_council: Person, school: Organisation
) -> None:
    with pytest.raises(NotPermitted):
        _record(police_chen, child_of_council, Step.REFERRAL, "2026-03-02", referrer_type="professional")


def test_an_agency_completes_the_action_it_owns(
    sw_amara: User,
    police_chen: User,
    child_of_council: Person,
    school: Organisation,
    council: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    actions = [{"id": "1", "action": "Police checks on the partner", "org": "NBP", "due": "2026-03-05"}]
    [discussion] = _record(
        sw_amara, child_of_council, Step.STRATEGY_DISCUSSION, "2026-03-03", outcome="section_47", actions=actions,
        **_core_attendees(council, police_force, gp_practice),
    )  # fmt: skip
    # Given an action, the police are involved with the child and can read the record to do it.
    [done] = _record(police_chen, child_of_council, Step.ACTION_COMPLETED, "2026-03-04", action=f"{discussion.id}:1")
    assert done.details == {"action_id": "1"}
    assert done.ref_event_id == discussion.id
    pathway = child_pathway(actor=actor_of(sw_amara), child_id=child_of_council.id)
    assert "action" not in {d.step.kind for d in pathway.due}


def test_the_pathway_page_shows_what_is_due_and_the_next_steps(
    sw_amara: User, child_of_council: Person, school: Organisation
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    page = signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/pathway/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hold the strategy discussion decided on 2 March 2026" in text
    assert "Overdue" in text
    assert f"/children/{child_of_council.id}/pathway/strategy-discussion/" in text
    assert "initial-conference/" not in text  # not yet: no strategy discussion


def _date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_the_decision_form_records_and_a_date_before_the_referral_is_refused(
    sw_amara: User, child_of_council: Person, school: Organisation
) -> None:
    client = signed_in_client(sw_amara)
    _record(sw_amara, child_of_council, Step.REFERRAL, "2026-03-02T10:05:00+00:00", referrer_type="family")
    url = f"/children/{child_of_council.id}/pathway/referral-decision/"
    answers = {
        "outcome": "assessment",
        "immediate_risk": "no",
        "manager_reviewed": "yes",
        "malicious": "no",
        "rationale": "Needs assessing",
    }
    early = client.post(url, {**answers, **_date_fields("occurred_on", dt.date(2026, 3, 1))})
    assert early.status_code == 400
    assert "The date must be on or after 2 March 2026, when the referral was received." in early.content.decode()
    assert not Event.objects.filter(type="referral_decision").exists()
    done = client.post(url, {**answers, **_date_fields("occurred_on", dt.date(2026, 3, 2))})
    assert done.status_code == 302
    assert Event.objects.get(type="referral_decision").details["outcome"] == "assessment"


def test_a_conference_is_checked_before_it_is_recorded(
    sw_amara: User,
    child_of_council: Person,
    school: Organisation,
    council: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    attendees = _core_attendees(council, police_force, gp_practice)
    _record(sw_amara, child_of_council, Step.STRATEGY_DISCUSSION, "2026-03-03", outcome="section_47", **attendees)
    client = signed_in_client(sw_amara)
    url = f"/children/{child_of_council.id}/pathway/initial-conference/"
    answers = {"chair_name": "Jo Bright", "plan": "yes", **_date_fields("occurred_on", dt.date(2026, 3, 20))}
    missing = client.post(url, answers)
    assert "Select the category of the plan" in missing.content.decode()
    to_check = client.post(url, {**answers, "category": "neglect"})
    assert to_check.status_code == 302
    assert to_check["Location"].endswith("/initial-conference/check/")
    check = client.get(to_check["Location"])
    assert "Check your answers before recording" in check.content.decode()
    assert "Neglect" in check.content.decode()
    assert not Event.objects.filter(type="conference").exists()  # nothing until it is confirmed
    recorded = client.post(to_check["Location"])
    assert recorded.status_code == 302
    assert Event.objects.get(type="conference").details["kind"] == "initial"
    assert Event.objects.filter(type="plan_started").count() == 1


def test_the_api_records_a_step_and_reads_the_pathway(
    sw_amara: User, child_of_council: Person, school: Organisation
) -> None:
    client = signed_in_client(sw_amara)
    url = f"/api/v1/children/{child_of_council.id}/pathway"
    referral = {"step": "referral", "occurred_at": "2026-03-02", "details": {"referrer_type": "family"}}
    created = client.post(f"{url}/steps", referral, content_type="application/json")
    assert created.status_code == 201
    assert created.json()[0]["type"] == "referral"
    refused = client.post(
        f"{url}/steps",
        {"step": "initial_conference", "occurred_at": "2026-03-03", "details": {"plan": False}},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "Record the strategy discussion first" in str(refused.json())
    bad = client.post(
        f"{url}/steps",
        {"step": "referral_decision", "occurred_at": "2026-03-02", "details": {"outcome": "maybe"}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "details.outcome" in str(bad.json())
    read = client.get(url).json()
    assert read["case_open"] is True
    assert [d["step"] for d in read["due"]] == ["referral_decision"]
    assert read["history"][0]["title"] == "Referral from a family"


def test_the_timescales_command_prints_each_open_step_as_json(
    sw_amara: User, child_of_council: Person, school: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    call_command("timescales", str(child_of_council.id), "--format", "json")
    steps = json.loads(capsys.readouterr().out)
    assert {s["step"] for s in steps} == {"referrer_feedback", "strategy_discussion", "assessment"}
    today = clock.today().isoformat()
    assert {s["state"] for s in steps if s["due"] < today} <= {"overdue"}
    assert AuditEvent.objects.filter(action="pathway.viewed", role="operator").exists()


def test_an_assessment_completed_late_needs_its_reason(sw_amara: User, child_of_council: Person) -> None:
    _record(sw_amara, child_of_council, Step.REFERRAL, "2026-03-02", referrer_type="family")
    _record(sw_amara, child_of_council, Step.REFERRAL_DECISION, "2026-03-02", outcome="assessment", rationale="-")
    with pytest.raises(InvalidInput) as refused:
        _record(sw_amara, child_of_council, Step.ASSESSMENT_COMPLETED, "2026-05-11", outcome="early_help")
    assert refused.value.errors["details.late_reason"] == [
        "The assessment was due by 7 May 2026, 45 working days from the referral: say why it took longer"
    ]
    _record(
        sw_amara,
        child_of_council,
        Step.ASSESSMENT_COMPLETED,
        "2026-05-11",
        outcome="early_help",
        late_reason="The family were away for three weeks",
    )
    assert Event.objects.get(type="assessment_completed").details["late_reason"].startswith("The family")


def test_the_strategy_discussion_form_records_each_attendee_s_role(
    sw_amara: User,
    child_of_council: Person,
    school: Organisation,
    council: Organisation,
    police_force: Organisation,
    macpu_team: Organisation,
) -> None:
    _to_strategy_discussion(sw_amara, child_of_council, school)
    icb = Organisation.objects.create(
        code="NB-ICB", name="Northbridge ICB", type="integrated_care_board", sector="health"
    )
    client = signed_in_client(sw_amara)
    url = f"/children/{child_of_council.id}/pathway/strategy-discussion/"
    form = client.get(url).content.decode()
    assert 'data-aria-controls="conditional-id_attended_' in form  # each organisation reveals its role
    answers = {
        **_date_fields("occurred_on", dt.date(2026, 3, 3)),
        "time": "11:00",
        "chair_name": "Sam Ortiz",
        "chair_role": "team manager",
        "invited": [council.code, police_force.code, icb.code],
        "attended": [council.code, police_force.code, icb.code],
        f"role_{police_force.code}": "detective constable",
        f"role_{icb.code}": "designated nurse",
        "outcome": "section_47",
        "reasons": "Unexplained bruising",
        "joint_investigation": "yes",
    }
    to_check = client.post(url, answers)
    assert to_check.status_code == 302
    assert client.post(to_check["Location"]).status_code == 302
    attendees = Event.objects.get(type="strategy_discussion").details["attendees"]
    assert {"org": police_force.code, "role": "detective constable"} in attendees
    assert {"org": icb.code, "role": "designated nurse"} in attendees


def test_a_baby_born_on_an_unborn_plan_prompts_for_the_plan_and_nhs_number(
    sw_amara: User, operator: Actor, child_of_council: Person
) -> None:
    # The council's case system sent the unborn plan; the child is now born (R32).
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    plan = feed_event(
        "LCS-PLAN-1", "873", "plan_started", subject=subject, details={"plan_type": "unborn_child_protection"}
    )
    record(operator, plan)
    pathway = child_pathway(actor=actor_of(sw_amara), child_id=child_of_council.id)
    assert any(problem.startswith("The baby has been born") for problem in pathway.problems)
