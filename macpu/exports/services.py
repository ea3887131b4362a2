"""Writes of export jobs: asked for, started, progressed, completed (the requester is told) or failed, expired.

A job is asked for in a request and made by a task (`run`, given by the app that knows how to make it),
which starts once the job is committed. Progress is written outside any long transaction, so the
requester's page can read it while the task works.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotPermitted
from macpu.exports.models import ExportJob, ExportStatus
from macpu.exports.selectors import export_job_page
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import Outgoing, notifications_done, notifications_send

KEPT_FOR = dt.timedelta(hours=24)
_SYSTEM = Actor.system("exports")


def export_job_create(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    kind: str,
    format: str,
    description: str,
    parameters: dict[str, Any],
    run: Callable[[uuid.UUID], None],
) -> ExportJob:
    """Ask for an export as the actor, in the role they act in; `run(job_id)` starts its task after commit."""
    if actor.user_id is None or actor.membership_id is None:
        raise NotPermitted("Only a person acting in a role can ask for an export.")
    with transaction.atomic():
        job = ExportJob.objects.create(
            requested_by_id=actor.user_id,
            membership_id=actor.membership_id,
            child_id=child_id,
            kind=kind,
            format=format,
            description=description[:500],
            parameters=parameters,
            expires_at=clock.now() + KEPT_FOR,
        )
        trail.record(
            actor=actor,
            action=AuditAction.EXPORT_REQUESTED,
            target_type="export",
            target_id=job.id,
            child_id=child_id,
            details={"kind": kind, "format": format},
        )
        transaction.on_commit(lambda: run(job.id))
    return job


def export_job_start(*, job_id: uuid.UUID) -> ExportJob | None:
    """Mark a waiting job as being made, and return it; None if it is not waiting (run twice, or gone)."""
    started = ExportJob.objects.filter(id=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, updated_at=clock.now()
    )
    return ExportJob.objects.defer("content").get(id=job_id) if started else None


def export_job_progress(*, job_id: uuid.UUID, done: int, total: int) -> None:
    ExportJob.objects.filter(id=job_id, status=ExportStatus.RUNNING).update(
        done=min(done, total), total=total, updated_at=clock.now()
    )


def export_job_complete(*, job_id: uuid.UUID, content: bytes, filename: str, content_type: str) -> None:
    """Keep the file for a day from now and tell the requester it is ready."""
    now = clock.now()
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().defer("content").get(id=job_id)
        job.content, job.filename, job.content_type, job.size = content, filename, content_type, len(content)
        job.status, job.finished_at, job.expires_at = ExportStatus.READY, now, now + KEPT_FOR
        job.done = job.total = max(job.total, 1)
        job.save()
        notifications_send(
            [
                Outgoing(
                    recipient_ids=[job.requested_by_id],
                    kind=NotificationKind.EXPORT_READY,
                    message=f"Your {job.format.upper()} export is ready. It is kept for 24 hours.",
                    child_id=job.child_id,
                    link=export_job_page(job.id),
                )
            ]
        )


def export_job_fail(*, job_id: uuid.UUID, message: str, reason: str) -> None:
    """The job could not be made: `message` tells the requester what to do; `reason` (a code, no personal
    data) is audited."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().defer("content").get(id=job_id)
        job.status, job.message, job.finished_at = ExportStatus.FAILED, message[:300], clock.now()
        job.save(update_fields=["status", "message", "finished_at", "updated_at"])
        trail.record(
            actor=_SYSTEM,
            action=AuditAction.EXPORT_FAILED,
            outcome=Outcome.FAILED,
            target_type="export",
            target_id=job.id,
            child_id=job.child_id,
            details={"reason": reason},
        )


def export_jobs_expire() -> int:
    """Remove the files of exports past their day, and the notices pointing to them. Returns how many."""
    expired = 0
    for job in ExportJob.objects.filter(status=ExportStatus.READY, expires_at__lte=clock.now()).defer("content"):
        with transaction.atomic():
            ExportJob.objects.filter(id=job.id).update(
                status=ExportStatus.EXPIRED, content=None, updated_at=clock.now()
            )
            notifications_done(recipient_id=job.requested_by_id, link=export_job_page(job.id))
            trail.record(
                actor=_SYSTEM,
                action=AuditAction.EXPORT_EXPIRED,
                target_type="export",
                target_id=job.id,
                child_id=job.child_id,
            )
        expired += 1
    return expired


# A running job tells its progress every few seconds; one silent this long lost its worker (stopped or killed).
STALLED_AFTER = dt.timedelta(minutes=10)


def export_jobs_stalled_fail() -> int:
    """Fail the jobs whose worker stopped while making them, so that their requester can ask again. Returns how
    many."""
    stalled = ExportJob.objects.filter(status=ExportStatus.RUNNING, updated_at__lte=clock.now() - STALLED_AFTER)
    ids = list(stalled.values_list("id", flat=True))
    for job_id in ids:
        export_job_fail(
            job_id=job_id,
            message="It stopped before it was finished, because the service was interrupted. Ask for it again.",
            reason="stalled",
        )
    return len(ids)
