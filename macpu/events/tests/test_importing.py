import json

import pytest
from django.db import IntegrityError

from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.events.models import Event, QuarantinedLine
from macpu.events.services import importing, recording
from macpu.events.services.importing import feed_import
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_line_the_database_refuses_loses_only_itself(
    operator: Actor, school: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: the database refuses one event in the middle of a batch
    real = recording.event_record

    def refuse_one(**kwargs: object) -> recording.RecordOutcome:
        outcome = real(**kwargs)  # type: ignore[arg-type]
        if outcome.event is not None and outcome.event.record_id == "CPOMS-2":
            raise IntegrityError("simulated refusal")
        return outcome

    monkeypatch.setattr(importing, "event_record", refuse_one)
    lines = [(n, json.dumps(feed_event(f"CPOMS-{n}", school.code))) for n in range(1, 5)]
    # when
    summary = feed_import(actor=operator, lines=lines, source="cpoms.jsonl")
    # then: the batch was done again line by line; the other three are in, the refused one is quarantined
    assert (summary.created, summary.quarantined, summary.exit_status()) == (3, 1, 2)
    assert sorted(Event.objects.values_list("record_id", flat=True)) == ["CPOMS-1", "CPOMS-3", "CPOMS-4"]
    assert QuarantinedLine.objects.get().errors == [{"field": "line", "message": "could not be saved (IntegrityError)"}]
    assert audit_log_verify().intact


def test_a_large_import_keeps_only_the_first_problems_but_quarantines_every_bad_line(
    operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "PROBLEMS_KEPT", 3)
    summary = feed_import(actor=operator, lines=[(n, "{oops") for n in range(1, 11)], source="bad.jsonl")
    assert (summary.bad_lines, len(summary.problems), summary.quarantined) == (10, 3, 10)
    assert QuarantinedLine.objects.count() == 10
