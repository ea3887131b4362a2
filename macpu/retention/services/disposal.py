"""Running the schedule: each child whose record is due and not held is disposed of as a whole, in one transaction
per child, audited with counts and ids only; the run is recorded with its totals. A dry run does exactly the same
work and rolls each child back, so what it reports is what a run would dispose of."""

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.people.models import Person, PersonKind, SourceRecord
from macpu.retention.models import RetentionRun, RunStatus
from macpu.retention.rules.schedule import Decision, Verdict
from macpu.retention.selectors import child_decision, child_decisions
from macpu.retention.services.collect import Collection, collect, delete, named_elsewhere, orphan_collection

Progress = Callable[[int, int], None]
_SAVE_PROGRESS_EVERY = 25


class _Refused(Exception):
    def __init__(self, tables: list[str]) -> None:
        super().__init__(", ".join(tables))
        self.tables = tables


class _DryRun(Exception):
    def __init__(self, result: tuple[set[object], Counter[str]]) -> None:
        super().__init__("rolled back")
        self.result = result


def _dispose_orphans(people: set[Any], sources: set[Any]) -> Counter[str]:
    """Adults and agencies' source records that the disposed record named and nothing else does any more."""
    counts: Counter[str] = Counter()
    for person in Person.objects.filter(id__in=people, kind=PersonKind.ADULT):
        orphan = orphan_collection(person)
        if orphan is not None:
            sources |= named_elsewhere(orphan)[1]
            delete(orphan)
            counts.update(orphan.counts())
    for source in SourceRecord.objects.filter(id__in=sources):
        orphan = orphan_collection(source)
        if orphan is not None:
            delete(orphan)
            counts.update(orphan.counts())
    return counts


def _due(child_id: object, on: dt.date) -> Decision | None:
    decision = child_decision(child_id=child_id, on=on)  # type: ignore[arg-type]
    return decision if decision is not None and decision.verdict == Verdict.DUE else None


def _family(child_id: uuid.UUID, on: dt.date) -> tuple[dict[object, Decision], Collection] | None:
    """The child's record, with the records of other children it shares rows with (a sibling named in its events,
    a household chronology) when they are due too: they go together. Refused when any of them is kept."""
    decision = _due(child_id, on)
    if decision is None:
        return None
    group: dict[object, Decision] = {child_id: decision}
    # Locked: an event arriving for the child meanwhile waits, then finds the child gone.
    collection = collect(Person.objects.select_for_update().get(id=child_id))
    while others := collection.kept_children - set(group):
        for other in others:
            other_decision = _due(other, on)
            if other_decision is None:
                raise _Refused(sorted(collection.shared_with_kept))
            group[other] = other_decision
        collection = collect(*Person.objects.filter(id__in=list(group)))
    if collection.shared_with_kept:
        raise _Refused(sorted(collection.shared_with_kept))
    return group, collection


def _dispose_child(
    *, actor: Actor, child_id: uuid.UUID, on: dt.date, run: RetentionRun
) -> tuple[set[object], Counter[str]] | None:
    """Inside the caller's transaction: read the decision again (a hold may have been placed since), collect the
    whole record, refuse if part of it belongs to a kept record, delete it and audit it for each child it was
    about. None: no longer due (or already disposed of with a sibling)."""
    found = _family(child_id, on)
    if found is None:
        return None
    group, collection = found
    people, sources = named_elsewhere(collection)
    delete(collection)
    counts = Counter(collection.counts()) + _dispose_orphans(people, sources)
    for disposed, decision in group.items():
        trail.record(
            actor=actor,
            action=AuditAction.RETENTION_DISPOSED,
            target_type="person",
            target_id=disposed,  # type: ignore[arg-type]
            child_id=disposed,  # type: ignore[arg-type]
            details={
                "run": str(run.id),
                "record_type": decision.record_type.value,
                "due_on": decision.due_on.isoformat() if decision.due_on else None,
                "disposed_with": sorted(str(other) for other in group if other != disposed),
                "rows": dict(sorted(counts.items())),
            },
        )
    return set(group), counts


