import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from macpu.audit import trail, triggers
from macpu.audit.actions import AuditAction
from macpu.audit.models import AuditEvent
from macpu.audit.trail import AuditOutsideTransaction
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor

pytestmark = pytest.mark.django_db
OPERATOR = Actor.operator("test-operator")


def record_three() -> list[AuditEvent]:
    return [trail.record_alone(actor=OPERATOR, action=AuditAction.CHILD_VIEWED, child_id=None) for _ in range(3)]


def test_events_are_chained_in_sequence_from_genesis() -> None:
    first, second, third = record_three()
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert first.previous_hash == "0" * 64
    assert (second.previous_hash, third.previous_hash) == (first.hash, second.hash)
    assert audit_log_verify().intact


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused() -> None:
    with pytest.raises(AuditOutsideTransaction):
        trail.record(actor=OPERATOR, action=AuditAction.CHILD_VIEWED)


def test_an_event_rolls_back_with_the_work_it_records() -> None:
    def work_that_fails() -> None:
        with transaction.atomic():
            trail.record(actor=OPERATOR, action=AuditAction.PERSON_CREATED)
            raise RuntimeError("the work failed")

    with pytest.raises(RuntimeError):
        work_that_fails()
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"])
def test_the_database_refuses_to_change_or_delete_audit_rows(statement: str) -> None:
    record_three()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 3


def tamper(statement: str) -> None:
    """What an attacker with the database owner's rights could do: lift the triggers, change a row."""
    triggers.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        triggers.install(connection)


def test_verify_command_passes_an_intact_log(capsys: pytest.CaptureFixture[str]) -> None:
    record_three()
    call_command("audit", "verify")
    assert "audit log intact: 3 events" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (
            "UPDATE audit_auditevent SET actor_label = 'someone-else' WHERE sequence = 2",
            "event #2: content was altered",
        ),
        ("DELETE FROM audit_auditevent WHERE sequence = 2", "event #3: does not follow the event before it"),
        (
            "UPDATE audit_auditevent SET occurred_at = occurred_at WHERE sequence = 1; UPDATE audit_auditevent SET details = '{\"x\": 1}' WHERE sequence = 3",
            "event #3: content was altered",
        ),
    ],
)
def test_verify_command_fails_naming_the_first_bad_event(statement: str, message: str) -> None:
    record_three()
    for part in statement.split("; "):
        tamper(part)
    with pytest.raises(CommandError, match=message):
        call_command("audit", "verify")


def test_verify_command_detects_reordered_events() -> None:
    record_three()
    tamper("UPDATE audit_auditevent SET sequence = 99 WHERE sequence = 1")
    tamper("UPDATE audit_auditevent SET sequence = 1 WHERE sequence = 2")
    tamper("UPDATE audit_auditevent SET sequence = 2 WHERE sequence = 99")
    with pytest.raises(CommandError, match="event #1"):
        call_command("audit", "verify")


def test_verify_command_is_itself_audited_as_the_operator() -> None:
    call_command("audit", "verify")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_kind, event.outcome) == ("audit.verified", "operator", "succeeded")
