import datetime as dt
import json

import pytest
from django.db import IntegrityError

from macpu.audit.verification import audit_log_verify
from macpu.core.actor import Actor
from macpu.events.models import Event, EventPerson, QuarantinedLine
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


def _what_macpu_knows() -> dict[str, object]:
    """Everything an import decides about people and events, in terms that do not depend on row ids."""
    from macpu.people.models import Address, Person, PersonLink, ProbableDuplicate, Relationship

    def named(person: Person) -> tuple[str, str, str]:
        return (person.given_name, person.family_name, str(person.date_of_birth))

    return {
        "people": sorted((*named(p), p.kind) for p in Person.objects.all()),
        "links": sorted((link.source_record.local_id, named(link.person)) for link in PersonLink.objects.all()),
        "duplicates": sorted((named(d.person), named(d.candidate)) for d in ProbableDuplicate.objects.all()),
        "relationships": sorted(
            (named(r.person), named(r.relative), r.type, r.lives_with, str(r.valid_from), str(r.valid_to))
            for r in Relationship.objects.all()
        ),
        "addresses": sorted(
            (named(a.person), a.postcode, str(a.valid_from), str(a.valid_to)) for a in Address.objects.all()
        ),
        "answers": sorted(
            (e.record_id, e.ref_event.record_id if e.ref_event else None)
            for e in Event.objects.exclude(ref_record_id="")
        ),
    }


def test_the_batch_size_changes_nothing_that_an_import_decides(
    operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows a batch creates wait in memory until its end; what the write path reads meanwhile must come out the same
    whether a person, relationship or event it needs was made in the same batch or an earlier one."""
    from django.db import transaction

    from macpu.demo.loader import area_organisation_rows
    from macpu.organisations.services import organisations_import
    from macpu.synthetic.feed import generate_feed
    from macpu.synthetic.population import generate_population

    organisations_import(actor=operator, rows=area_organisation_rows(), source_name="orgs.csv")
    population = generate_population(children=25, seed=5, start_date=dt.date(2026, 9, 1))
    lines = [
        (n, json.dumps(e)) for n, e in enumerate(generate_feed(population, seed=5, as_of=population.start_date), 1)
    ]
    decided = {}
    for batch_size in (1000, 7):

        class Undo(Exception):
            pass

        monkeypatch.setattr(importing, "BATCH_SIZE", batch_size)
        try:
            with transaction.atomic():
                summary = feed_import(actor=operator, lines=lines, source="area.jsonl")
                decided[batch_size] = (summary.as_dict(), _what_macpu_knows())
                raise Undo
        except Undo:
            pass
    assert decided[1000][0]["created"] > 300  # a realistic feed: many people, households, moves and answers
    assert decided[1000][1]["duplicates"]
    assert decided[1000][1]["answers"]
    assert decided[7] == decided[1000]


def test_a_good_batch_is_written_in_one_go_not_line_by_line(
    operator: Actor, council: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of row the write path defers (auto-numbered ones included) goes in with the batch's statements;
    were one refused, the batch would be done again line by line, right but several times slower."""
    runs: list[bool] = []
    real = importing._run_batch

    def counted(*args: object, **kwargs: object) -> object:
        runs.append(bool(kwargs["guarded"]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "_run_batch", counted)
    mother = {"given_name": "Lisa", "family_name": "Whitmore", "date_of_birth": "1990-06-02", "role": "mother"}
    lines = [(n, json.dumps(feed_event(f"LCS-{n}", council.code, people=[mother]))) for n in (1, 2, 3)]
    summary = importing.feed_import(actor=operator, lines=lines, source="test.jsonl")
    assert summary.created == 3
    assert runs == [False]  # one run, not guarded
    assert EventPerson.objects.filter(role="mother").count() == 3
