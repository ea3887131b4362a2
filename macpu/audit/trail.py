"""The audit trail's only writer: record().

It must run inside the transaction of the work it records, so the work and its
audit entry commit together or not at all.
"""

import contextlib
import contextvars
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from django.db import connection, transaction

from macpu.audit import context
from macpu.audit.actions import AuditAction, Outcome
from macpu.audit.models import AuditEvent
from macpu.audit.rules.chain import GENESIS_HASH, event_hash
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.database import insert_rows

# An arbitrary constant naming the chain's advisory lock on PostgreSQL.
_CHAIN_LOCK_KEY = 7_340_271_009


class AuditOutsideTransaction(RuntimeError):
    """An audit event was written outside the transaction of the work it records."""


def _lock_chain() -> None:
    """Serialise chain appends. SQLite is already serial: macpu opens its transactions IMMEDIATE."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _chain_head() -> tuple[int, str]:
    """The next sequence number and the hash to chain to. Plain SQL: this runs for every audited action."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sequence, hash FROM {AuditEvent._meta.db_table} ORDER BY sequence DESC LIMIT 1")  # noqa: S608  # the table name is the model's own
        last = cursor.fetchone()
    return (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS_HASH)


def _id(value: uuid.UUID | str | None) -> str:
    return "" if value is None else str(value)


class _Buffer:
    """Audit events of one all-or-nothing batch, chained in memory and written in one statement at its end."""

    def __init__(self) -> None:
        self.events: list[AuditEvent] = []


_buffer: contextvars.ContextVar[_Buffer | None] = contextvars.ContextVar("macpu_audit_buffer", default=None)


@contextlib.contextmanager
def buffered() -> Iterator[None]:
    """Inside a transaction that is all or nothing (no savepoint that may be rolled back alone), collect the
    audit events and write them together when the block ends; the chain lock is held throughout, so the
    in-memory head stays the true head. If the block fails, the events go with the work they recorded."""
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("trail.buffered() must run inside transaction.atomic")
    buffer = _Buffer()
    token = _buffer.set(buffer)
    try:
        yield
    finally:
        _buffer.reset(token)
    insert_rows(AuditEvent, buffer.events)


def record(
    *,
    actor: Actor,
    action: AuditAction,
    outcome: Outcome = Outcome.SUCCEEDED,
    target_type: str = "",
    target_id: uuid.UUID | str | None = None,
    child_id: uuid.UUID | str | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log, chained to the event before it."""
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(f"audit.record({action}) must run inside transaction.atomic")
    buffer = _buffer.get()
    if buffer is not None and buffer.events:
        sequence, previous_hash = buffer.events[-1].sequence + 1, buffer.events[-1].hash
    else:
        _lock_chain()
        sequence, previous_hash = _chain_head()
    request = context.current()
    event = AuditEvent(
        sequence=sequence,
        occurred_at=clock.now(),
        action=str(action),
        outcome=str(outcome),
        actor_kind=str(actor.kind),
        actor_label=actor.label,
        actor_user_id=_id(actor.user_id),
        organisation_id=_id(actor.organisation_id),
        role=actor.role,
        purpose=actor.purpose,
        target_type=target_type,
        target_id=_id(target_id),
        child_id=_id(child_id),
        request_id=request.request_id,
        client_ip=request.client_ip,
        details=dict(details or {}),
        previous_hash=previous_hash,
    )
    event.hash = event_hash(previous_hash=previous_hash, content=event.chained_content())
    if buffer is not None:
        buffer.events.append(event)
    else:
        event.save(force_insert=True)
    return event


def record_alone(**kwargs: Any) -> AuditEvent:
    """Record an event that has no other work to join (a refusal, a sign-in) in its own transaction."""
    with transaction.atomic():
        return record(**kwargs)
