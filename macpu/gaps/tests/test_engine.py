"""The engine: findings raised once per evidence, closed when they no longer hold, acted on, replayed as at a day."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.events.services.importing import feed_import
from macpu.events.tests.builders import feed_event, record
from macpu.gaps.models import FindingStatus, GapFinding
from macpu.gaps.services import finding_act, gaps_evaluate
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db
D = dt.date


def _not_brought(operator: Actor, child: Person, gp: Organisation, number: int, day: str) -> None:
    subject = {"nhs_number": child.identifiers.get().value, "nhs_number_verified": True}
    details = {"service": "gp", "outcome": "was_not_brought"}
    record(
        operator,
        feed_event(f"APT-{number}", gp.code, "health_appointment", subject=subject, occurred_at=day, details=details),
    )


@pytest.fixture
def twice_not_brought(operator: Actor, child_of_council: Person, gp_practice: Organisation) -> Person:
    _not_brought(operator, child_of_council, gp_practice, 1, "2026-03-02")
    _not_brought(operator, child_of_council, gp_practice, 2, "2026-04-20")
    return child_of_council


def _open(child: Person) -> list[GapFinding]:
    return list(GapFinding.objects.filter(child=child, status=FindingStatus.OPEN))


def test_a_finding_is_raised_once_with_its_evidence_and_audited(operator: Actor, twice_not_brought: Person) -> None:
    summary = gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    assert summary.raised == 1
    [finding] = _open(twice_not_brought)
    assert finding.rule == "T1"
    assert [e["record_id"] for e in finding.evidence] == ["APT-1", "APT-2"]
    assert "Riverside Medical Practice" in finding.explanation
    assert AuditEvent.objects.filter(action="gaps.finding_raised", child_id=twice_not_brought.id).count() == 1
    again = gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 22))
    assert again.raised == 0
    assert len(_open(twice_not_brought)) == 1


def test_replaying_a_day_gives_exactly_the_findings_that_held_then(operator: Actor, twice_not_brought: Person) -> None:
    child = [twice_not_brought.id]
    gaps_evaluate(actor=operator, child_ids=child, as_of=D(2026, 4, 1))  # only the first had happened
    assert _open(twice_not_brought) == []
    gaps_evaluate(actor=operator, child_ids=child, as_of=D(2026, 4, 21))
    assert len(_open(twice_not_brought)) == 1
    closed = gaps_evaluate(actor=operator, child_ids=child, as_of=D(2026, 6, 15))  # 90 days after the first
    assert closed.closed == 1
    assert GapFinding.objects.get(child=twice_not_brought).status == FindingStatus.NO_LONGER_APPLIES
    gaps_evaluate(actor=operator, child_ids=child, as_of=D(2026, 4, 21))  # and back: it holds again
    assert GapFinding.objects.get(child=twice_not_brought).status == FindingStatus.OPEN


def test_an_acknowledged_finding_does_not_fire_again_but_new_evidence_does(
    operator: Actor, twice_not_brought: Person, gp_practice: Organisation, sw_amara: User
) -> None:
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    [finding] = _open(twice_not_brought)
    finding_act(
        actor=actor_of(sw_amara), finding_id=finding.id, status=FindingStatus.ACKNOWLEDGED, reason="GP spoke to mum"
    )
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 22))
    assert _open(twice_not_brought) == []
    _not_brought(operator, twice_not_brought, gp_practice, 3, "2026-05-11")
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 5, 12))
    [new] = _open(twice_not_brought)
    assert len(new.evidence) == 3
    assert AuditEvent.objects.filter(action="gaps.finding_acted", child_id=twice_not_brought.id).exists()


def test_the_command_runs_as_at_a_day_and_lists_findings_as_json(
    twice_not_brought: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("gaps", "run", "--as-of", "2026-04-21", "--quiet")
    assert "open findings (1 new" in capsys.readouterr().out
    call_command("gaps", "list", "--format", "json")
    [row] = json.loads(capsys.readouterr().out)
    assert row["rule"] == "T1"
    assert row["rule_version"] == 1
    assert row["child"]["nhs_number"] == twice_not_brought.identifiers.get().value
    assert row["evidence"] == [{"org": "Y01001", "record_id": "APT-1"}, {"org": "Y01001", "record_id": "APT-2"}]
    assert row["status"] == "open"
    assert row["arose_on"] == "2026-04-20"


def test_new_events_are_evaluated_for_their_children_once_committed(
    operator: Actor, child_of_council: Person, gp_practice: Organisation, django_capture_on_commit_callbacks: object
) -> None:
    subject = {"nhs_number": child_of_council.identifiers.get().value, "nhs_number_verified": True}
    today = clock.today()
    lines = [
        (n, json.dumps(feed_event(f"APT-{n}", gp_practice.code, "health_appointment", subject=subject,
                                  occurred_at=(today - dt.timedelta(days=10 * n)).isoformat(),
                                  details={"service": "gp", "outcome": "was_not_brought"})))
        for n in (1, 2)
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        feed_import(actor=operator, lines=lines, source="test.jsonl")
    [finding] = _open(child_of_council)
    assert finding.rule == "T1"


def test_the_child_s_page_shows_open_findings_and_a_practitioner_responds(
    operator: Actor, twice_not_brought: Person, sw_amara: User
) -> None:
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    client = signed_in_client(sw_amara)
    record_page = client.get(f"/children/{twice_not_brought.id}/").content.decode()
    assert "1 open finding of the gap rules" in record_page
    assert "T1 Was not brought" in record_page
    url = f"/children/{twice_not_brought.id}/findings/"
    [finding] = _open(twice_not_brought)
    missing = client.post(url, {"finding": str(finding.id), "status": "acknowledged"})
    assert missing.status_code == 400
    assert "Say why, or what was done" in missing.content.decode()
    done = client.post(url, {"finding": str(finding.id), "status": "actioned", "reason": "Health visitor to visit"})
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert "Action taken" in page
    assert "Health visitor to visit" in page


def test_the_api_lists_findings_and_takes_a_response(
    operator: Actor, twice_not_brought: Person, sw_amara: User, dsl_dev: User
) -> None:
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    client = signed_in_client(sw_amara)
    [row] = client.get("/api/v1/findings").json()
    assert (row["rule"], row["rule_name"], row["status"]) == ("T1", "Was not brought", "open")
    assert client.get(f"/api/v1/children/{twice_not_brought.id}/findings").json()[0]["id"] == row["id"]
    answer = {"status": "not_applicable", "reason": "The appointments were cancelled by the practice"}
    responded = client.post(f"/api/v1/findings/{row['id']}/responses", answer, content_type="application/json")
    assert responded.json()["status"] == "not_applicable"
    assert client.get("/api/v1/findings").json() == []
    assert len(client.get("/api/v1/findings", {"status": "all"}).json()) == 1
    stranger = signed_in_client(dsl_dev)  # the school is not involved with the child
    assert stranger.get("/api/v1/findings").json() == []
    hidden = stranger.post(f"/api/v1/findings/{row['id']}/responses", answer, content_type="application/json")
    assert hidden.status_code in (403, 404)


def test_the_lead_practitioner_is_told_in_her_tasks_and_the_notice_is_read_on_the_finding(
    operator: Actor, twice_not_brought: Person, sw_amara: User
) -> None:
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    client = signed_in_client(sw_amara)
    home = client.get("/home/").content.decode()
    assert "Possible gap" in home
    assert "T1 was not brought: a possible gap between agencies" in home
    client.get(f"/children/{twice_not_brought.id}/findings/")
    assert "Possible gap" not in client.get("/home/").content.decode()


def test_an_administrator_switches_a_rule_off_and_its_findings_wait(
    operator: Actor, twice_not_brought: Person, admin_sam: User, sw_amara: User, area: object
) -> None:
    admin = signed_in_client(admin_sam)
    rules = admin.get("/api/v1/gap-rules").json()
    assert [r["id"] for r in rules] == [f"T{n}" for n in range(1, 17)]
    assert rules[0]["thresholds"][1] == {
        "name": "was_not_brought",
        "description": "Appointments the child was not brought to, across any health services",
        "default": 2.0,
        "value": 2.0,
    }
    raised = admin.put(
        "/api/v1/gap-rules/T1", {"enabled": True, "thresholds": {"was_not_brought": 3}}, content_type="application/json"
    )
    assert raised.json()["thresholds"][1]["value"] == 3.0
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    assert _open(twice_not_brought) == []  # 2 missed appointments no longer reach the area's threshold
    bad = admin.put(
        "/api/v1/gap-rules/T1", {"enabled": True, "thresholds": {"wnb": 3}}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "T1 has no threshold called wnb" in str(bad.json())
    refused = signed_in_client(sw_amara).put(
        "/api/v1/gap-rules/T1", {"enabled": False}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(action="gaps.rule_changed").count() == 1


def test_the_chronology_marks_the_evidence_of_an_open_finding_until_it_is_acted_on(
    operator: Actor, twice_not_brought: Person, sw_amara: User
) -> None:
    gaps_evaluate(actor=operator, child_ids=[twice_not_brought.id], as_of=D(2026, 4, 21))
    [finding] = _open(twice_not_brought)
    client = signed_in_client(sw_amara)
    page = client.get(f"/children/{twice_not_brought.id}/chronology/").content.decode()
    assert page.count("app-timeline__item--marked") == 2  # the two appointments, not other entries
    assert page.count("Evidence for T1 Was not brought") == 2
    assert f"/children/{twice_not_brought.id}/findings/#finding-{finding.id}" in page
    entries = client.get(f"/api/v1/children/{twice_not_brought.id}/chronology").json()["entries"]
    marked = {entry["record_id"]: entry["marks"] for entry in entries if entry["marks"]}
    assert set(marked) == {"APT-1", "APT-2"}
    assert marked["APT-1"][0]["tag"] == "Possible gap"
    finding_act(actor=actor_of(sw_amara), finding_id=finding.id, status=FindingStatus.ACKNOWLEDGED, reason="Seen")
    after = client.get(f"/children/{twice_not_brought.id}/chronology/").content.decode()
    assert "app-timeline__item--marked" not in after
