import json
from pathlib import Path

import pytest
from django.core.management import call_command

from macpu.core.actor import Actor
from macpu.events.models import Event, QuarantinedLine
from macpu.events.tests.builders import feed_event
from macpu.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def write_feed(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n", encoding="utf-8"
    )
    return path


def run(path: Path, *extra: str) -> int:
    try:
        call_command("feed", "import", str(path), *extra)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_a_good_file_imports_and_a_rerun_changes_nothing(
    tmp_path: Path, school: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_feed(tmp_path, [feed_event(f"CPOMS-{n}", school.code) for n in range(3)])
    assert run(path) == 0
    assert (
        "feed.jsonl: 3 lines: 3 imported, 0 updated, 0 unchanged, 0 retracted, 0 quarantined; 1 new people, 0 probable duplicates"
        in capsys.readouterr().out
    )
    assert run(path) == 0
    assert "0 imported, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert Event.objects.count() == 3


def test_bad_lines_are_quarantined_with_line_and_field_and_the_rest_imported(
    tmp_path: Path, school: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_nhs = feed_event("CPOMS-2", school.code, subject={"nhs_number": "9434765918", "nhs_number_verified": True})
    path = write_feed(tmp_path, [feed_event("CPOMS-1", school.code), bad_nhs, "{oops", feed_event("X-1", "Y09999")])
    assert run(path) == 2
    err = capsys.readouterr().err
    assert (
        "feed.jsonl: line 2: subject.nhs_number: This is not a valid NHS number: the check digit does not match" in err
    )
    assert "feed.jsonl: line 3: line: is not valid JSON" in err
    assert "feed.jsonl: line 4: org: 'Y09999' is not a registered organisation" in err
    assert Event.objects.count() == 1
    assert sorted(line.line_number or 0 for line in QuarantinedLine.objects.all()) == [2, 3, 4]


def test_strict_imports_and_quarantines_nothing_when_any_line_is_bad(
    tmp_path: Path, school: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_feed(tmp_path, [feed_event("CPOMS-1", school.code), "{oops"])
    assert run(path, "--strict") == 1
    assert "with --strict nothing was imported or quarantined" in capsys.readouterr().err
    assert (Event.objects.count(), QuarantinedLine.objects.count()) == (0, 0)


def test_an_empty_file_succeeds_and_a_file_of_only_bad_lines_imports_nothing(tmp_path: Path) -> None:
    assert run(write_feed(tmp_path, [])) == 0
    assert run(write_feed(tmp_path, ["{oops"])) == 1


def test_a_quarantined_line_is_corrected_and_replayed(
    tmp_path: Path, school: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = feed_event("CPOMS-7", school.code, details={"categories": ["neglekt"]})
    run(write_feed(tmp_path, [bad]))
    line = QuarantinedLine.objects.get()
    call_command("feed", "quarantine", "list")
    assert (
        f"{line.id}  feed.jsonl line 1  123456 CPOMS-7  details.categories[0]: 'neglekt' is not allowed"
        in capsys.readouterr().out
    )
    corrected = tmp_path / "fixed.json"
    corrected.write_text(json.dumps({**bad, "details": {"categories": ["neglect"]}}), encoding="utf-8")
    call_command("feed", "quarantine", "replay", str(line.id), "--file", str(corrected))
    assert "1 of 1 replayed line(s) imported" in capsys.readouterr().out
    line.refresh_from_db()
    assert (line.status, Event.objects.get().record_id) == ("replayed", "CPOMS-7")


def test_sources_show_a_quiet_sender(operator: Actor, school: Organisation, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    import time_machine

    from macpu.events.tests.builders import record

    # given: the school has sent something every weekday of September, and nothing since 1 October
    day = dt.date(2026, 9, 1)
    while day <= dt.date(2026, 10, 1):
        if day.weekday() < 5:
            with time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)):
                record(operator, feed_event(f"CPOMS-{day}", school.code))
        day += dt.timedelta(days=1)
    with time_machine.travel(dt.datetime(2026, 10, 12, 9, tzinfo=dt.UTC)):
        call_command("feed", "sources")
    out = capsys.readouterr().out
    assert "QUIET Hillside Primary School: no events for 7 working days" in out


def test_a_token_is_issued_once_for_a_registered_organisation(
    school: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("feed", "token", school.code, "--name", "CPOMS feed")
    out = capsys.readouterr().out
    assert out.startswith("API token for Hillside Primary School (CPOMS feed); it is shown only now:\nmacpu_")
