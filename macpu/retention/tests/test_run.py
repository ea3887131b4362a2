"""Running the schedule on a dated set of children: exactly the due records go, whole, audited; holds stop it."""

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.events.models import Event, EventPerson
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person, PersonKind
from macpu.people.rules.identifiers import synthetic_nhs_number
from macpu.retention.models import LegalHold, RetentionRun
from macpu.retention.selectors import retention_preview
from macpu.retention.services.disposal import retention_run
from macpu.retention.services.schedule import hold_place, hold_release

pytestmark = pytest.mark.django_db

TOM = {
    "given_name": "Tom",
    "family_name": "Fenwick",
    "date_of_birth": "2000-01-01",
    "sex": "male",
    "postcode": "NB2 1AB",
    "nhs_number": synthetic_nhs_number(41_000),
    "nhs_number_verified": True,
}
DEAN = {"given_name": "Dean", "family_name": "Marsh", "date_of_birth": "1978-07-14", "role": "parent_partner"}
# Tom's record (concerns only) is due on the later of his 25th birthday and 6 years after it was last recorded
# (November 2026): in November 2032. Maisie, born in 2019, is kept until her 25th birthday in 2044.
DUE_DAY = dt.date(2035, 1, 1)


def _counts() -> dict[str, int]:
    skip = {"audit.AuditEvent", "retention.RetentionRun"}
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.label not in skip and m._meta.app_label not in {"sessions", "contenttypes", "admin"}
    }


@pytest.fixture
def world(operator: Actor, school: Organisation, police_force: Organisation) -> dict[str, Any]:
    record(operator, feed_event("CPOMS-1", school.code, subject=dict(MAISIE)))
    record(operator, feed_event("CPOMS-T1", school.code, subject=dict(TOM)))
    record(
        operator,
        feed_event(
            "NBP-1",
            police_force.code,
            "police_incident",
            subject=dict(TOM),
            people=[dict(DEAN)],
            details={"domestic_abuse": True, "child_present": True, "crime_against_child": False},
        ),
    )
    tom = Person.objects.get(given_name="Tom")
    maisie = Person.objects.get(given_name="Maisie")
    return {"tom": tom, "maisie": maisie}


def test_preview_counts_children_by_record_type_and_verdict(world: dict[str, Any]) -> None:
    preview = retention_preview(on=DUE_DAY)
    assert preview.children == {"child_concern": {"due": 1, "kept": 1}}
    assert retention_preview(on=dt.date(2026, 11, 26)).children == {"child_concern": {"kept": 2}}


def test_a_dry_run_changes_nothing_and_reports_what_would_go(world: dict[str, Any], operator: Actor) -> None:
    before = _counts()
    run = retention_run(actor=operator, on=DUE_DAY, dry_run=True)
    assert _counts() == before
    assert (run.dry_run, run.children_due, run.children_done) == (True, 1, 1)
    assert run.counts["people.Person"] == 2  # Tom, and Dean who is named nowhere else
    assert run.counts["events.Event"] == 2
    assert not AuditEvent.objects.filter(action="retention.disposed").exists()
    assert AuditEvent.objects.filter(action="retention.previewed").count() == 1
    assert audit_log_verify().intact


def test_a_run_disposes_of_exactly_the_due_record_whole_and_audits_it(world: dict[str, Any], operator: Actor) -> None:
    tom, maisie = world["tom"], world["maisie"]
    maisie_events = set(Event.objects.filter(child=maisie).values_list("id", flat=True))
    before = _counts()
    run = retention_run(actor=operator, on=DUE_DAY, dry_run=False)
    after = _counts()
    assert not Person.objects.filter(id=tom.id).exists()
    assert not Person.objects.filter(given_name="Dean").exists()
    assert set(Event.objects.values_list("id", flat=True)) == maisie_events
    assert Person.objects.filter(id=maisie.id, kind=PersonKind.CHILD).exists()
    # What went is exactly what the run reports, table by table, and nothing else changed.
    gone = {label: before[label] - after[label] for label in before if before[label] != after[label]}
    assert gone == run.counts
    assert not EventPerson.objects.exists()
    disposed = AuditEvent.objects.get(action="retention.disposed")
    assert (disposed.child_id, disposed.target_id) == (str(tom.id), str(tom.id))
    text = str(disposed.details)
    assert "Tom" not in text
    assert "Fenwick" not in text
    assert "Marsh" not in text
    assert disposed.details["rows"] == run.counts
    summary = AuditEvent.objects.get(action="retention.run")
    assert summary.details["children_disposed"] == 1
    assert audit_log_verify().intact


