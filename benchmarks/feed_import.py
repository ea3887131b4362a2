"""Import a generated feed of 100,000 events and print events per second on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/feed_import.py [--events 100000] [--databases sqlite,postgresql]

Each run starts from an empty database (migrated, organisations imported), then times
`macpu feed import` in a child process. Memory: the child's peak resident set size is
printed for the full file and for a fifth of it, so growth with file size shows.
PostgreSQL: a scratch database `macpu_benchmark` on 127.0.0.1:5432 (trust auth), dropped first.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
MACPU = str(ROOT / ".venv" / "bin" / "macpu")
EVENTS_PER_CHILD = 18.2  # what the synthetic feed generates on average (checked below)
POSTGRES = "postgres://postgres@127.0.0.1:5432/macpu_benchmark"


# Runs a command as its child and reports that child's peak memory alone, on its last line of standard error.
PEAK_OF_ONE = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print('peak_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def run(args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MACPU, *args], env=env, check=False, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload]  # kwargs are subprocess.run's own


def generate(events: int, folder: Path) -> tuple[Path, Path, int]:
    children = max(1, round(events / EVENTS_PER_CHILD))
    feed, orgs = folder / "feed.jsonl", folder / "orgs.csv"
    with feed.open("w") as out:
        subprocess.run(
            [MACPU, "feed", "generate", "--children", str(children), "--seed", "11", "--orgs", str(orgs)],
            stdout=out,
            check=True,
            text=True,
            stderr=subprocess.PIPE,
        )
    lines = sum(1 for _ in feed.open())
    return feed, orgs, lines


def head(feed: Path, lines: int, folder: Path) -> Path:
    part = folder / f"feed-{lines}.jsonl"
    with feed.open() as source, part.open("w") as out:
        for number, line in enumerate(source):
            if number >= lines:
                break
            out.write(line)
    return part


def fresh_database(kind: str, folder: Path) -> dict[str, str]:
    env = {**os.environ, "MACPU_ENV": "development"}
    if kind == "sqlite":
        path = folder / f"bench-{time.monotonic_ns()}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS macpu_benchmark")
            connection.execute("CREATE DATABASE macpu_benchmark")
        env["DATABASE_URL"] = POSTGRES
    run(["migrate", "-v0"], env).check_returncode()
    return env


def timed_import(kind: str, feed: Path, orgs: Path, folder: Path) -> tuple[float, int, float, str]:
    env = fresh_database(kind, folder)
    run(["orgs", "import", str(orgs)], env).check_returncode()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PEAK_OF_ONE, MACPU, "feed", "import", str(feed)],
        env=env,
        check=False,
        text=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    peak_kib = int(result.stderr.strip().splitlines()[-1].split()[-1])
    if result.returncode not in (0, 2):
        sys.exit(f"import failed ({result.returncode}): {result.stderr[-2000:]}")
    summary = result.stdout.strip().splitlines()[-1]
    lines = int(re.search(r": ([\d,]+) lines", summary).group(1).replace(",", ""))  # type: ignore[union-attr]
    return seconds, lines, peak_kib / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="macpu-bench-") as name:
        folder = Path(name)
        feed, orgs, lines = generate(options.events, folder)
        print(f"generated {lines:,} events ({lines / max(1, round(options.events / EVENTS_PER_CHILD)):.1f} per child)")
        small = head(feed, lines // 5, folder)
        for kind in options.databases.split(","):
            # Each size runs in a process of its own, so the two peaks compare memory against file size.
            small_seconds, small_lines, small_mib, _ = timed_import(kind, small, orgs, folder)
            seconds, imported, peak_mib, summary = timed_import(kind, feed, orgs, folder)
            print(f"{kind}: {imported:,} events in {seconds:,.1f} s = {imported / seconds:,.0f} events per second")
            print(f"{kind}:   {summary}")
            print(
                f"{kind}:   peak memory of the import process: {small_mib:,.0f} MiB for {small_lines:,} events, "
                f"{peak_mib:,.0f} MiB for {imported:,}"
            )
            print(f"{kind}:   ({small_lines:,} events alone: {small_lines / small_seconds:,.0f} events per second)")


if __name__ == "__main__":
    main()
