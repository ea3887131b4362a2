"""F2 for the event feed: a failure injected at line k of an n-line file (a bad line, a database error, an
unexpected exception) never leaves half a line in the database.

Without `--strict` each line is all or nothing: the good lines are in exactly as a clean import of them alone
puts them in, and the failing line left no rows of its own but its quarantine entry and that entry's audit
event (docs/feed.md). A database error that goes away when the batch is done again line by line loses nothing;
an unexpected exception stops the import, loses at most the batch it was in, and running the file again
completes it (importing.py). With `--strict` the database is as it was but for the one `feed.imported` audit
event that records the rolled-back import, chained to the head before it.
"""

import io
import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from hypothesis import given, note
from hypothesis import strategies as st

from macpu.audit.models import AuditEvent
from macpu.audit.verification import audit_log_verify
from macpu.core import database, deferred
from macpu.events.models import Event, QuarantinedLine
from macpu.events.services import importing, recording
from macpu.events.services.session import RecordingSession
from macpu.organisations.models import Organisation
from macpu.people.services.intake import person_resolve
from tests.reliability.faults import Fault, InjectedCrash, examples, undone
from tests.reliability.fingerprint import Delta, Fingerprint, fingerprint

pytestmark = pytest.mark.django_db

SCHOOL, COUNCIL = "123456", "873"
CHILDREN = (("Maisie", "Whitmore", "2019-03-27"), ("Leo", "Marsh", "2017-08-14"), ("Ava", "Hill", "2021-01-05"))
DEAN = {"given_name": "Dean", "family_name": "Marsh", "date_of_birth": "1988-07-14", "role": "parent_partner"}
KINDS = ("concern", "referral", "referral_decision", "household_change", "address_change")
# Where a line's work can fail: resolving its child, recording its people, involving its organisation, auditing it
# (each after the work is done, so half the line is written), or the database refusing the event's own row.
SITES = ("subject", "people", "involvement", "audit", "event_row")
BAD_LINES = ("not json", "unknown org", "unknown field", "bad nhs number", "unknown type")


def _event(number: int, kind: str, child: int, lines: int) -> dict[str, Any]:
    given_name, family_name, born = CHILDREN[child]
    org = SCHOOL if kind == "concern" else COUNCIL
    event: dict[str, Any] = {
        "record_id": f"{kind}-{number}",
        "org": org,
        "type": kind,
        "occurred_at": f"2026-03-{number:02d}",
        "subject": {
            "given_name": given_name,
            "family_name": family_name,
            "date_of_birth": born,
            "local_id": f"{org}-C{child}",
        },
    }
    if kind == "concern":
        event["details"] = {"categories": ["neglect"], "referred": True}
    elif kind == "referral":
        event["details"] = {"referrer_type": "professional", "referrer_org": SCHOOL, "categories": ["neglect"]}
    elif kind == "referral_decision":
        # Answers a referral that may come earlier, later or never: each joins when both have arrived.
        event["ref"] = f"referral-{(number * 7) % lines + 1}"
        event["details"] = {"outcome": "assessment"}
    elif kind == "household_change":
        event["people"] = [dict(DEAN)]
        event["details"] = {"change": "joined"}
    else:
        event["details"] = {"postcode": "NB1 6AP", "la_code": "873"}
    return event


def _spoilt(event: dict[str, Any], how: str) -> str:
    """The line an agency's system got wrong, as it sent it."""
    if how == "not json":
        return json.dumps(event)[:-7]
    spoilt = json.loads(json.dumps(event))
    if how == "unknown org":
        spoilt["org"] = "Y09999"
    elif how == "unknown field":
        spoilt["colour"] = "blue"
    elif how == "bad nhs number":
        spoilt["subject"] |= {"nhs_number": "9434765918", "nhs_number_verified": True}
    else:
        spoilt["type"] = "not_a_type"
    return json.dumps(spoilt)


