"""Time a child's chronology page: a child with 5,000 events from 30 organisations, among 100,000 others' events.

    .venv/bin/python benchmarks/chronology.py [--events 100000] [--databases sqlite,postgresql] [--requests 50]

Each database starts empty; the area's generated feed (about 100,000 events) and then the
child's 5,000 events are imported through `macpu feed import`. A social worker of the
children's social care service then asks for the first page of 100 entries, and a filtered
page, through Django's whole request stack (middleware, access, audit, template) in a
process of its own; the script prints the median and 95th percentile server time.
It then exports the whole chronology as PDF through the background export's own path (the job asked for
as the page asks, then made by the task's body) and prints the time. Targets (issue 4): p95 under 150 ms
for a page; the PDF of all 5,000 entries under 60 s.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from feed_import import fresh_database, generate, run  # the sibling benchmark's helpers

CHILD_NHS_NUMBER = "9990000026"
CHILD_EVENTS = 5_000
ORGANISATIONS = 30

# Runs inside a Django process: sign a social worker in and time the pages.
MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from macpu.access.roles import Role
from macpu.access.services import membership_start, user_create
from macpu.core.actor import Actor
from macpu.core import clock
from macpu.organisations.models import Organisation
from macpu.people.models import Identifier
from django.db import transaction

requests, council_code = int(sys.argv[1]), sys.argv[2]
operator = Actor.operator("benchmark")
with transaction.atomic():
    user = user_create(actor=operator, username="bench.sw", first_name="Bench", last_name="Worker", email="", password=None)
    council = Organisation.objects.get(code=council_code)
    membership_start(actor=operator, user=user, organisation_id=council.id, role=Role.SOCIAL_WORKER, starts_on=clock.today())
child_id = Identifier.objects.get(scheme="nhs_number", value=sys.argv[3], valid_to__isnull=True).person_id
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)

def timed(query):
    url = f"/children/{child_id}/chronology/" + query
    assert client.get(url).status_code == 200  # warm
    seconds = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    seconds.sort()
    return {"median_ms": 1000 * statistics.median(seconds), "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))]}

def pdf_of_the_whole_chronology():
    # The background export's own path: sized and asked for as the page does, then made by the task's body.
    from macpu.access.selectors import actor_for_user
    from macpu.chronology.rules.filters import ChronologyFilter
    from macpu.chronology.tasks import chronology_pdf_in_background, chronology_pdf_size, make_chronology_pdf
    from macpu.exports.models import ExportJob

    actor = actor_for_user(user=user, membership_id=None)
    started = time.perf_counter()
    entries = chronology_pdf_size(actor=actor, child_id=child_id, filters=ChronologyFilter())
    job = chronology_pdf_in_background(actor=actor, child_id=child_id, filters=ChronologyFilter(), expected=entries)
    asked = time.perf_counter()
    make_chronology_pdf.call(str(job.id))
    seconds, asking = time.perf_counter() - asked, asked - started
    made = ExportJob.objects.get(id=job.id)
    assert made.status == "ready", made.message
    return {"seconds": seconds, "asking": asking, "entries": entries, "bytes": made.size}

print(json.dumps({
    "first_page": timed(""),
    "filtered_page": timed("?sector=health&from=2020-01-01&order=oldest"),
    "pdf": pdf_of_the_whole_chronology(),
}))
"""


def child_feed(orgs_csv: Path, folder: Path) -> Path:
    """5,000 events about one child from 30 organisations: concerns, appointments, attendance, incidents."""
    rows = [line.split(",") for line in orgs_csv.read_text().splitlines()[1:]]
    codes = [row[0] for row in rows if row[3] in {"health", "education", "police", "social_care"}][:ORGANISATIONS]
    sectors = {row[0]: row[3] for row in rows}
    subject = {
        "given_name": "Jayden",
        "family_name": "Marsh",
        "date_of_birth": "2015-06-14",
        "nhs_number": CHILD_NHS_NUMBER,
        "nhs_number_verified": True,
    }
    start = dt.date(2015, 6, 14)
    path = folder / "child.jsonl"
    with path.open("w") as out:
        for n in range(CHILD_EVENTS):
            org = codes[n % len(codes)]
            day = start + dt.timedelta(days=n * 4000 // CHILD_EVENTS)
            event: dict[str, object] = {"record_id": f"BENCH-{n}", "org": org, "occurred_at": day.isoformat()}
            if sectors[org] == "health":
                event |= {"type": "health_appointment", "details": {"service": "gp", "outcome": "attended"}}
            elif sectors[org] == "police":
                event |= {"type": "police_incident", "details": {"domestic_abuse": n % 3 == 0}}
                event["sensitivity"] = "restricted"
            else:
                event |= {"type": "concern", "details": {"categories": ["neglect"]}}
            event |= {"subject": subject, "summary": f"Entry {n} of the benchmark child's history"}
            out.write(json.dumps(event) + "\n")
    return path


def measure(kind: str, feed: Path, orgs: Path, child: Path, folder: Path, requests: int) -> dict[str, dict[str, float]]:
    env = fresh_database(kind, folder)
    run(["orgs", "import", str(orgs)], env).check_returncode()
    for path in (feed, child):
        result = run(["feed", "import", str(path)], env)
        if result.returncode not in (0, 2):
            sys.exit(f"import failed: {result.stderr[-2000:]}")
    council = next(line.split(",")[0] for line in orgs.read_text().splitlines() if ",childrens_social_care," in line)
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(requests), council, CHILD_NHS_NUMBER],
        env={**env, "DJANGO_SETTINGS_MODULE": "macpu.config.settings.development"},
        check=True,
        text=True,
        capture_output=True,
    )
    return json.loads(measured.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    os.environ.setdefault("MACPU_ENV", "development")
    with tempfile.TemporaryDirectory(prefix="macpu-bench-") as name:
        folder = Path(name)
        feed, orgs, lines = generate(options.events, folder)
        child = child_feed(orgs, folder)
        print(f"{lines:,} other events; one child with {CHILD_EVENTS:,} events from {ORGANISATIONS} organisations")
        for kind in options.databases.split(","):
            figures = measure(kind, feed, orgs, child, folder, options.requests)
            pdf = figures.pop("pdf")
            for page, times in figures.items():
                print(
                    f"{kind}: {page.replace('_', ' ')} of 100 entries: median {times['median_ms']:.0f} ms, "
                    f"p95 {times['p95_ms']:.0f} ms over {options.requests} requests"
                )
            print(
                f"{kind}: PDF of the whole chronology ({pdf['entries']:,.0f} entries, {pdf['bytes'] / 1e6:.1f} MB) "
                f"made by the export task in {pdf['seconds']:.1f} s (asked for in {pdf['asking']:.1f} s)"
            )


if __name__ == "__main__":
    main()
