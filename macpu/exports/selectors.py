"""Reads of export jobs: only the person who asked for an export, while they may still see its child, may see it
or download it.

Anyone else is told it does not exist (404), as for any record they may not see, and the attempt is
audited. Downloads are audited in the transaction that reads the file.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from macpu.access.permissions import Permission
from macpu.access.rules.policy import ActorFacts, decide
from macpu.access.selectors import actor_for_user, child_facts
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.exports.models import ExportJob, ExportStatus


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def _refuse(actor: Actor, job_id: uuid.UUID) -> None:
    trail.record_alone(
        actor=actor, action=AuditAction.ACCESS_DENIED, outcome=Outcome.DENIED, target_type="export", target_id=job_id
    )


def _own(actor: Actor, job_id: uuid.UUID) -> ExportJob | None:
    """The actor's own export, while they may still see its child: an export made before an involvement ended or
    emergency access expired is not a way round that (changes take effect at once)."""
    job = ExportJob.objects.defer("content").filter(id=job_id).first()
    if job is None or actor.user_id is None or job.requested_by_id != actor.user_id:
        return None
    facts = ActorFacts(actor.role, actor.organisation_id, actor.user_id)
    return job if decide(facts, Permission.CHILD_VIEW, child_facts(child_id=job.child_id)).allowed else None


def export_job_get(*, actor: Actor, job_id: uuid.UUID) -> ExportJob:
    """The actor's own export (its file not read); NotFound for anyone else's, audited."""
    job = _own(actor, job_id)
    if job is None:
        _refuse(actor, job_id)
        raise NotFound
    return job


def is_downloadable(job: ExportJob) -> bool:
    return job.status == ExportStatus.READY and job.expires_at > clock.now()


def export_job_download(*, actor: Actor, job_id: uuid.UUID) -> ExportFile:
    """The file of the actor's own export while it is kept; audited."""
    with transaction.atomic():
        job = _own(actor, job_id)
        if job is not None and is_downloadable(job):
            content = ExportJob.objects.values_list("content", flat=True).get(id=job.id)
            trail.record(
                actor=actor,
                action=AuditAction.EXPORT_DOWNLOADED,
                target_type="export",
                target_id=job.id,
                child_id=job.child_id,
                details={"kind": job.kind, "format": job.format, "size": job.size},
            )
    if job is None:
        _refuse(actor, job_id)
        raise NotFound
    if not is_downloadable(job):
        raise NotFound
    return ExportFile(job.filename, job.content_type, bytes(content or b""))


def export_job_actor(*, job: ExportJob) -> Actor | None:
    """The requester acting in the role they asked in, as the task acts; None when that role has ended
    (a leaver, or a move) or their account is closed: the task then makes nothing."""
    actor = actor_for_user(user=job.requested_by, membership_id=job.membership_id)
    return actor if actor is not None and actor.membership_id == job.membership_id else None


def export_job_page(job_id: uuid.UUID) -> str:
    """Where the requester follows the job and downloads its file."""
    return reverse("exports:job", args=[job_id])
