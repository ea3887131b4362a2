"""What `macpu feed` does, kept out of the command class so each subcommand stays short and readable."""

import datetime as dt
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from django.core.management.base import CommandError, OutputWrapper

from macpu.access.services import api_client_issue
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.events.models import QuarantinedLine, QuarantineStatus
from macpu.events.selectors import feed_sources_status, quarantine_open
from macpu.events.services.importing import ImportSummary, Progress, feed_import, quarantine_replay
from macpu.organisations.models import Organisation
from macpu.synthetic.area import organisations_csv
from macpu.synthetic.feed import generate_feed
from macpu.synthetic.population import generate_population

PROGRESS_EVERY_SECONDS = 1.0


def _numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        yield from enumerate(handle, start=1)


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


class _ProgressLine:
    """Count, rate and time left on standard error, at most once a second."""

    def __init__(self, err: OutputWrapper) -> None:
        self.err = err
        self.shown_at = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        finished = progress.total is not None and progress.done >= progress.total
        if now - self.shown_at < PROGRESS_EVERY_SECONDS and not finished:
            return
        self.shown_at = now
        total = f"/{progress.total:,}" if progress.total is not None else ""
        left = f"  about {progress.seconds_left:,.0f} s left" if progress.seconds_left is not None else ""
        self.err.write(f"  lines {progress.done:,}{total}  {progress.rate:,.0f}/s{left}")


def summary_text(path_name: str, summary: ImportSummary) -> str:
    return (
        f"{path_name}: {summary.lines:,} lines: {summary.created:,} imported, {summary.updated:,} updated, "
        f"{summary.unchanged:,} unchanged, {summary.retracted:,} retracted, {summary.quarantined:,} quarantined; "
        f"{summary.new_people:,} new people, {summary.probable_duplicates:,} probable duplicates"
    )


def import_file(actor: Actor, path: Path, *, strict: bool, out: OutputWrapper, err: OutputWrapper) -> int:
    """Import a file and return the exit status: 0 all imported, 2 some quarantined, 1 nothing imported."""
    try:
        total = _count_lines(path)
        summary = feed_import(
            actor=actor,
            lines=_numbered_lines(path),
            source=path.name,
            strict=strict,
            total=total,
            progress=_ProgressLine(err),
        )
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: cannot read the file: {error}") from error
    for problem in summary.problems:
        for field_error in problem.errors:
            err.write(f"{path.name}: line {problem.line}: {field_error}")
    if summary.bad_lines > len(summary.problems):
        err.write(
            f"{path.name}: and {summary.bad_lines - len(summary.problems):,} more bad lines (macpu feed quarantine list)"
        )
    if summary.rolled_back:
        err.write(f"{path.name}: {summary.bad_lines:,} bad line(s); with --strict nothing was imported or quarantined")
    out.write(summary_text(path.name, summary))
    return summary.exit_status()


def _quarantined(identifier: str) -> QuarantinedLine:
    line = (
        QuarantinedLine.objects.filter(id=identifier, status=QuarantineStatus.OPEN).first()
        if _is_uuid(identifier)
        else None
    )
    if line is None:
        raise CommandError(f"no open quarantined line has the id {identifier}")
    return line


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def quarantine(
    actor: Actor, *, action: str, line_id: str | None, every: bool, corrected: Path | None, out: OutputWrapper
) -> None:
    if action == "list":
        lines = list(quarantine_open())
        for line in lines:
            errors = "; ".join(f"{e['field']}: {e['message']}" for e in line.errors)
            out.write(f"{line.id}  {line.source} line {line.line_number}  {line.org_code} {line.record_id}  {errors}")
        out.write(f"{len(lines):,} line(s) in quarantine")
        return
    if every:
        targets = list(quarantine_open())
    elif line_id:
        targets = [_quarantined(line_id)]
    else:
        raise CommandError("name a quarantined line's id, or give --all")
    if corrected is not None and len(targets) != 1:
        raise CommandError("--file corrects one line: name its id")
    text = corrected.read_text(encoding="utf-8").strip() if corrected is not None else None
    imported = 0
    for line in targets:
        outcome = quarantine_replay(actor=actor, line=line, corrected_text=text)
        if outcome.errors:
            out.write(f"{line.id}: still in quarantine: " + "; ".join(str(e) for e in outcome.errors))
        else:
            imported += 1
            out.write(f"{line.id}: {outcome.result}")
    out.write(f"{imported:,} of {len(targets):,} replayed line(s) imported")


def sources(out: OutputWrapper | TextIO) -> None:
    reports = feed_sources_status()
    for report in reports:
        mark = "QUIET " if report.status.quiet else "ok    "
        out.write(
            f"{mark}{report.status.describe(report.organisation.name)}; last event received "
            f"{report.last_received:%Y-%m-%d %H:%M}; {report.events_in_window:,} events in the last 8 weeks"
        )
    out.write(f"{len(reports):,} sources, {sum(r.status.quiet for r in reports):,} quiet")


def issue_token(actor: Actor, org_code: str, name: str, out: OutputWrapper) -> None:
    organisation = Organisation.objects.filter(code=org_code.strip().upper()).first()
    if organisation is None:
        raise CommandError(f"{org_code!r} is not a registered organisation")
    try:
        client, token = api_client_issue(actor=actor, organisation_id=organisation.id, name=name)
    except InvalidInput as invalid:
        raise CommandError("; ".join(" ".join(problems) for problems in invalid.errors.values())) from invalid
    out.write(f"API token for {organisation.name} ({client.name}); it is shown only now:\n{token}")


def generate(*, children: int, seed: int, as_of: dt.date, orgs: Path, out: OutputWrapper, err: OutputWrapper) -> None:
    """Write the synthetic area's organisations to `orgs` and its feed, one event per line, to standard output."""
    if children < 1:
        raise CommandError("--children must be at least 1")
    orgs.write_text(organisations_csv(), encoding="utf-8")
    population = generate_population(children=children, seed=seed, start_date=as_of)
    count = 0
    for event in generate_feed(population, seed=seed, as_of=as_of):
        out.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
        count += 1
    err.write(f"{count:,} events about {children:,} children written; organisations in {orgs}")
