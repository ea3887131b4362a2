"""Time the gap rules over an area of 100,000 children and 3 million events, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/gaps.py [--children 100000] [--events 3000000] [--seed-children 5000]
                                        [--databases sqlite,postgresql] [--children-evaluated 100]

How the area is made (said again in the output): a seed area of `--seed-children` children is generated
(`macpu feed generate`) and imported through the real write path (`macpu feed import`). It is then copied
in bulk, straight into the tables, until the area holds `--children` children: each copy gets new ids for
its people, events, relationships and probable duplicates, and its own record ids. Last, each child is given
routine attended GP appointments, also written straight into the tables, until the area holds `--events`
events: the synthetic feed gives about 18 events a child over two years, the benchmark asks for 30. The
rules read people, relationships, probable duplicates, events and the people events name; identifiers,
names, addresses and event versions are not copied, as no rule reads them.

Then, in processes of their own:
- a full `macpu gaps run --quiet` over the area, timed from outside the process (every rule for every
  child as at today: the scheduled nightly run);
- re-evaluation after a new event: for `--children-evaluated` children chosen at random, a new event is
  recorded through the write path (`event_record`), then `gaps_evaluate` re-evaluates that child, as the
  background task does; the median and 95th percentile of the re-evaluation are printed.
PostgreSQL: a scratch database `macpu_benchmark` on 127.0.0.1:5432 (trust auth), dropped first.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from feed_import import fresh_database, run  # the sibling benchmark's helpers

ROOT = Path(__file__).resolve().parents[1]
MACPU = str(ROOT / ".venv" / "bin" / "macpu")
SETTINGS = "macpu.config.settings.development"
BATCH = 5_000


# ---------------------------------------------------------------------------
# Inside a Django process: copying the seed area, padding it, measuring


def _django() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()


def _batches(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def copy_area(children_wanted: int, events_wanted: int) -> dict[str, int]:
    """Copy the seed's people and events until `children_wanted`, then pad to `events_wanted` events."""
    _django()
    from django.db import transaction

    from macpu.core.database import insert_rows, planner_statistics_refresh
    from macpu.events.models import Event, EventPerson
    from macpu.people.models import Person, PersonKind, ProbableDuplicate, Relationship

    people = list(Person.objects.values())
    events = list(Event.objects.values())
    named = list(EventPerson.objects.values("event_id", "person_id", "role"))
    relationships = list(Relationship.objects.values())
    duplicates = list(ProbableDuplicate.objects.values())
    seed_children = sum(1 for person in people if person["kind"] == PersonKind.CHILD)
    copies = max(0, -(-children_wanted // seed_children) - 1)  # the seed is the first copy
    for copy in range(1, copies + 1):
        person_ids = {row["id"]: uuid.uuid4() for row in people}
        event_ids = {row["id"]: uuid.uuid4() for row in events}
        with transaction.atomic():
            insert_rows(Person, [Person(**{**row, "id": person_ids[row["id"]]}) for row in people])
            for rows in _batches(events):
                insert_rows(Event, [_copied_event(Event, row, copy, person_ids, event_ids) for row in rows])
            insert_rows(
                EventPerson,
                [
                    EventPerson(
                        event_id=event_ids[row["event_id"]], person_id=person_ids[row["person_id"]], role=row["role"]
                    )
                    for row in named
                ],
            )
            insert_rows(
                Relationship,
                [
                    Relationship(**{**row, "id": uuid.uuid4(), "person_id": person_ids[row["person_id"]],
                                    "relative_id": person_ids[row["relative_id"]]})
                    for row in relationships
                ],
            )  # fmt: skip
            insert_rows(
                ProbableDuplicate,
                [
                    ProbableDuplicate(**{**row, "id": uuid.uuid4(), "person_id": person_ids[row["person_id"]],
                                         "candidate_id": person_ids[row["candidate_id"]]})
                    for row in duplicates
                ],
            )  # fmt: skip
        print(f"  copy {copy}/{copies} written", file=sys.stderr, flush=True)
    padded = _pad_with_appointments(events_wanted)
    planner_statistics_refresh()
    return {
        "seed_children": seed_children,
        "copies": copies + 1,
        "children": Person.objects.filter(kind=PersonKind.CHILD).count(),
        "events": Event.objects.count(),
        "padding": padded,
    }


def _copied_event(model: Any, row: dict[str, Any], copy: int, people: dict[Any, Any], events: dict[Any, Any]) -> Any:
    suffix = f"~{copy}"
    return model(
        **{
            **row,
            "id": events[row["id"]],
            "child_id": people[row["child_id"]],
            "record_id": row["record_id"] + suffix,
            "ref_record_id": row["ref_record_id"] + suffix if row["ref_record_id"] else "",
            "ref_event_id": events.get(row["ref_event_id"]),
        }
    )


def _pad_with_appointments(events_wanted: int) -> int:
    """Routine attended GP appointments, every few weeks over the last two years, until the area has its events."""
    from django.db import transaction

    from macpu.core import clock
    from macpu.core.database import insert_rows
    from macpu.events.models import Event
    from macpu.organisations.models import Organisation
    from macpu.people.models import Person, PersonKind

    children = list(Person.objects.filter(kind=PersonKind.CHILD, is_unborn=False).values_list("id", flat=True))
    missing = events_wanted - Event.objects.count()
    if missing <= 0 or not children:
        return 0
    practices = list(Organisation.objects.filter(type="gp_practice").values_list("id", flat=True))
    each, extra = divmod(missing, len(children))
    today, now = clock.today(), clock.now()
    written = 0
    rows: list[Event] = []
    for number, child_id in enumerate(children):
        practice = practices[number % len(practices)]
        count = each + (1 if number < extra else 0)
        for visit in range(count):
            day = today - dt.timedelta(days=7 + (visit * 730) // max(1, count))
            record_id = f"PAD-{number}-{visit}"
            rows.append(
                Event(
                    organisation_id=practice, record_id=record_id, type="health_appointment", child_id=child_id,
                    occurred_on=day, recorded_at=now, received_at=now, author_role="practice nurse",
                    details={"service": "gp", "outcome": "attended"}, content_hash=record_id,
                )
            )  # fmt: skip
        if len(rows) >= BATCH:
            with transaction.atomic():
                insert_rows(Event, rows)
            written, rows = written + len(rows), []
    with transaction.atomic():
        insert_rows(Event, rows)
    return written + len(rows)


def measure_reevaluation(children_evaluated: int) -> dict[str, float]:
    """A new event for a random child through the write path, then that child re-evaluated: as the task does."""
    _django()
    from django.db import transaction

    from macpu.core import clock
    from macpu.core.actor import Actor
    from macpu.events.rules.feed_format import EventSubmission, parse_event
    from macpu.events.services.recording import event_record
    from macpu.events.services.session import RecordingSession
    from macpu.gaps.services import gaps_evaluate
    from macpu.people.models import Person, PersonKind

    operator = Actor.operator("benchmark")
    ids = list(Person.objects.filter(kind=PersonKind.CHILD, is_unborn=False).values_list("id", flat=True))
    chosen = random.Random(2026).sample(ids, min(children_evaluated, len(ids)))
    practice = "Y91001" if _organisation_exists("Y91001") else _first_practice_code()
    seconds = []
    for number, child_id in enumerate(chosen):
        child = Person.objects.get(id=child_id)
        payload = {
            "record_id": f"BENCH-{number}",
            "org": practice,
            "type": "health_appointment",
            "occurred_at": (clock.today() - dt.timedelta(days=1)).isoformat(),
            "subject": {
                "given_name": child.given_name,
                "family_name": child.family_name,
                "date_of_birth": "2020-01-01",
            },
            "details": {"service": "gp", "outcome": "was_not_brought"},
        }
        submission = parse_event(payload, today=clock.today(), london=clock.LONDON)
        if not isinstance(submission, EventSubmission):
            sys.exit(f"the benchmark's event is refused: {submission}")
        with transaction.atomic():  # the child is known, as on the form of the child's own page
            event_record(
                actor=operator, submission=submission, received_via="benchmark", session=RecordingSession(),
                known_child=child,
            )  # fmt: skip
        started = time.perf_counter()
        gaps_evaluate(actor=operator, child_ids=[child_id])
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    return {
        "children": len(seconds),
        "median_ms": 1000 * statistics.median(seconds),
        "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))],
    }


def _organisation_exists(code: str) -> bool:
    from macpu.organisations.models import Organisation

    return Organisation.objects.filter(code=code).exists()


def _first_practice_code() -> str:
    from macpu.organisations.models import Organisation

    return Organisation.objects.filter(type="gp_practice").order_by("code").values_list("code", flat=True)[0]


# ---------------------------------------------------------------------------
# Outside: one database after another


def _inside(step: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--inside", step, *args],
        env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS},
        check=False,
        text=True,
        stdout=subprocess.PIPE,
    )
    if result.returncode != 0:
        sys.exit(f"{step} failed ({result.returncode})")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(kind: str, feed: Path, orgs: Path, folder: Path, options: argparse.Namespace) -> None:
    env = fresh_database(kind, folder)
    registered = run(["orgs", "import", str(orgs)], env)
    if registered.returncode != 0:
        sys.exit(f"orgs import failed: {registered.stdout[-2000:]} {registered.stderr[-2000:]}")
    started = time.perf_counter()
    imported = run(["feed", "import", str(feed)], env)
    if imported.returncode not in (0, 2):
        sys.exit(f"import failed: {imported.stderr[-2000:]}")
    print(f"{kind}: seed area imported through the write path in {time.perf_counter() - started:,.0f} s")
    started = time.perf_counter()
    area = _inside("copy", env, str(options.children), str(options.events))
    print(
        f"{kind}: area written in bulk straight into the tables in {time.perf_counter() - started:,.0f} s: "
        f"{area['children']:,} children ({area['copies']} copies of {area['seed_children']:,}), "
        f"{area['events']:,} events ({area['padding']:,} of them routine GP appointments added)"
    )
    started = time.perf_counter()
    ran = run(["gaps", "run", "--quiet"], env)
    seconds = time.perf_counter() - started
    if ran.returncode != 0:
        sys.exit(f"gaps run failed: {ran.stderr[-2000:]}")
    print(f"{kind}: full `macpu gaps run` in {seconds:,.1f} s ({seconds / 60:.1f} minutes)")
    for line in ran.stdout.strip().splitlines():
        print(f"{kind}:   {line}")
    again = _inside("reevaluate", env, str(options.children_evaluated))
    print(
        f"{kind}: re-evaluating one child after a new event ({again['children']:.0f} children): "
        f"median {again['median_ms']:.1f} ms, p95 {again['p95_ms']:.1f} ms"
    )


def generate_seed(children: int, folder: Path) -> tuple[Path, Path]:
    feed, orgs = folder / "seed.jsonl", folder / "orgs.csv"
    with feed.open("w") as out:
        subprocess.run(
            [MACPU, "feed", "generate", "--children", str(children), "--seed", "6", "--orgs", str(orgs)],
            stdout=out,
            check=True,
            text=True,
            stderr=subprocess.PIPE,
        )
    return feed, orgs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=3_000_000)
    parser.add_argument("--seed-children", type=int, default=5_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--children-evaluated", type=int, default=100)
    parser.add_argument("--inside", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inside:
        step, *args = options.inside
        found = copy_area(int(args[0]), int(args[1])) if step == "copy" else measure_reevaluation(int(args[0]))
        print(json.dumps(found))
        return
    os.environ.setdefault("MACPU_ENV", "development")
    with tempfile.TemporaryDirectory(prefix="macpu-bench-") as name:
        folder = Path(name)
        feed, orgs = generate_seed(options.seed_children, folder)
        print(f"seed area: {options.seed_children:,} children, {sum(1 for _ in feed.open()):,} events generated")
        for kind in options.databases.split(","):
            measure(kind, feed, orgs, folder, options)


if __name__ == "__main__":
    main()
