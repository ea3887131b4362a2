"""The audit trail's only writer: record().

It must run inside the transaction of the work it records, so the work and its
audit entry commit together or not at all.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from django.db import connection, transaction

from macpu.audit import context
from macpu.audit.actions import AuditAction, Outcome
from macpu.audit.models import AuditEvent
from macpu.audit.rules.chain import GENESIS_HASH, event_hash
from macpu.core import clock
from macpu.core.actor import Actor

# An arbitrary constant naming the chain's advisory lock on PostgreSQL.
_CHAIN_LOCK_KEY = 7_340_271_009


class AuditOutsideTransaction(RuntimeError):
    """An audit event was written outside the transaction of the work it records."""


def _lock_chain() -> None:
    """Serialise chain appends. SQLite is already serial: macpu opens its transactions IMMEDIATE."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _id(value: uuid.UUID | str | None) -> str:
    return "" if value is None else str(value)


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
    _lock_chain()
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, previous_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
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
    event.save(force_insert=True)
    return event


def record_alone(**kwargs: Any) -> AuditEvent:
    """Record an event that has no other work to join (a refusal, a sign-in) in its own transaction."""
    with transaction.atomic():
        return record(**kwargs)
