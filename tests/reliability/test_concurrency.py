"""F1: concurrent writers lose no update, on PostgreSQL, with real threads and real commits.

1. Twenty writers edit the same versioned record (an organisation's contact numbers, through
   `organisation_contacts_update`, which writes with `save_versioned`) round after round. Each write either
   lands, bumping the version, or is refused with StaleEdit; a refused writer reads the record again and
   retries. Every increment is kept, and the version counts exactly the writes that landed.
2. Twenty writers record events about the same child through the one write path at once. Every event is
   stored with its audit event, and the audit chain stays one line (`macpu audit verify`).
3. An organisation's first twenty events about a child arrive at once: one involvement is made (and audited)
   and every event lands (two writers used to race to make the involvement).
4. A system's first twenty API requests about a child macpu has never seen arrive at once: none is refused
   (two writers used to race to make the agency's source record; the loser now reads it and goes again).

`MACPU_F1_ROUNDS` sets the rounds of case 1: CI runs a few, a nightly run the target's 100.
"""

import io
import itertools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from macpu.access.models import Involvement, User
from macpu.access.services import api_client_issue
from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.core.errors import StaleEdit
from macpu.events.models import Event, QuarantinedLine
from macpu.events.services.by_hand import event_record_for_child
from macpu.events.services.recording import EventResult
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation
from macpu.organisations.services import organisation_contacts_update
from macpu.people.models import Person, SourceRecord
from tests.builders import actor_of
from tests.factories import next_nhs_number

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent writers need a server database (SQLite serialises every write); "
        "CI runs this suite on PostgreSQL too",
    ),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 20
ROUNDS = int(os.environ.get("MACPU_F1_ROUNDS", "10"))
EVENTS_EACH = 5


@dataclass
class Tally:
    attempts: int = 0
    landed: int = 0
    stale: int = 0
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _all_at_once(work: Callable[[int], None], tally: Tally) -> None:
    """Run `work(writer)` in WRITERS threads released together; each closes its own database connection."""
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        try:
            start.wait(timeout=30)
            work(number)
        except BaseException as error:  # reported by the test, not lost in the thread
            with tally.lock:
                tally.errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(number,), name=f"writer-{number}") for number in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    assert not tally.errors, tally.errors


def test_concurrent_edits_of_one_record_lose_no_update(council: Organisation) -> None:
    # given: a record every writer edits, its office number counting the edits made to it
    organisation_contacts_update(
        actor=Actor.operator("setup"),
        organisation=council,
        expected_version=council.version,
        office_hours_phone="0",
        out_of_hours_phone="",
    )
    first_version = Organisation.objects.get(pk=council.pk).version
    tally = Tally()

    def add_one(writer: int) -> None:
        actor = Actor.operator(f"writer-{writer}")
        for _ in range(ROUNDS):
            while True:
                copy = Organisation.objects.get(pk=council.pk)  # read, as a form would show it
                with tally.lock:
                    tally.attempts += 1
                try:
                    organisation_contacts_update(
                        actor=actor,
                        organisation=copy,
                        expected_version=copy.version,
                        office_hours_phone=str(int(copy.office_hours_phone) + 1),
                        out_of_hours_phone=f"writer {writer}",
                    )
                except StaleEdit:
                    with tally.lock:
                        tally.stale += 1
                    continue  # someone else's edit landed first: read it again and make the change again
                with tally.lock:
                    tally.landed += 1
                break

    # when
    _all_at_once(add_one, tally)
    # then: every write landed or was refused, each landing bumped the version once, and no increment was lost
    final = Organisation.objects.get(pk=council.pk)
    assert tally.landed + tally.stale == tally.attempts
    assert tally.stale > 0  # the writers did race (about ten refusals for every landing here)
    assert tally.landed == WRITERS * ROUNDS
    assert int(final.office_hours_phone) == WRITERS * ROUNDS
    assert final.version == first_version + tally.landed
    updates = AuditEvent.objects.filter(action="organisation.updated", target_id=str(council.pk))
    assert updates.count() == tally.landed + 1  # and the setup's edit
    assert audit_log_verify().intact


