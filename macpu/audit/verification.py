"""Verify the whole audit log against its hash chain."""

from collections.abc import Iterator

from macpu.audit.models import AuditEvent
from macpu.audit.rules.chain import ChainedEvent, ChainReport, verify_chain


def _stored_events(batch_size: int = 5000) -> Iterator[ChainedEvent]:
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        yield ChainedEvent(
            sequence=event.sequence,
            previous_hash=event.previous_hash,
            hash=event.hash,
            content=event.chained_content(),
        )


def audit_log_verify() -> ChainReport:
    """Check every stored event in order; the report names the first that breaks the chain."""
    return verify_chain(_stored_events())
