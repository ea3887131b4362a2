"""Export jobs: progress, completion with a notice, failure told to the requester, expiry after a day, and the
real database queue run by its worker."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.tasks import chronology_pdf_in_background, make_chronology_pdf
from macpu.core.errors import NotFound
from macpu.exports.models import ExportJob, ExportStatus
from macpu.exports.selectors import export_job_download, export_job_get
from macpu.exports.services import (
    export_job_complete,
    export_job_create,
    export_job_fail,
    export_job_progress,
    export_job_start,
    export_jobs_expire,
    export_jobs_stalled_fail,
)
from macpu.notifications.models import Notification
from macpu.people.models import Person
from tests.builders import actor_of

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def asked(user: User, child: Person) -> ExportJob:
    return export_job_create(
        actor=actor_of(user),
        child_id=child.id,
        kind="chronology",
        format="pdf",
        description="The whole chronology",
        parameters={},
        run=lambda job_id: None,
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_job_is_told_how_far_it_has_got_then_kept_for_a_day_with_a_notice(
    child_of_council: Person, sw_amara: User
) -> None:
    job = asked(sw_amara, child_of_council)
    assert (job.status, job.expires_at) == (ExportStatus.QUEUED, NOW + dt.timedelta(hours=24))
    assert export_job_start(job_id=job.id) is not None
    assert export_job_start(job_id=job.id) is None  # a job runs once
    export_job_progress(job_id=job.id, done=40, total=100)
    assert export_job_get(actor=actor_of(sw_amara), job_id=job.id).percent_done == 40
    with time_machine.travel(NOW + dt.timedelta(minutes=2), tick=False):
        export_job_complete(job_id=job.id, content=b"%PDF-1.7 ...", filename="c.pdf", content_type="application/pdf")
    ready = export_job_get(actor=actor_of(sw_amara), job_id=job.id)
    assert (ready.status, ready.done, ready.total, ready.size) == (ExportStatus.READY, 100, 100, 12)
    assert ready.expires_at == NOW + dt.timedelta(hours=24, minutes=2)
    notice = Notification.objects.get(recipient=sw_amara)
    assert (notice.message, notice.link) == (
        "Your PDF export is ready. It is kept for 24 hours.",
        f"/exports/{job.id}/",
    )


@pytest.mark.django_db
def test_a_failure_is_told_to_the_requester_and_audited_without_personal_data(
    child_of_council: Person, sw_amara: User
) -> None:
    job = asked(sw_amara, child_of_council)
    export_job_start(job_id=job.id)
    export_job_fail(job_id=job.id, message="You can no longer see this child's record.", reason="not_visible")
    failed = export_job_get(actor=actor_of(sw_amara), job_id=job.id)
    assert (failed.status, failed.message) == (ExportStatus.FAILED, "You can no longer see this child's record.")
    audited = AuditEvent.objects.get(action="export.failed")
    assert (audited.target_id, audited.details, audited.outcome) == (str(job.id), {"reason": "not_visible"}, "failed")
    with pytest.raises(NotFound):
        export_job_download(actor=actor_of(sw_amara), job_id=job.id)


@pytest.mark.django_db
def test_files_are_removed_after_24_hours_and_their_notice_is_done(child_of_council: Person, sw_amara: User) -> None:
    with time_machine.travel(NOW, tick=False):
        job = asked(sw_amara, child_of_council)
        export_job_start(job_id=job.id)
        export_job_complete(job_id=job.id, content=b"%PDF", filename="c.pdf", content_type="application/pdf")
        assert export_jobs_expire() == 0
        assert export_job_download(actor=actor_of(sw_amara), job_id=job.id).content == b"%PDF"
    with time_machine.travel(NOW + dt.timedelta(hours=24, seconds=1), tick=False):
        with pytest.raises(NotFound):  # refused as soon as it is past its day, even before it is removed
            export_job_download(actor=actor_of(sw_amara), job_id=job.id)
        assert export_jobs_expire() == 1
    expired = ExportJob.objects.get(id=job.id)
    assert (expired.status, expired.content) == (ExportStatus.EXPIRED, None)
    assert Notification.objects.get(recipient=sw_amara).read_at is not None
    assert AuditEvent.objects.filter(action="export.expired", target_id=str(job.id)).count() == 1


@pytest.mark.django_db
def test_a_job_whose_role_has_ended_makes_nothing(child_of_council: Person, sw_amara: User) -> None:
    job = chronology_pdf_in_background(
        actor=actor_of(sw_amara), child_id=child_of_council.id, filters=ChronologyFilter(), expected=1
    )
    sw_amara.memberships.update(ends_on=dt.date(2020, 1, 1), starts_on=dt.date(2019, 1, 1))  # she has left
    make_chronology_pdf.call(str(job.id))
    failed = ExportJob.objects.get(id=job.id)
    assert failed.status == ExportStatus.FAILED
    assert failed.message.startswith("The role you asked in has ended")
    assert not AuditEvent.objects.filter(action="chronology.exported").exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_queue_holds_the_job_until_the_worker_makes_it(child_of_council: Person, sw_amara: User) -> None:
    job = chronology_pdf_in_background(
        actor=actor_of(sw_amara), child_id=child_of_council.id, filters=ChronologyFilter(), expected=1
    )
    assert ExportJob.objects.get(id=job.id).status == ExportStatus.QUEUED  # waiting in the queue, not run inline
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    made = ExportJob.objects.get(id=job.id)
    assert (made.status, made.content_type) == (ExportStatus.READY, "application/pdf")
    assert bytes(made.content or b"").startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="chronology.exported", actor_label="sw.amara").count() == 1


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_is_failed_so_that_it_can_be_asked_for_again(
    child_of_council: Person, sw_amara: User
) -> None:
    with time_machine.travel(NOW, tick=False):
        job = asked(sw_amara, child_of_council)
        export_job_start(job_id=job.id)
        export_job_progress(job_id=job.id, done=10, total=100)
    with time_machine.travel(NOW + dt.timedelta(minutes=9), tick=False):
        assert export_jobs_stalled_fail() == 0  # still telling its progress recently enough
    with time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False):
        assert export_jobs_stalled_fail() == 1
    failed = ExportJob.objects.get(id=job.id)
    assert failed.status == ExportStatus.FAILED
    assert "Ask for it again" in failed.message
    audited = AuditEvent.objects.get(action="export.failed", target_id=str(job.id))
    assert audited.details == {"reason": "stalled"}
