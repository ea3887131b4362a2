"""Time the pathway's reads over a generated area: a child's pathway page, an organisation's task list, reminders.

    .venv/bin/python benchmarks/pathway.py [--events 100000] [--databases sqlite,postgresql] [--requests 20]

Each database starts empty and imports the area's generated feed (about 100,000 events) through
`macpu feed import`. In a process of its own, a team manager of children's social care (involved with
every child the service knows) then asks, through Django's whole request stack, for the pathway page of
the child with the most pathway events and for the organisation's task list (every open step due from
the service, worked out when read). Last, the day's reminders are sent once over the whole area. The
script prints the median and 95th percentile server times, the number of children and tasks, and the
reminders' time. The pathway is worked out from events on every read (ADR 0013): these figures show
what that costs.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from feed_import import fresh_database, generate, run  # the sibling benchmark's helpers

MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.db import transaction
from django.db.models import Count
from django.test import Client
from macpu.access.roles import Role
from macpu.access.selectors import actor_for_user
from macpu.access.services import membership_start, user_create
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.pathway.rules.records import PATHWAY_TYPES
from macpu.pathway.services import pathway_reminders_send

requests, council_code = int(sys.argv[1]), sys.argv[2]
operator = Actor.operator("benchmark")
with transaction.atomic():
    user = user_create(actor=operator, username="bench.tm", first_name="Bench", last_name="Manager", email="", password=None)
    council = Organisation.objects.get(code=council_code)
    membership_start(actor=operator, user=user, organisation_id=council.id, role=Role.TEAM_MANAGER, starts_on=clock.today())
busiest = (
    Event.objects.filter(type__in=PATHWAY_TYPES).values("child_id").annotate(n=Count("id")).order_by("-n").first()
)
children = Event.objects.filter(type__in=PATHWAY_TYPES).values("child_id").distinct().count()
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)

def timed(url):
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    seconds = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    seconds.sort()
    return {"median_ms": 1000 * statistics.median(seconds), "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))]}

tasks = client.get("/api/v1/tasks?scope=organisation").json()
started = time.perf_counter()
sent = pathway_reminders_send(actor=actor_for_user(user=user, membership_id=None))
reminding = time.perf_counter() - started
print(json.dumps({
    "children": children,
    "busiest_events": busiest["n"],
    "tasks": len(tasks),
    "pathway_page": timed(f"/children/{busiest['child_id']}/pathway/"),
    "task_list": timed("/tasks/?scope=organisation"),
    "reminders": {"seconds": reminding, "sent": sent.reminders},
}))
"""


def measure(kind: str, feed: Path, orgs: Path, folder: Path, requests: int) -> dict[str, object]:
    env = fresh_database(kind, folder)
    run(["orgs", "import", str(orgs)], env).check_returncode()
    result = run(["feed", "import", str(feed)], env)
    if result.returncode not in (0, 2):
        sys.exit(f"import failed: {result.stderr[-2000:]}")
    council = next(line.split(",")[0] for line in orgs.read_text().splitlines() if ",childrens_social_care," in line)
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(requests), council],
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
    parser.add_argument("--requests", type=int, default=20)
    options = parser.parse_args()
    os.environ.setdefault("MACPU_ENV", "development")
    with tempfile.TemporaryDirectory(prefix="macpu-bench-") as name:
        folder = Path(name)
        feed, orgs, lines = generate(options.events, folder)
        print(f"{lines:,} events generated")
        for kind in options.databases.split(","):
            f = measure(kind, feed, orgs, folder, options.requests)
            page, tasks, reminders = f["pathway_page"], f["task_list"], f["reminders"]
            print(
                f"{kind}: {f['children']:,} children with a pathway; the busiest has {f['busiest_events']} pathway events"
            )
            print(f"{kind}: pathway page: median {page['median_ms']:.0f} ms, p95 {page['p95_ms']:.0f} ms")  # type: ignore[index]
            print(
                f"{kind}: children's social care task list ({f['tasks']:,} tasks): "
                f"median {tasks['median_ms']:.0f} ms, p95 {tasks['p95_ms']:.0f} ms"  # type: ignore[index]
            )
            print(f"{kind}: reminders over the area: {reminders['sent']:,} sent in {reminders['seconds']:.1f} s")  # type: ignore[index]


if __name__ == "__main__":
    main()