def test_concurrent_events_for_one_child_are_all_stored_and_audited_in_one_chain(
    child_of_council: Person, sw_amara: User
) -> None:
    # given
    actor = actor_of(sw_amara)
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    tally = Tally()

    def record(writer: int) -> None:
        for round_ in range(EVENTS_EACH):
            outcome = event_record_for_child(
                actor=actor,
                child=child_of_council,
                fields={
                    "type": "visit",
                    "occurred_at": "2026-03-02",
                    "summary": f"writer {writer} visit {round_}",
                    "details": {"outcome": "seen"},
                },
            )
            assert outcome.result == EventResult.CREATED, outcome.errors
            with tally.lock:
                tally.landed += 1

    # when
    _all_at_once(record, tally)
    # then: every event is stored, each with its own audit event
    events = Event.objects.filter(child=child_of_council)
    assert tally.landed == events.count() == WRITERS * EVENTS_EACH
    assert sorted(events.values_list("summary", flat=True)) == sorted(
        f"writer {w} visit {r}" for w in range(WRITERS) for r in range(EVENTS_EACH)
    )
    recorded = AuditEvent.objects.filter(action="event.recorded", child_id=str(child_of_council.id))
    assert sorted(recorded.values_list("target_id", flat=True)) == sorted(
        str(e) for e in events.values_list("id", flat=True)
    )
    # and the chain is one line: sequences without gaps or repeats, each event chained to the one before it
    chain = list(
        AuditEvent.objects.filter(sequence__gt=head)
        .order_by("sequence")
        .values_list("sequence", "previous_hash", "hash")
    )
    assert [sequence for sequence, _, _ in chain] == list(range(head + 1, head + 1 + len(chain)))
    assert all(later[1] == earlier[2] for earlier, later in itertools.pairwise(chain))
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "audit log intact" in out.getvalue()


def test_an_organisations_first_events_about_a_child_arriving_at_once_all_land(
    child_of_council: Person, gp_ben: User, gp_practice: Organisation
) -> None:
    """Twenty first events from an organisation not yet involved: one involvement, made and audited once."""
    actor = actor_of(gp_ben)
    tally = Tally()

    def record(writer: int) -> None:
        outcome = event_record_for_child(
            actor=actor,
            child=child_of_council,
            fields={
                "type": "visit",
                "occurred_at": "2026-03-02",
                "summary": f"first visit {writer}",
                "details": {"outcome": "seen"},
            },
        )
        assert outcome.result == EventResult.CREATED, outcome.errors
        with tally.lock:
            tally.landed += 1

    _all_at_once(record, tally)
    assert tally.landed == Event.objects.filter(child=child_of_council, organisation=gp_practice).count() == WRITERS
    assert (
        Involvement.objects.filter(child=child_of_council, organisation=gp_practice, ended_at__isnull=True).count() == 1
    )
    made = AuditEvent.objects.filter(action="access.involvement_recorded", child_id=str(child_of_council.id))
    assert made.filter(details__organisation_id=str(gp_practice.id)).count() == 1


def test_a_systems_first_events_about_a_new_child_arriving_at_once_are_all_saved(
    police_force: Organisation, operator: Actor
) -> None:
    """Twenty API requests at once about a child macpu has never seen: none is refused for the race."""
    token = api_client_issue(actor=operator, organisation_id=police_force.id, name="Niche RMS")[1]
    nhs_number = next_nhs_number()
    tally = Tally()

    def send(writer: int) -> None:
        event = feed_event(f"NBP-RACE-{writer}", police_force.code)
        event["subject"] = {
            **event["subject"],
            "local_id": "NBP-P-1",
            "nhs_number": nhs_number,
            "nhs_number_verified": True,
        }
        response = Client().post(
            "/api/v1/events", [event], content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        results = response.json()["results"]
        assert [r["result"] for r in results] == ["created"], results
        with tally.lock:
            tally.landed += 1

    _all_at_once(send, tally)
    assert tally.landed == WRITERS
    assert not QuarantinedLine.objects.exists()
    assert Event.objects.filter(organisation=police_force).values("child").distinct().count() == 1
    assert SourceRecord.objects.filter(organisation=police_force, local_id="NBP-P-1").count() == 1
