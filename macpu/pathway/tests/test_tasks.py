"""Task lists for a person and an organisation, and the reminders sent before, on and after a due date."""

import datetime as dt

import pytest
from django.core.management import call_command

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.notifications.models import Notification
from macpu.organisations.models import Organisation
from macpu.pathway.rules.transitions import Step
from macpu.pathway.selectors.tasks import TaskScope, tasks_due_from
from macpu.pathway.services import pathway_reminders_send, pathway_step_record
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussed(
    sw_amara: User,
    child_of_council: Person,
    school: Organisation,
    council: Organisation,
    police_force: Organisation,
    gp_practice: Organisation,
) -> Person:
    """A referral, a decision, a strategy discussion giving the police an action, all on 2 and 3 March 2026."""
    actor, child = actor_of(sw_amara), child_of_council

    def record(step: Step, day: str, **details: object) -> None:
        pathway_step_record(actor=actor, child_id=child.id, step=step, occurred_at=day, details=details)

    record(Step.REFERRAL, "2026-03-02", referrer_type="professional", referrer_org=school.code)
    record(Step.REFERRAL_DECISION, "2026-03-02", outcome="strategy_discussion")
    orgs = [council.code, police_force.code, gp_practice.code]
    actions = [{"id": "1", "action": "Police checks on the partner", "org": police_force.code, "due": "2026-03-05"}]
    record(
        Step.STRATEGY_DISCUSSION,
        "2026-03-03",
        outcome="section_47",
        invited=orgs,
        attendees=[{"org": code} for code in orgs],
        actions=actions,
    )
    return child


def test_each_organisation_sees_what_is_due_from_it(discussed: Person, sw_amara: User, police_chen: User) -> None:
    council_tasks = tasks_due_from(actor=actor_of(sw_amara), scope=TaskScope.ORGANISATION, today=dt.date(2026, 3, 4))
    assert {t.due.step.kind for t in council_tasks} == {
        "referrer_feedback",
        "strategy_record_distribution",
        "initial_conference",
        "assessment",
        "conference_report",
    }
    police_tasks = tasks_due_from(actor=actor_of(police_chen), scope=TaskScope.ORGANISATION, today=dt.date(2026, 3, 4))
    assert [(t.due.step.kind, t.due.step.title) for t in police_tasks] == [
        ("action", "Police checks on the partner"),
        ("conference_report", "Send a report for the initial conference due 24 March 2026"),
    ]
    assert AuditEvent.objects.filter(action="pathway.tasks_listed", child_id=discussed.id).count() == 2


def test_my_tasks_are_those_of_the_children_in_my_network(discussed: Person, sw_amara: User, tm_priya: User) -> None:
    assert tasks_due_from(actor=actor_of(sw_amara), scope=TaskScope.MINE)  # the lead practitioner
    assert tasks_due_from(actor=actor_of(tm_priya), scope=TaskScope.MINE) == []  # not in the child's network
    assert tasks_due_from(actor=actor_of(tm_priya), scope=TaskScope.ORGANISATION)


def test_the_task_page_and_api(discussed: Person, police_chen: User) -> None:
    client = signed_in_client(police_chen)
    page = client.get("/tasks/?scope=organisation")
    assert page.status_code == 200
    assert "Police checks on the partner" in page.content.decode()
    api = client.get("/api/v1/tasks", {"scope": "organisation"}).json()
    assert api[0]["due"]["title"] == "Police checks on the partner"
    assert api[0]["due"]["state"] == "overdue"  # read on today's date: 5 March 2026 has passed


def test_reminders_go_before_on_and_after_the_due_date_once_each(
    discussed: Person, sw_amara: User, tm_priya: User, police_chen: User, dsl_dev: User
) -> None:
    operator = actor_of(tm_priya)
    first = pathway_reminders_send(actor=operator, today=dt.date(2026, 3, 3))
    assert first.reminders > 0
    police_notices = Notification.objects.filter(kind="pathway_reminder", message__contains="Police checks")
    # No police officer is in the child's network and the police have no safeguarding lead here: counted, not lost.
    assert not police_notices.exists()
    assert first.without_recipient >= 1
    lead = Notification.objects.filter(recipient=sw_amara, kind="pathway_reminder")
    record_sent = "Send the record of the strategy discussion"
    assert lead.filter(message__startswith=f"Due soon: {record_sent}").count() == 1
    assert pathway_reminders_send(actor=operator, today=dt.date(2026, 3, 3)).reminders == 0  # nothing twice
    pathway_reminders_send(actor=operator, today=dt.date(2026, 3, 4))
    assert lead.filter(message__startswith=f"Due today: {record_sent}").count() == 1
    pathway_reminders_send(actor=operator, today=dt.date(2026, 3, 5))
    pathway_reminders_send(actor=operator, today=dt.date(2026, 3, 6))
    assert lead.filter(message__startswith=f"Overdue: {record_sent}").count() == 1  # once, not every day
    assert not Notification.objects.filter(recipient=tm_priya, kind="pathway_reminder").exists()  # the lead has it
    assert AuditEvent.objects.filter(action="pathway.reminders_sent", child_id=discussed.id).exists()


def test_the_remind_command_reports_what_it_sent(discussed: Person, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("pathway", "remind", "--date", "2026-03-04")
    out = capsys.readouterr().out
    assert out.startswith("Sent ")
    assert "steps have nobody to remind" in out


def test_a_referring_school_follows_its_referral(discussed: Person, dsl_dev: User) -> None:
    # The school made the referral in the fixture; macpu's form made it involved, so its lead sees the child too.
    client = signed_in_client(dsl_dev)
    page = client.get("/referrals/")
    assert page.status_code == 200
    text = page.content.decode()
    assert discussed.full_name in text
    assert "A strategy discussion" in text  # the decision
    assert "Not yet" in text  # the school has not been told
    made = client.get("/api/v1/referrals/made").json()
    assert made[0]["outcome"] == "strategy_discussion"
    assert made[0]["told_on"] is None
    assert AuditEvent.objects.filter(action="pathway.referrals_followed", child_id=discussed.id).exists()


def test_an_organisation_that_made_no_referral_sees_none(discussed: Person, police_chen: User) -> None:
    assert signed_in_client(police_chen).get("/api/v1/referrals/made").json() == []
