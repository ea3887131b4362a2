"""Any single-row tampering (an edit, a deletion, an insertion, a reordering) with a stored chain is found by `macpu audit verify` (security target B4).

Each example builds a chain in the real database, keeps its head outside as `macpu audit head` prints it,
lifts the append-only triggers as an attacker with the owner's rights could, changes one row and checks that
verification names a break. Everything an example does is rolled back before the next."""

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macpu.audit import trail, triggers
from macpu.audit.actions import AuditAction
from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_head, audit_log_verify, audit_log_verify_against
from macpu.core.actor import Actor

pytestmark = pytest.mark.django_db

_EDITS = {
    "action": "UPDATE audit_auditevent SET action = 'child.viewed.x' WHERE sequence = %s",
    "actor_label": "UPDATE audit_auditevent SET actor_label = actor_label || 'x' WHERE sequence = %s",
    "child_id": "UPDATE audit_auditevent SET child_id = 'another-child' WHERE sequence = %s",
    "details": "UPDATE audit_auditevent SET details = '{\"tampered\": true}' WHERE sequence = %s",
    "occurred_at": "UPDATE audit_auditevent SET occurred_at = '2001-01-01 00:00:00+00:00' WHERE sequence = %s",
    "outcome": "UPDATE audit_auditevent SET outcome = 'denied' WHERE sequence = %s",
    "previous_hash": "UPDATE audit_auditevent SET previous_hash = %s WHERE sequence = %s",
    "hash": "UPDATE audit_auditevent SET hash = %s WHERE sequence = %s",
}


class _Undo(Exception):
    """Raised at the end of each example so that everything it did is rolled back."""


def _sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _tamper(kind: str, row: int, other: int, field: str, length: int) -> None:
    triggers.remove(connection)
    if kind == "edit":
        params: list[Any] = ["f" * 64, row] if field in {"previous_hash", "hash"} else [row]
        _sql(_EDITS[field], params)
    elif kind == "delete":
        _sql("DELETE FROM audit_auditevent WHERE sequence = %s", [row])
    elif kind == "insert":  # a copy of a row replayed as a new last event
        columns = ", ".join(str(f.column) for f in AuditEvent._meta.concrete_fields if f.column != "sequence")
        _sql(
            f"INSERT INTO audit_auditevent (sequence, {columns}) "  # noqa: S608  # the model's own columns
            f"SELECT %s, {columns} FROM audit_auditevent WHERE sequence = %s",
            [length + 1, row],
        )
    elif kind == "reorder":
        first, second = sorted({row, other if other != row else (row % length) + 1})
        for source, target in ((first, 999_999), (second, first), (999_999, second)):
            _sql("UPDATE audit_auditevent SET sequence = %s WHERE sequence = %s", [target, source])
    triggers.install(connection)


mutations = st.tuples(
    st.integers(min_value=2, max_value=6),
    st.sampled_from(["edit", "delete", "insert", "reorder"]),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=6),
    st.sampled_from(sorted(_EDITS)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutations)
def test_every_single_row_tampering_is_detected(mutation: tuple[int, str, int, int, str]) -> None:
    length, kind, row, other, field = mutation
    row, other = min(row, length), min(other, length)
    try:
        with transaction.atomic():
            for n in range(length):
                trail.record(actor=_operator(), action=AuditAction.CHILD_VIEWED, details={"n": n})
            head = audit_head()
            assert audit_log_verify_against(expected_hash=head.hash, expected_sequence=head.sequence).intact
            _tamper(kind, row, other, field, length)
            against_head = audit_log_verify_against(expected_hash=head.hash, expected_sequence=head.sequence)
            assert not against_head.intact, mutation
            if not (kind == "delete" and row == length):  # the chain alone cannot see the last row go
                assert not audit_log_verify().intact, mutation
            raise _Undo
    except _Undo:
        pass


def _operator() -> Actor:
    return Actor.operator("tamper-test")


def test_head_prints_sequence_and_hash(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("audit", "head")
    assert capsys.readouterr().out.strip() == f"0:{'0' * 64}"
    with transaction.atomic():
        event = trail.record(actor=_operator(), action=AuditAction.CHILD_VIEWED)
    call_command("audit", "head")
    assert capsys.readouterr().out.strip() == f"1:{event.hash}"


def test_verify_with_the_head_kept_outside_finds_the_last_event_deleted() -> None:
    with transaction.atomic():
        for _ in range(3):
            trail.record(actor=_operator(), action=AuditAction.CHILD_VIEWED)
    head = audit_head()
    call_command("audit", "verify", "--expect-head", str(head))
    _tamper("delete", 4, 0, "", 0)  # the verify above appended event 4
    _tamper("delete", 3, 0, "", 0)
    assert audit_log_verify().intact  # the chain alone still looks whole ...
    with pytest.raises(CommandError, match="event #3: is missing"):  # ... the head kept outside does not
        call_command("audit", "verify", "--expect-head", str(head))
    with pytest.raises(CommandError, match="missing"):  # nor does its bare hash
        call_command("audit", "verify", "--expect-head", head.hash)
    # Later events take the deleted sequence numbers: the head kept outside shows the log was rewritten.
    with pytest.raises(CommandError, match="event #3: does not have the hash kept outside"):
        call_command("audit", "verify", "--expect-head", str(head))


def test_verify_refuses_a_malformed_head() -> None:
    with pytest.raises(CommandError, match="--expect-head: the expected head must be a SHA-256 hash"):
        call_command("audit", "verify", "--expect-head", "not-a-hash")