@dataclass
class _Totals:
    disposed: int = 0
    refused: int = 0
    held: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    seen: set[object] = field(default_factory=set)  # disposed of (or, in a dry run, counted) with a sibling


def _refuse(actor: Actor, child_id: uuid.UUID, run: RetentionRun, totals: _Totals, details: dict[str, Any]) -> None:
    totals.refused += 1
    if not run.dry_run:
        trail.record_alone(
            actor=actor,
            action=AuditAction.RETENTION_DISPOSAL_REFUSED,
            outcome=Outcome.FAILED,
            target_type="person",
            target_id=child_id,
            child_id=child_id,
            details={"run": str(run.id), **details},
        )


def _one(actor: Actor, child_id: uuid.UUID, on: dt.date, run: RetentionRun, totals: _Totals) -> None:
    if child_id in totals.seen:
        return
    try:
        with transaction.atomic():
            result = _dispose_child(actor=actor, child_id=child_id, on=on, run=run)
            if run.dry_run and result is not None:
                raise _DryRun(result)
    except _DryRun as done:
        result = done.result
    except _Refused as refused:
        _refuse(actor, child_id, run, totals, {"shared_with_kept_records_in": refused.tables})
        return
    except (ProtectedError, IntegrityError) as error:  # a row about the child arrived during its disposal
        _refuse(actor, child_id, run, totals, {"changed_during_disposal": type(error).__name__})
        return
    if result is not None:
        totals.disposed += len(result[0])
        totals.seen |= result[0]
        totals.rows.update(result[1])


def retention_run(
    *, actor: Actor, on: dt.date | None = None, dry_run: bool, progress: Progress | None = None
) -> RetentionRun:
    """Run the schedule as at the day (today by default). Each child is its own transaction: a failure leaves the
    children before it disposed of and audited, and the run marked as stopped."""
    on = on or clock.today()
    decisions = list(child_decisions(on=on))
    due = [row.child_id for row in decisions if row.decision.verdict == Verdict.DUE]
    totals = _Totals(held=sum(1 for row in decisions if row.decision.verdict == Verdict.HELD))
    run = RetentionRun.objects.create(as_of=on, dry_run=dry_run, started_by=actor.label, children_due=len(due))
    try:
        for done, child_id in enumerate(due, start=1):
            _one(actor, child_id, on, run, totals)
            if progress is not None:
                progress(done, len(due))
            if done % _SAVE_PROGRESS_EVERY == 0:
                _save(run, totals, RunStatus.RUNNING)
    except Exception:
        _finish(actor, run, totals, RunStatus.FAILED)
        raise
    return _finish(actor, run, totals, RunStatus.FINISHED)


def _save(run: RetentionRun, totals: _Totals, status: RunStatus) -> None:
    run.children_done, run.children_refused = totals.disposed, totals.refused
    run.counts, run.status = dict(sorted(totals.rows.items())), status
    run.save(update_fields=["children_done", "children_refused", "counts", "status", "finished_at", "updated_at"])


def _finish(actor: Actor, run: RetentionRun, totals: _Totals, status: RunStatus) -> RetentionRun:
    with transaction.atomic():
        run.finished_at = clock.now()
        _save(run, totals, status)
        trail.record(
            actor=actor,
            action=AuditAction.RETENTION_PREVIEWED if run.dry_run else AuditAction.RETENTION_RUN,
            outcome=Outcome.SUCCEEDED if status == RunStatus.FINISHED else Outcome.FAILED,
            target_type="retention_run",
            target_id=run.id,
            details={
                "as_of": run.as_of.isoformat(),
                "children_due": run.children_due,
                "children_disposed": totals.disposed,
                "children_refused": totals.refused,
                "children_held": totals.held,
                "rows": run.counts,
            },
        )
    return run