@st.composite
def failing_imports(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    n = draw(st.integers(1, 6))
    events = [_event(i, draw(st.sampled_from(KINDS)), draw(st.integers(0, 2)), n) for i in range(1, n + 1)]
    return {
        "events": events,
        "k": draw(st.integers(1, n)),
        "bad": draw(st.sampled_from(BAD_LINES)) if kind == "bad line" else None,
        "site": draw(st.sampled_from(SITES)) if kind != "bad line" else None,
        "batch_size": draw(st.integers(1, 4)),
    }


def _feed_import(path: Path, lines: list[str], *, strict: bool) -> int:
    """`macpu feed import FILE [--strict]` as an operator runs it; its exit status."""
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    try:
        call_command(
            "feed", "import", str(path), *(["--strict"] if strict else []), stdout=io.StringIO(), stderr=io.StringIO()
        )
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def _clean_import(path: Path, lines: list[str], *, strict: bool) -> Delta:
    """What importing these lines alone, with nothing injected, changes."""
    with undone():
        before = fingerprint()
        _feed_import(path, lines, strict=strict)
        return fingerprint().minus(before)


def _injected(fault: Fault, record_id: str, batch_size: int) -> ExitStack:
    """Patch the write path so that `fault` fires while line `fault.target` is being recorded."""
    stack = ExitStack()
    stack.enter_context(mock.patch.object(importing, "BATCH_SIZE", batch_size))
    real_record = recording.event_record

    def tracked(**kwargs: Any) -> recording.RecordOutcome:
        fault.current = int(str(kwargs["received_via"]).rsplit(" ", 1)[1])  # "{source} line {number}"
        try:
            return real_record(**kwargs)
        finally:
            fault.current = None

    stack.enter_context(mock.patch.object(importing, "event_record", tracked))
    if fault.site == "subject":
        stack.enter_context(mock.patch.object(recording, "person_resolve", fault.after("subject", person_resolve)))
    elif fault.site == "people":
        stack.enter_context(
            mock.patch.object(recording, "_record_people", fault.after("people", recording._record_people))
        )
    elif fault.site == "audit":
        stack.enter_context(mock.patch.object(recording, "_audit", fault.after("audit", recording._audit)))
    elif fault.site == "involvement":
        stack.enter_context(
            mock.patch.object(RecordingSession, "involve", fault.after("involvement", RecordingSession.involve))
        )
    elif fault.site == "event_row":
        # The event's INSERT: one row at a time line by line, or with the whole batch's rows at its end.
        real_save, real_insert = Event.save, database.insert_rows

        def save(event: Event, *args: Any, **kwargs: Any) -> None:
            if kwargs.get("force_insert"):
                fault.hit("event_row", on=fault.target if event.record_id == record_id else "other")
            real_save(event, *args, **kwargs)

        def insert_rows(model: Any, rows: Any) -> None:
            if model is Event and any(event.record_id == record_id for event in rows):
                fault.hit("event_row", on=fault.target)
            real_insert(model, rows)

        stack.enter_context(mock.patch.object(Event, "save", save))
        stack.enter_context(mock.patch.object(deferred, "insert_rows", insert_rows))
    return stack


@pytest.mark.parametrize("strict", [False, True], ids=["line_by_line", "strict"])
@pytest.mark.parametrize("failure", ["bad line", "database", "database once", "exception"])
@examples(14)  # for each of the 8 kinds of failure: 112 in all
@given(data=st.data())
def test_a_failure_at_any_line_leaves_no_half_line(
    failure: str, strict: bool, data: st.DataObject, tmp_path: Path, school: Organisation, council: Organisation
) -> None:
    kind, once = failure.removesuffix(" once"), failure.endswith(" once")
    case = data.draw(failing_imports(kind))
    note(repr(case))
    events, k = case["events"], case["k"]
    clean = [json.dumps(event) for event in events]
    lines = list(clean)
    if case["bad"]:
        lines[k - 1] = _spoilt(events[k - 1], case["bad"])
    failed_line_stays_out = case["bad"] is not None or (kind == "database" and not once)
    path = tmp_path / "feed.jsonl"
    # given: what clean imports of the good lines change, each measured from the same database
    stopped = kind == "exception" and not strict
    transient = kind == "database" and once
    everything = _clean_import(path, clean, strict=strict) if transient or stopped else None
    quarantines = failed_line_stays_out and not strict
    without_k = _clean_import(path, lines[: k - 1] + lines[k:], strict=False) if quarantines else None
    done = (k - 1) // case["batch_size"] * case["batch_size"]  # the lines of the batches before line k's
    batches_before = _clean_import(path, clean[:done], strict=False) if stopped else None
    with undone():
        before = fingerprint()
        fault = Fault(kind=kind, site=case["site"] or "", target=k, once=once)
        # when
        with _injected(fault, events[k - 1]["record_id"], case["batch_size"]):
            if kind == "exception":
                with pytest.raises(InjectedCrash):
                    _feed_import(path, lines, strict=strict)
                status = None
            else:
                status = _feed_import(path, lines, strict=strict)
        after = fingerprint()
        # then
        assert case["bad"] or fault.fired, "the failure was never injected"
        assert audit_log_verify().intact
        if strict:
            _then_strict(kind, before, after, status, refused=failed_line_stays_out)
            if not failed_line_stays_out and status == 0:
                assert after.minus(before) == everything
        elif failed_line_stays_out:
            # The good lines are in as they would be alone; the bad one is quarantined exactly as sent, and audited.
            assert status == (2 if len(lines) > 1 else 1)
            assert without_k is not None
            assert after.minus(before) == without_k.plus(events__QuarantinedLine=1, audit__AuditEvent=1)
            held = QuarantinedLine.objects.get()
            assert (held.line_number, held.text) == (k, lines[k - 1])
            assert held.errors
            assert AuditEvent.objects.filter(action="event.quarantined", target_id=str(held.id)).count() == 1
            if not case["bad"]:
                assert held.errors == [{"field": "line", "message": "could not be saved (DatabaseError)"}]
        elif kind == "database":
            # A transient refusal: the batch is done again line by line, and nothing is lost.
            assert status == 0
            assert after.minus(before) == everything
        else:
            # The import stopped: the batches before the failing line's are in (their summary was never audited),
            # its own batch left nothing.
            assert batches_before is not None
            assert after.minus(before) == batches_before.plus(audit__AuditEvent=-1)
            assert not QuarantinedLine.objects.exists()
            # and running the file again completes it
            assert _feed_import(path, clean, strict=False) == 0
            assert fingerprint().minus(before) == everything


def _then_strict(kind: str, before: Fingerprint, after: Fingerprint, status: int | None, *, refused: bool) -> None:
    if kind == "exception":
        assert after == before  # not even the audit head moved
        return
    if not refused:
        assert status == 0
        return
    # Nothing imported, nothing quarantined: one audit event says the import was refused and rolled back.
    assert status == 1
    assert after.rows == {**before.rows, AuditEvent._meta.db_table: before.rows[AuditEvent._meta.db_table] + 1}
    assert after.versions == before.versions
    failed = AuditEvent.objects.get(sequence=before.head.sequence + 1)
    assert (failed.action, failed.previous_hash, failed.details["rolled_back"], failed.details["strict"]) == (
        "feed.imported",
        before.head.hash,
        True,
        True,
    )
    assert after.head.sequence == before.head.sequence + 1
