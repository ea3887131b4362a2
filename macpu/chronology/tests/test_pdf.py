"""The chronology PDF: marked on every page, only what the viewer may see, audited; long ones in the background."""

import datetime as dt
import io
import uuid

import pytest
from django.test import Client, override_settings
from pypdf import PdfReader

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.chronology.pdf import Subject, Viewer, chronology_pdf, css_string
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import Entry, Note, Source
from macpu.chronology.services import chronology_version_save
from macpu.chronology.tasks import chronology_pdf_made
from macpu.exports.models import ExportJob, ExportStatus
from macpu.notifications.models import Notification, NotificationKind
from macpu.organisations.rules.vocabulary import OrganisationType
from macpu.people.models import Person
from tests.builders import actor_of, signed_in_client
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

MADE = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)  # 09:30 in England in winter
AMARA = Viewer("Amara Okafor", "Social worker", "Northbridge Children's Services")
JAYDEN = Subject("Jayden Marsh", "999 000 0026", dt.date(2015, 6, 14))


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat_text(pdf: bytes) -> str:
    """Every page's text, with runs of white space as one space."""
    return " ".join(" ".join(pages_of(pdf)).split())


def an_entry(n: int, **changes: object) -> Entry:
    fields: dict[str, object] = {
        "id": uuid.uuid4(),
        "child_id": uuid.uuid4(),
        "occurred_on": dt.date(2026, 1, 1) + dt.timedelta(days=n),
        "occurred_at": None,
        "date_is_approximate": False,
        "recorded_at": MADE,
        "type": "concern",
        "title": f"Concern number {n}",
        "summary": f"What the school saw, told for the {n}th time",
        "org": "123456",
        "org_name": "Hillside Primary School",
        "sector": "education",
        "author_role": "Designated safeguarding lead",
        "record_id": f"CPOMS-{n}",
        "sensitivity": "standard",
        "withheld": False,
        "contact": "01632 960001",
        "sources": (Source("123456", f"CPOMS-{n}"),),
    }
    return Entry(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.pure
def test_every_page_carries_the_marking_the_viewer_the_time_and_its_number() -> None:
    pdf = chronology_pdf(
        subject=JAYDEN,
        entries=[an_entry(n) for n in range(60)],
        viewer=AMARA,
        description="The whole chronology",
        made_at=MADE,
    )
    pages = pages_of(pdf)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert flat.count("OFFICIAL-SENSITIVE") >= 2, number  # top and bottom
        assert "Exported for Amara Okafor, social worker, Northbridge Children's Services" in flat, number
        assert "Made 1 December 2026 at 09:30 (UK time)" in flat, number
        assert f"Page {number} of {len(pages)}" in flat, number
        assert "Chronology of Jayden Marsh, NHS number 999 000 0026" in flat, number


@pytest.mark.pure
def test_the_first_page_names_the_child_what_the_export_holds_and_how_many_entries() -> None:
    pdf = chronology_pdf(
        subject=JAYDEN,
        entries=[an_entry(n) for n in range(3)],
        viewer=AMARA,
        description="Initial conference, 3 December 2026",
        made_at=MADE,
    )
    first = " ".join(pages_of(pdf)[0].split())
    for expected in (
        "Jayden Marsh",
        "999 000 0026",
        "14 June 2015",
        "Initial conference, 3 December 2026",
        "Entries 3",
    ):
        assert expected in first


@pytest.mark.pure
def test_an_entry_shows_when_who_every_source_the_same_fact_reason_and_attributed_notes() -> None:
    told_twice = an_entry(
        1,
        occurred_at=dt.datetime(2026, 7, 1, 21, 15, tzinfo=dt.UTC),
        date_is_approximate=True,
        sensitivity="restricted",
        significant=True,
        sources=(
            Source("123456", "CPOMS-1", org_name="Hillside Primary School"),
            Source("NBP", "NBP-7", org_name="Northbridge Police"),
        ),
        same_fact_reason="Hillside Primary School's record names Northbridge Police's record of it as its source.",
        notes=(Note("Priya Shah", "Team manager", "Northbridge Children's Services", MADE, True, "Shows a pattern"),),
    )
    text = flat_text(chronology_pdf(subject=JAYDEN, entries=[told_twice], viewer=AMARA, description="x"))
    assert "About 1 July 2026, 22:15" in text  # England's summer time
    assert "Concern number 1 (significant)" in text
    assert (
        "By Hillside Primary School (education), Designated safeguarding lead; recorded 1 December 2026, 09:30; Restricted."
        in text
    )
    assert (
        "Recorded by 2 agencies: Hillside Primary School's record names Northbridge Police's record of it as its source. Sources:"
        in text
    )
    assert "Sources: Hillside Primary School record CPOMS-1; Northbridge Police record NBP-7" in text
    assert "Priya Shah, team manager at Northbridge Children's Services, 1 December 2026: marked significant" in text
    assert "Shows a pattern" in text


@pytest.mark.pure
def test_a_name_cannot_break_out_of_the_page_margins() -> None:
    viewer = Viewer('Amara "}@page{content:"x" Okafor', "Social worker", "Council </style><p>")
    assert css_string('a"b\\c') == '"a\\22 b\\5c c"'
    text = " ".join(
        pages_of(chronology_pdf(subject=JAYDEN, entries=[an_entry(1)], viewer=viewer, description="x"))[1].split()
    )
    assert 'Exported for Amara "}@page{content:"x" Okafor, social worker, Council </style><p>' in text


@pytest.mark.pure
def test_progress_is_told_in_steps_up_to_done() -> None:
    told: list[tuple[int, int]] = []
    chronology_pdf(
        subject=JAYDEN,
        entries=iter([an_entry(n) for n in range(120)]),
        viewer=AMARA,
        description="x",
        expected=120,
        progress=lambda done, total: told.append((done, total)),
    )
    done = [d for d, _ in told]
    assert done == sorted(set(done))  # only forwards, each step once
    assert told[0] == (0, 100)
    assert told[-1] == (100, 100)
    assert len(told) > 5


@pytest.fixture
def housing_officer(db: None) -> User:
    """A practitioner of an organisation that has nothing to do with the child."""
    housing = OrganisationFactory(type=OrganisationType.HOUSING.value, name="Northbridge Homes", code="NBH")
    user = UserFactory(username="housing.hal", first_name="Hal", last_name="Moss")
    MembershipFactory(user=user, organisation=housing, role="practitioner")
    return user


@pytest.mark.django_db
def test_withheld_entries_say_whom_to_ask_and_show_no_content(world: Person, sw_amara: User) -> None:
    pdf = chronology_pdf_made(actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter())
    text = flat_text(pdf)
    assert "A sealed entry The content is sealed: ask Riverside Medical Practice" in text
    assert "A restricted entry The content is restricted: ask Northbridge Police" in text
    assert "Sexual health" not in text
    assert "Domestic incident" not in text
    assert "Bruise" in text  # the school's standard entry is read in full
    assert "The whole chronology" in text


@pytest.mark.django_db
def test_the_police_read_their_own_restricted_entry(world: Person, police_chen: User) -> None:
    text = " ".join(
        pages_of(chronology_pdf_made(actor=actor_of(police_chen), child_id=world.id, filters=ChronologyFilter()))
    )
    assert "Domestic incident, child present" in text
    assert "Sexual health" not in text


@pytest.mark.django_db
def test_a_pdf_made_in_the_request_is_downloaded_and_audited_as_an_export(world: Person, sw_amara: User) -> None:
    response = signed_in_client(sw_amara).post(f"/children/{world.id}/chronology.pdf?sector=education&order=oldest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'attachment; filename="chronology-{world.id}-')
    text = flat_text(response.content)
    assert "Filtered: sectors education" in text
    assert "Bruise" in text
    assert "Referral" not in text
    exported = AuditEvent.objects.filter(action="chronology.exported", child_id=str(world.id)).get()
    assert exported.details == {"sectors": ["education"], "format": "pdf"}
    assert exported.actor_label == "sw.amara"


@pytest.mark.django_db
def test_a_child_you_may_not_see_has_no_pdf(world: Person, housing_officer: User) -> None:
    response = signed_in_client(housing_officer).post(f"/children/{world.id}/chronology.pdf")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="chronology.exported").exists()
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
@override_settings(MACPU_PDF_INLINE_MAX_ENTRIES=2)
def test_a_long_pdf_is_made_in_the_background_and_the_requester_told(
    world: Person, sw_amara: User, django_capture_on_commit_callbacks: object
) -> None:
    client = signed_in_client(sw_amara)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(f"/children/{world.id}/chronology.pdf")
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/exports/{job.id}/"
    assert (job.status, job.done, job.total, job.kind, job.format) == (
        ExportStatus.READY,
        100,
        100,
        "chronology",
        "pdf",
    )
    assert job.description == "The whole chronology"
    notice = Notification.objects.get(recipient=sw_amara)
    assert (notice.kind, notice.link, notice.child_id) == (
        NotificationKind.EXPORT_READY,
        f"/exports/{job.id}/",
        world.id,
    )
    home = client.get("/home/")
    assert "Export ready" in home.content.decode()
    assert f'href="/exports/{job.id}/"' in home.content.decode()
    page = client.get(f"/exports/{job.id}/")
    assert "Your export is ready" in page.content.decode()
    download = client.get(f"/exports/{job.id}/download")
    assert download["Content-Type"] == "application/pdf"
    assert "A sealed entry" in " ".join(pages_of(download.content))
    actions = list(AuditEvent.objects.filter(target_id=str(job.id)).values_list("action", flat=True))
    assert actions == ["export.requested", "export.downloaded"]
    assert AuditEvent.objects.filter(action="chronology.exported", actor_label="sw.amara").count() == 1


@pytest.mark.django_db
def test_the_api_starts_an_export_and_follows_it_to_its_file(
    world: Person, sw_amara: User, django_capture_on_commit_callbacks: object
) -> None:
    client = signed_in_client(sw_amara)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        started = client.post(
            f"/api/v1/children/{world.id}/chronology/exports",
            {"format": "pdf", "sector": ["police", "health"], "order": "oldest"},
            content_type="application/json",
        )
    assert started.status_code == 202
    job_id = started.json()["id"]
    assert started.json()["status"] == "queued"
    assert started.json()["description"] == "Filtered: sectors police, health"
    followed = client.get(f"/api/v1/exports/{job_id}").json()
    assert (followed["status"], followed["done"], followed["total"]) == ("ready", 100, 100)
    assert followed["download_url"] == f"/api/v1/exports/{job_id}/download"
    file = client.get(followed["download_url"], HTTP_ACCEPT="application/pdf")
    assert file.status_code == 200
    assert file.content.startswith(b"%PDF")
    text = " ".join(pages_of(file.content))
    assert "A sealed entry" in text
    assert "Bruise" not in text


@pytest.mark.django_db
def test_the_api_refuses_a_format_it_cannot_make(world: Person, sw_amara: User) -> None:
    response = signed_in_client(sw_amara).post(
        f"/api/v1/children/{world.id}/chronology/exports", {"format": "docx"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["format"]


@pytest.mark.django_db
def test_only_the_requester_sees_or_downloads_an_export(
    world: Person, sw_amara: User, tm_priya: User, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        started = signed_in_client(sw_amara).post(
            f"/api/v1/children/{world.id}/chronology/exports", {"format": "pdf"}, content_type="application/json"
        )
    job_id = started.json()["id"]
    colleague: Client = signed_in_client(tm_priya)  # the same team, and the child is open to her too
    for path in (
        f"/exports/{job_id}/",
        f"/exports/{job_id}/download",
        f"/api/v1/exports/{job_id}",
        f"/api/v1/exports/{job_id}/download",
    ):
        assert colleague.get(path).status_code == 404, path
    denied = AuditEvent.objects.filter(action="access.denied", target_type="export", actor_label="tm.priya")
    assert denied.count() == 4
    assert not AuditEvent.objects.filter(action="export.downloaded").exists()


@pytest.mark.django_db
def test_a_saved_version_is_exported_as_it_was_saved_in_the_request_or_in_the_background(
    world: Person, sw_amara: User, police_chen: User, django_capture_on_commit_callbacks: object
) -> None:
    version = chronology_version_save(
        actor=actor_of(sw_amara), child_id=world.id, filters=ChronologyFilter(sectors=("police",)), name="ICPC pack"
    )
    inline = signed_in_client(police_chen).post(f"/children/{world.id}/chronology/versions/{version.id}.pdf")
    assert inline.status_code == 200
    text = flat_text(inline.content)
    assert "The saved version “ICPC pack”" in text
    assert "Domestic incident, child present" in text  # the police read their restricted entry in a version
    assert AuditEvent.objects.filter(action="chronology.exported", target_id=str(version.id)).count() == 1
    with override_settings(MACPU_PDF_INLINE_MAX_ENTRIES=0), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        queued = signed_in_client(sw_amara).post(f"/children/{world.id}/chronology/versions/{version.id}.pdf")
    job = ExportJob.objects.get()
    assert queued["Location"] == f"/exports/{job.id}/"
    assert job.status == ExportStatus.READY
    assert job.parameters["version"] == str(version.id)
    assert job.content is not None
    made = flat_text(bytes(job.content))
    assert "ICPC pack" in made
    assert "Domestic incident" not in made  # the social worker may not read it
