"""Importing feed lines: each line all or nothing, bad lines quarantined with their errors, progress reported.

Lines are committed in batches (a savepoint per line inside each batch), so an
interrupted import loses at most one batch, and running it again completes it:
events already imported come back `unchanged`. With `strict`, the whole file is
one transaction, and a file with any bad line imports and quarantines nothing.
"""

import contextlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.database import planner_statistics_refresh
from macpu.events.models import QuarantinedLine, QuarantineStatus
from macpu.events.rules.feed_format import EventSubmission, FieldError, parse_event, parse_line
from macpu.events.services.recording import EventResult, RecordOutcome, event_record
from macpu.events.services.session import RecordingSession
from macpu.events.signals import tell_after_commit

BATCH_SIZE = 250
PROBLEMS_KEPT = 1000
# An import this large changes the tables enough for the query planner to need fresh statistics.
LARGE_IMPORT = 10_000


@dataclass
class LineProblem:
    line: int
    errors: tuple[FieldError, ...]

    def __str__(self) -> str:
        return "; ".join(f"line {self.line}: {error}" for error in self.errors)


@dataclass
class ImportSummary:
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retracted: int = 0
    quarantined: int = 0
    new_people: int = 0
    probable_duplicates: int = 0
    bad_lines: int = 0
    # The first problems, to report; all of them are in the quarantine (or, with --strict, were refused).
    problems: list[LineProblem] = field(default_factory=list)
    rolled_back: bool = False

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged + self.retracted

    def exit_status(self) -> int:
        """0: every line imported, updated or unchanged; 2: some quarantined; 1: nothing imported."""
        if not self.bad_lines:
            return 0
        return 1 if self.rolled_back or self.imported == 0 else 2

    def add(self, other: "ImportSummary") -> None:
        for name in self.as_dict():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bad_lines += other.bad_lines
        self.problems += other.problems[: max(0, PROBLEMS_KEPT - len(self.problems))]

    def count(self, outcome: RecordOutcome) -> None:
        attribute = str(outcome.result)
        setattr(self, attribute, getattr(self, attribute) + 1)
        self.new_people += outcome.new_people
        self.probable_duplicates += outcome.probable_duplicates

    def as_dict(self) -> dict[str, int]:
        names = (
            "lines",
            "created",
            "updated",
            "unchanged",
            "retracted",
            "quarantined",
            "new_people",
            "probable_duplicates",
        )
        return {name: getattr(self, name) for name in names}


@dataclass(frozen=True)
class Progress:
    done: int
    total: int | None
    seconds: float

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if self.total is None or self.rate == 0:
            return None
        return max(self.total - self.done, 0) / self.rate


class _StrictFailure(Exception):
    """Raised inside the strict import's transaction to undo it."""


def _record_line(
    actor: Actor,
    submission: EventSubmission,
    received_via: str,
    session: RecordingSession,
    *,
    guarded: bool = True,
) -> RecordOutcome:
    """Record one event; `guarded` puts it in a savepoint of its own, so a database refusal loses only this line."""
    if not guarded:
        return event_record(actor=actor, submission=submission, received_via=received_via, session=session)
    for attempt in range(2):
        try:
            with transaction.atomic():
                outcome = event_record(actor=actor, submission=submission, received_via=received_via, session=session)
                if outcome.result == EventResult.REJECTED:
                    raise _Rejected(outcome)
                return outcome
        except _Rejected as rejected:
            session.forget_writes()
            return rejected.outcome
        except DatabaseError as error:
            session.forget_writes()
            if attempt == 0 and _lost_a_race(error):
                # Another writer committed the same person's, source record's or involvement's first row meanwhile
                # (two events about a new child at once), or the database chose this line to break a deadlock:
                # forgotten above, read again, and this time the line finds what the other wrote.
                continue
            return _not_saved(error)
    raise AssertionError("unreachable: the second attempt returns")  # pragma: no cover


# PostgreSQL's deadlock_detected and serialization_failure: the transaction lost to another and may simply be
# run again.
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


