"""The chronology as a PDF, made in the request when it is short and by a background task when it is long.

Either way the entries are read through `chronology_entries` as the person who asked, in the role they
asked in, so need to know is applied as it stands when the PDF is made, and the export is audited then
(`chronology.exported`, format pdf). A background export is an `exports.ExportJob`: its page shows its
progress, and the requester is told in their tasks when it is ready.
"""

import uuid
from collections.abc import Callable
from urllib.parse import urlencode

import structlog
from django.conf import settings
from django.urls import reverse
from django_tasks import task

from macpu.chronology.pdf import Progress, Subject, Viewer, chronology_pdf
from macpu.chronology.rules.filters import ChronologyFilter, described
from macpu.chronology.rules.query import filter_from_query
from macpu.chronology.selectors import chronology_entries, chronology_page
from macpu.chronology.selectors.saved import VersionSummary
from macpu.chronology.selectors.versions import chronology_version
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound
from macpu.exports.models import ExportJob
from macpu.exports.selectors import export_job_actor
from macpu.exports.services import (
    export_job_complete,
    export_job_create,
    export_job_fail,
    export_job_progress,
    export_job_start,
    export_jobs_expire,
    export_jobs_stalled_fail,
)

log = structlog.get_logger(__name__)

KIND = "chronology"
PDF = "application/pdf"


def pdf_filename(child_id: uuid.UUID) -> str:
    return f"chronology-{child_id}-{clock.now().astimezone(clock.LONDON):%Y-%m-%d-%H%M}.pdf"


def chronology_pdf_size(*, actor: Actor, child_id: uuid.UUID, filters: ChronologyFilter) -> int:
    """How many entries the export would hold (a view of the chronology's count, audited as one)."""
    return chronology_page(actor=actor, child_id=child_id, filters=filters, page_size=1).total


def chronology_pdf_made(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    filters: ChronologyFilter,
    description: str = "",
    expected: int = 0,
    progress: Progress | None = None,
    version_id: uuid.UUID | None = None,
) -> bytes:
    """The PDF of the child's chronology (or of its saved version `version_id`) as the actor may see it, audited
    as an export. NotFound when the actor may not see the child. `description` defaults to the filters in words,
    or the version's name and date."""
    if version_id is not None:
        version = chronology_version(actor=actor, child_id=child_id, version_id=version_id, export="pdf")
        child, entries = version.child, iter(version.entries)
        description = description or version_description(version.version)
    else:
        child, entries = chronology_entries(actor=actor, child_id=child_id, filters=filters, export="pdf")
    return chronology_pdf(
        subject=Subject.of(child),
        entries=entries,
        viewer=Viewer.of(actor),
        description=description or described(filters),
        expected=expected,
        progress=progress,
    )


def chronology_pdf_in_background(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    filters: ChronologyFilter,
    expected: int,
    description: str = "",
    version: VersionSummary | None = None,
) -> ExportJob:
    """Ask for the PDF (of the view, or of a saved version) to be made by a task; the job's page follows it, and
    leads back to the view or the version."""
    if version is not None:
        return_to = reverse("chronology:version", args=[child_id, version.id])
        description = description or version_description(version)
    else:
        return_to = f"{reverse('chronology:timeline', args=[child_id])}?{urlencode(filters.as_query())}"
    parameters = {"filters": filters.as_query(), "expected": expected, "return_to": return_to}
    return export_job_create(
        actor=actor,
        child_id=child_id,
        kind=KIND,
        format="pdf",
        description=description or described(filters),
        parameters={**parameters, "version": str(version.id)} if version is not None else parameters,
        run=_enqueue,
    )


def version_description(version: VersionSummary) -> str:
    saved = version.saved_at.astimezone(clock.LONDON)
    return (
        f"The saved version “{version.name}”, as saved on {saved.day} {saved:%B %Y} by {version.author_name}, "
        f"{version.organisation}"
    )


def inline_limit() -> int:
    """Up to this many entries, the PDF is made in the request (measured: about 3 seconds)."""
    return int(settings.MACPU_PDF_INLINE_MAX_ENTRIES)


@task()
def make_chronology_pdf(job_id: str) -> None:
    """Make a waiting chronology PDF job, telling its progress; a failure is told to the requester."""
    export_jobs_expire()
    export_jobs_stalled_fail()
    job = export_job_start(job_id=uuid.UUID(job_id))
    if job is None:
        return
    actor = export_job_actor(job=job)
    if actor is None:
        _fail(job, "role_ended", "The role you asked in has ended, so it was not made. Ask again in your current role.")
        return
    try:
        content = chronology_pdf_made(
            actor=actor,
            child_id=job.child_id,
            filters=filter_from_query(job.parameters.get("filters", [])),
            description=job.description,
            expected=int(job.parameters.get("expected", 0)),
            progress=_progress_of(job.id),
            version_id=uuid.UUID(job.parameters["version"]) if job.parameters.get("version") else None,
        )
    except NotFound:
        _fail(job, "not_visible", "You can no longer see this child's record, so it was not made.")
        return
    except Exception as error:  # anything else: the requester is told; the log gets the error's kind only, as its
        # message or traceback could quote an entry
        log.error("export_failed", job_id=str(job.id), error=type(error).__name__)
        _fail(
            job,
            "error",
            f"Something went wrong. Try again; if it fails again, tell your administrator: export {job.id}.",
        )
        return
    export_job_complete(job_id=job.id, content=content, filename=pdf_filename(job.child_id), content_type=PDF)
    log.info("export_ready", job_id=str(job.id), size=len(content))


def _enqueue(job_id: uuid.UUID) -> None:
    make_chronology_pdf.enqueue(str(job_id))


def _progress_of(job_id: uuid.UUID) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        export_job_progress(job_id=job_id, done=done, total=total)

    return progress


def _fail(job: ExportJob, reason: str, message: str) -> None:
    export_job_fail(job_id=job.id, message=message, reason=reason)
    log.warning("export_not_made", job_id=str(job.id), reason=reason)
