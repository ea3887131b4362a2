"""Verify the whole audit log against its hash chain, and against a head kept outside the database."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection

from macpu.audit.models import AuditEvent
from macpu.audit.rules.chain import GENESIS_HASH, ChainBreak, ChainedEvent, ChainReport, verify_chain


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


@dataclass(frozen=True)
class AuditHead:
    """The last event of the log: kept outside the database, it shows whether events were cut off the end."""

    sequence: int
    hash: str

    def __str__(self) -> str:
        return f"{self.sequence}:{self.hash}"


def audit_head() -> AuditHead:
    """The last sequence and hash (0 and the genesis hash for an empty log)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sequence, hash FROM {AuditEvent._meta.db_table} ORDER BY sequence DESC LIMIT 1")  # noqa: S608  # the model's own table
        last = cursor.fetchone()
    return AuditHead(int(last[0]), str(last[1])) if last else AuditHead(0, GENESIS_HASH)


def parse_head(text: str) -> tuple[int | None, str]:
    """`SEQUENCE:HASH` or a bare HASH, as `macpu audit head` prints it; ValueError names what is wrong."""
    sequence_text, _, hash_text = text.strip().rpartition(":")
    hash_text = hash_text.lower()
    if len(hash_text) != 64 or any(c not in "0123456789abcdef" for c in hash_text):
        raise ValueError("the expected head must be a SHA-256 hash of 64 hexadecimal characters, or SEQUENCE:HASH")
    if not sequence_text:
        return None, hash_text
    if not sequence_text.isdigit():
        raise ValueError("the expected head's sequence must be a whole number, as in SEQUENCE:HASH")
    return int(sequence_text), hash_text


def audit_log_verify_against(*, expected_hash: str, expected_sequence: int | None = None) -> ChainReport:
    """Verify the chain, then that the event kept outside (its hash, and sequence if given) is still in it
    with its hash unchanged. Cutting events off the end, which the chain alone cannot show, fails here."""
    report = audit_log_verify()
    if not report.intact:
        return report
    found = AuditEvent.objects.filter(hash=expected_hash).values_list("sequence", flat=True).first()
    if expected_sequence is not None and expected_sequence > 0:
        at_sequence = AuditEvent.objects.filter(sequence=expected_sequence).values_list("hash", flat=True).first()
        if at_sequence is None:
            reason = "is missing: the log ends before it (events were deleted from the end)"
            return ChainReport(report.events_checked, report.head_hash, ChainBreak(expected_sequence, reason))
        if at_sequence != expected_hash:
            reason = "does not have the hash kept outside the database (the log was rewritten)"
            return ChainReport(report.events_checked, report.head_hash, ChainBreak(expected_sequence, reason))
    elif found is None and expected_hash != GENESIS_HASH:
        reason = "the event kept outside the database is missing (events were deleted from the end)"
        return ChainReport(report.events_checked, report.head_hash, ChainBreak(0, reason))
    return report