def test_a_hold_in_force_stops_disposal_until_it_is_released(world: dict[str, Any], operator: Actor) -> None:
    tom = world["tom"]
    hold = hold_place(actor=operator, child_id=tom.id, reason="practice_review", description="CSPR 2034/7")
    assert retention_preview(on=DUE_DAY).children == {"child_concern": {"held": 1, "kept": 1}}
    run = retention_run(actor=operator, on=DUE_DAY, dry_run=False)
    assert run.children_done == 0
    assert Person.objects.filter(id=tom.id).exists()
    hold_release(actor=operator, hold_id=hold.id, reason="Review published")
    retention_run(actor=operator, on=DUE_DAY, dry_run=False)
    assert not Person.objects.filter(id=tom.id).exists()
    assert not LegalHold.objects.exists()  # the released hold went with the record; the audit log keeps its ids
    actions = list(AuditEvent.objects.filter(action__startswith="retention.").values_list("action", flat=True))
    assert actions[:2] == ["retention.hold_placed", "retention.run"]
    assert "retention.hold_released" in actions
    assert "retention.disposed" in actions


def test_a_hold_that_has_ended_no_longer_stops_disposal(world: dict[str, Any], operator: Actor) -> None:
    hold_place(
        actor=operator,
        child_id=world["tom"].id,
        reason="court",
        description="Case NB34C00123",
        starts_on=dt.date(2030, 1, 1),
        ends_on=dt.date(2034, 12, 31),
    )
    assert retention_preview(on=DUE_DAY).children == {"child_concern": {"due": 1, "kept": 1}}


def test_a_record_shared_with_a_kept_record_is_refused_and_the_refusal_audited(
    world: dict[str, Any], operator: Actor
) -> None:
    tom, maisie = world["tom"], world["maisie"]
    # Tom is named in one of Maisie's events: his record waits until hers goes too.
    EventPerson.objects.create(event=Event.objects.get(child=maisie), person=tom, role="sibling")
    run = retention_run(actor=operator, on=DUE_DAY, dry_run=False)
    assert (run.children_done, run.children_refused) == (0, 1)
    assert Person.objects.filter(id=tom.id).exists()
    refused = AuditEvent.objects.get(action="retention.disposal_refused")
    assert refused.details["shared_with_kept_records_in"] == ["events.EventPerson"]
    # When Maisie's record is due as well, the two go together.
    run = retention_run(actor=operator, on=dt.date(2050, 1, 1), dry_run=False)
    assert run.children_done == 2
    assert not Person.objects.filter(kind=PersonKind.CHILD).exists()
    assert AuditEvent.objects.filter(action="retention.disposed").count() == 2
    assert audit_log_verify().intact


def test_the_command_previews_and_runs(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("retention", "run", "--dry-run", "--as-of", "2035-01-01")
    out = capsys.readouterr().out
    assert "child_concern: due 1, kept 1" in out
    assert "1 children's records would be disposed of (dry run: nothing changed)" in out
    assert "Tom" not in out
    assert "Fenwick" not in out
    assert Person.objects.filter(given_name="Tom").exists()
    call_command("retention", "run", "--as-of", "2035-01-01")
    assert "1 children's records disposed of" in capsys.readouterr().out
    assert not Person.objects.filter(given_name="Tom").exists()
    assert RetentionRun.objects.count() == 2


def test_the_command_places_lists_and_releases_holds(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    tom = world["tom"]
    call_command("retention", "holds", "add", str(tom.id), "--reason", "court", "--description", "NB34C00123")
    hold = LegalHold.objects.get()
    call_command("retention", "holds", "list")
    assert f"{hold.id}  child {tom.id}  court" in capsys.readouterr().out
    call_command("retention", "holds", "release", str(hold.id), "--reason", "Proceedings ended")
    assert f"hold {hold.id} released" in capsys.readouterr().out
    call_command("retention", "holds", "list")
    assert str(hold.id) not in capsys.readouterr().out