def _lost_a_race(error: DatabaseError) -> bool:
    return isinstance(error, IntegrityError) or getattr(error.__cause__, "sqlstate", None) in _RETRYABLE_SQLSTATES


def _not_saved(error: DatabaseError) -> RecordOutcome:
    # Kept with what went wrong rather than lost; the message names the kind of failure, never the data.
    return RecordOutcome(
        EventResult.REJECTED, errors=(FieldError("line", f"could not be saved ({type(error).__name__})"),)
    )


class _Rejected(Exception):
    def __init__(self, outcome: RecordOutcome) -> None:
        super().__init__("rejected")
        self.outcome = outcome


def _first_fields(text: str) -> tuple[str, str]:
    """The org and record id of a bad line where they can be read, to help find it again."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError:
        return "", ""
    if not isinstance(raw, dict):
        return "", ""
    return str(raw.get("org", ""))[:20], str(raw.get("record_id", ""))[:100]


def _quarantine(actor: Actor, source: str, line: int, text: str, errors: tuple[FieldError, ...]) -> None:
    org, record_id = _first_fields(text)
    quarantined = QuarantinedLine.objects.create(
        source=source[:200],
        line_number=line,
        text=text,
        errors=[{"field": e.field, "message": e.message} for e in errors],
        org_code=org,
        record_id=record_id,
        received_by=actor.label,
    )
    trail.record(
        actor=actor,
        action=AuditAction.EVENT_QUARANTINED,
        target_type="quarantined_line",
        target_id=quarantined.id,
        details={"source": source[:200], "line": line, "fields": sorted({e.field for e in errors})},
    )


def _handle(
    actor: Actor,
    number: int,
    text: str,
    parsed: EventSubmission | list[FieldError],
    source: str,
    session: RecordingSession,
    summary: ImportSummary,
    *,
    strict: bool,
    guarded: bool,
) -> None:
    outcome = (
        RecordOutcome(EventResult.REJECTED, errors=tuple(parsed))
        if isinstance(parsed, list)
        else _record_line(actor, parsed, f"{source} line {number}", session, guarded=guarded)
    )
    if outcome.result != EventResult.REJECTED:
        summary.count(outcome)
        return
    summary.bad_lines += 1
    if len(summary.problems) < PROBLEMS_KEPT:
        summary.problems.append(LineProblem(number, outcome.errors))
    if not strict:
        summary.quarantined += 1
        _quarantine(actor, source, number, text, outcome.errors)


def _batches(lines: Iterable[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    batch: list[tuple[int, str]] = []
    for number, text in lines:
        if text.strip():
            batch.append((number, text.rstrip("\r\n")))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batch(
    actor: Actor,
    batch: list[tuple[int, str]],
    source: str,
    session: RecordingSession,
    *,
    strict: bool,
    guarded: bool,
) -> ImportSummary:
    summary = ImportSummary()
    today = clock.today()
    parsed = [parse_line(text, today=today, london=_LONDON) for _, text in batch]
    session.prefetch([p for p in parsed if isinstance(p, EventSubmission)])
    together = contextlib.nullcontext() if guarded else session.together()
    with transaction.atomic(), trail.buffered() if not guarded else contextlib.nullcontext(), together:
        for (number, text), submission in zip(batch, parsed, strict=True):
            _handle(actor, number, text, submission, source, session, summary, strict=strict, guarded=guarded)
            summary.lines += 1
    return summary


def _import_batch(
    actor: Actor, batch: list[tuple[int, str]], source: str, session: RecordingSession, *, strict: bool
) -> ImportSummary:
    """One batch, one transaction: first without a savepoint per line, which is much faster; if the database
    refuses any line, the batch is undone and done again line by line, so one bad line loses only itself."""
    try:
        return _run_batch(actor, batch, source, session, strict=strict, guarded=False)
    except DatabaseError:
        session.forget_writes()
    return _run_batch(actor, batch, source, session, strict=strict, guarded=True)


def feed_import(
    *,
    actor: Actor,
    lines: Iterable[tuple[int, str]],
    source: str,
    strict: bool = False,
    total: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> ImportSummary:
    """Import numbered feed lines. Blank lines are not events and are passed over."""
    summary = ImportSummary()
    session = RecordingSession()
    started = time.monotonic()
    try:
        with transaction.atomic() if strict else contextlib.nullcontext():
            for batch in _batches(lines, BATCH_SIZE):
                summary.add(_import_batch(actor, batch, source, session, strict=strict))
                session.keep_small()
                if progress is not None:
                    progress(Progress(summary.lines, total, time.monotonic() - started))
            if strict and summary.bad_lines:
                raise _StrictFailure
    except _StrictFailure:
        summary.rolled_back = True
    if not summary.rolled_back:
        tell_after_commit(session.changed_children)  # once for each child the import touched
    _audit_summary(actor, source, summary, strict=strict)
    if summary.created >= LARGE_IMPORT:
        planner_statistics_refresh()
    return summary


def _audit_summary(actor: Actor, source: str, summary: ImportSummary, *, strict: bool) -> None:
    with transaction.atomic():
        trail.record(
            actor=actor,
            action=AuditAction.FEED_IMPORTED,
            details={"source": source[:200], "strict": strict, "rolled_back": summary.rolled_back, **summary.as_dict()},
        )


def quarantine_replay(*, actor: Actor, line: QuarantinedLine, corrected_text: str | None = None) -> RecordOutcome:
    """Import a quarantined line again, as it was or corrected; it leaves the quarantine only when it imports."""
    text = corrected_text if corrected_text is not None else line.text
    parsed = parse_line(text, today=clock.today(), london=_LONDON)
    with transaction.atomic():
        if isinstance(parsed, list):
            outcome = RecordOutcome(EventResult.REJECTED, errors=tuple(parsed))
        else:
            session = RecordingSession()
            outcome = _record_line(actor, parsed, f"{line.source} line {line.line_number} (replayed)", session)
            tell_after_commit(session.changed_children)
        if outcome.result == EventResult.REJECTED:
            line.text = text
            line.errors = [{"field": e.field, "message": e.message} for e in outcome.errors]
            line.save(update_fields=["text", "errors", "updated_at"])
        else:
            line.text, line.status = text, QuarantineStatus.REPLAYED
            line.resolved_at, line.resolved_by, line.resolution = clock.now(), actor.label, str(outcome.result)
            line.save(update_fields=["text", "status", "resolved_at", "resolved_by", "resolution", "updated_at"])
        trail.record(
            actor=actor,
            action=AuditAction.QUARANTINE_REPLAYED,
            target_type="quarantined_line",
            target_id=line.id,
            details={"result": str(outcome.result), "corrected": corrected_text is not None},
        )
    return outcome


_LONDON = clock.LONDON


@dataclass(frozen=True)
class SubmissionResult:
    index: int
    record_id: str
    outcome: RecordOutcome


def events_submit(
    *, actor: Actor, payloads: list[object], received_via: str, own_org_code: str
) -> list[SubmissionResult]:
    """Events sent through the API, each all or nothing; a system may send only for its own organisation."""
    session = RecordingSession()
    results: list[SubmissionResult] = []
    with transaction.atomic():
        for index, payload in enumerate(payloads):
            parsed = parse_event(payload, today=clock.today(), london=_LONDON)
            record_id = str(payload.get("record_id", "")) if isinstance(payload, dict) else ""
            if isinstance(parsed, list):
                outcome = RecordOutcome(EventResult.REJECTED, errors=tuple(parsed))
            elif parsed.org != own_org_code:
                error = FieldError("org", f"this system may send events only for its own organisation, {own_org_code}")
                outcome = RecordOutcome(EventResult.REJECTED, errors=(error,))
            else:
                outcome = _record_line(actor, parsed, received_via, session)
            if outcome.result == EventResult.REJECTED:
                _quarantine(
                    actor, received_via, index + 1, json.dumps(payload, ensure_ascii=False, default=str), outcome.errors
                )
            results.append(SubmissionResult(index, record_id, outcome))
        tell_after_commit(session.changed_children)
    return results
