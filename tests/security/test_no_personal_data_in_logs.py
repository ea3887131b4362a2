"""Security target B5: what macpu writes to its application log, in the ways people and systems use it and
misuse it, carries no NHS number, name or date of birth (the audit log is where who-saw-whom belongs)."""

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from macpu.access.models import User
from macpu.access.services import api_client_issue
from macpu.core.actor import Actor
from macpu.core.logging import formatter
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

NHS_NUMBER = "9990000026"
GIVEN, FAMILY, BORN = "Maisie", "Whitmore", "2019-03-27"


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """Everything logged at any level while the test runs, rendered by macpu's own formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    settings = formatter()
    handler.setFormatter(settings.pop("()")(**settings))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def test_searching_refusing_and_importing_leave_no_personal_data_in_the_log(
    log: io.StringIO,
    tmp_path: Path,
    sw_amara: User,
    gp_ben: User,
    child_of_council: Person,
    school: Organisation,
    operator: Actor,
) -> None:
    # Searches by NHS number and by name, on the page and through the API, found and not found.
    amara = signed_in_client(sw_amara)
    amara.post("/children/search/", {"nhs_number": NHS_NUMBER})
    amara.post(
        "/children/search/",
        {
            "family_name": FAMILY,
            "given_name": GIVEN,
            "date_of_birth_day": "27",
            "date_of_birth_month": "3",
            "date_of_birth_year": "2019",
        },
    )
    amara.post("/api/v1/children/search", {"nhs_number": "999 000 0027"}, content_type="application/json")
    amara.post(
        "/api/v1/children/search",
        {"family_name": FAMILY, "date_of_birth": BORN},
        content_type="application/json",
    )
    # An uninvolved user refused a child's record; a sign-in with a wrong password for a named user.
    signed_in_client(gp_ben).get(f"/children/{child_of_council.id}/chronology/")
    Client().post("/sign-in/", {"login": f"{GIVEN}.{FAMILY}", "password": NHS_NUMBER})
    # A system sending events, one of them bad, and a file with a bad line: each quarantined, not logged.
    token = api_client_issue(actor=operator, organisation_id=school.id, name="CPOMS feed")[1]
    good = feed_event(
        "CPOMS-1",
        school.code,
        subject={"given_name": GIVEN, "family_name": FAMILY, "date_of_birth": BORN, "nhs_number": NHS_NUMBER},
    )
    bad = {**good, "record_id": "CPOMS-2", "occurred_at": "not a date"}
    Client().post("/api/v1/events", [good, bad], content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({**bad, "record_id": "CPOMS-3"}) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("feed", "import", str(feed))

    written = log.getvalue()
    assert written, "the scenario logs something (refusals at least), so the scan below means something"
    for secret in (NHS_NUMBER, "9990000027", FAMILY, BORN, child_of_council.family_name):
        assert secret not in written, secret
