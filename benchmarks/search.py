"""Time "is this child known?" over 1,000,000 people on SQLite and PostgreSQL, and count how often it finds the child.

    .venv/bin/python benchmarks/search.py [--people 1000000] [--queries 300] [--databases sqlite,postgresql]
                                          [--seed 42] [--keep FOLDER]

The area (said again in the output): `--people` children drawn by `benchmarks/linkage_data.py` (Faker `en_GB`
names and postcodes, 8% double-barrelled family names, NHS numbers in the 999 range on 70% of them, 1% twins
sharing family name, date of birth and postcode), written in bulk straight into the tables macpu's search
reads (people, their names, addresses and NHS numbers, and their search keys made by
`people.rules.search_keys`, as `macpu people reindex-search` makes them), with one children's social care
organisation involved with every child, so that its social worker may see each one.

The queries: `--queries` children chosen at random, each searched for as another agency would describe them
(`World.variant`: a mistyped, familiar or initial-only given name, a mistyped or changed family name, a new
postcode or none), with the date of birth mistyped or with day and month swapped in exactly 20% of the
queries, and an NHS number in 30%. Each query runs `children_search` as that social worker, in this process,
after 20 warm-up queries, and the true child must be among the ten children returned. The time includes
making the keys, the SQL, scoring in Python, the access check and the audit entry.

PostgreSQL: a scratch database `macpu_benchmark` on 127.0.0.1:5432 (trust auth), dropped first (kept with
`--keep`), vacuumed and analysed after the area is written, as autovacuum would. With `--keep FOLDER` the area
stays (SQLite under FOLDER, PostgreSQL in `macpu_benchmark`) and a second run with the same options searches it
again without writing it (about 20 s instead of 12 minutes for 1,000,000).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from feed_import import POSTGRES, fresh_database, run  # the sibling benchmark's helpers
from linkage_data import Record, World, dob_typo, swap_day_month

ROOT = Path(__file__).resolve().parents[1]
BATCH = 20_000
WARM_UP = 20


def _django(env: dict[str, str]) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.update({"DATABASE_URL": env["DATABASE_URL"], "MACPU_ENV": "development"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macpu.config.settings.development")
    django.setup()


def _population(
    people: int, seed: int, chosen: set[int], *, write: bool = True
) -> tuple[World, dict[int, tuple[uuid.UUID, Record]]]:
    """Write the area in batches (or, with `write` false, only draw it again, for a database kept from an earlier
    run); keep only the chosen children's true records for the queries."""
    from django.db import transaction

    from macpu.core.database import insert_rows
    from macpu.core.models import Sensitivity
    from macpu.people.models import Address, Identifier, IdentifierScheme, NameKind, Person, PersonName, SearchKey
    from macpu.people.rules.search_keys import KeyedPerson, keys_of

    world = World(seed)
    kept: dict[int, tuple[uuid.UUID, Record]] = {}
    index = 0
    started = time.perf_counter()
    while index < people:
        batch: dict[type, list[object]] = {Person: [], PersonName: [], Address: [], Identifier: [], SearchKey: []}
        while index < people and (len(batch[Person]) < BATCH or not write):
            child = world.child(index)
            records = [child]
            if world.rng.random() < 0.01 and index + 1 < people:
                records.append(world.twin(child, index + 1))
            for record in records:
                person_id = uuid.UUID(int=index + 1)  # the same id for the same child when drawn again
                nhs_number = record.nhs_number if world.rng.random() < 0.7 else ""
                if index in chosen:
                    kept[index] = (person_id, record)
                if not write:  # drawn again only for the queries: the same random draws, nothing built
                    index += 1
                    continue
                batch[Person].append(
                    Person(
                        id=person_id,
                        kind="child",
                        given_name=record.given_name,
                        family_name=record.family_name,
                        date_of_birth=record.date_of_birth,
                        sex=record.sex,
                    )
                )
                batch[PersonName].append(
                    PersonName(
                        person_id=person_id,
                        given_name=record.given_name,
                        family_name=record.family_name,
                        kind=NameKind.USUAL,
                    )
                )
                batch[Address].append(
                    Address(person_id=person_id, postcode=record.postcode, sensitivity=Sensitivity.STANDARD)
                )
                if nhs_number:
                    batch[Identifier].append(
                        Identifier(person_id=person_id, scheme=IdentifierScheme.NHS_NUMBER, value=nhs_number)
                    )
                keyed = KeyedPerson(
                    names=((record.given_name, record.family_name),),
                    date_of_birth=record.date_of_birth,
                    postcodes=(record.postcode,),
                    nhs_numbers=(nhs_number,) if nhs_number else (),
                )
                batch[SearchKey] += [SearchKey(key=key, person_id=person_id) for key in keys_of(keyed)]
                index += 1
        if not write:
            continue
        with transaction.atomic():
            for model, rows in batch.items():
                insert_rows(model, rows)  # type: ignore[arg-type]
        print(f"  {index:,} people written ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return world, kept


def _involve_everyone(organisation_id: uuid.UUID) -> None:
    from django.db import connection

    quote = connection.ops.quote_name
    table = quote("access_involvement")
    ident = "lower(hex(randomblob(16)))" if connection.vendor == "sqlite" else "gen_random_uuid()"
    org = organisation_id.hex if connection.vendor == "sqlite" else str(organisation_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, created_at, updated_at, child_id, organisation_id, basis, claimed, started_at) "  # noqa: S608  # names from the schema, values bound
            f"SELECT {ident}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, id, %s, 'recorded', false, CURRENT_TIMESTAMP "
            f"FROM {quote('people_person')}",
            [org],
        )


def _searcher() -> object:
    from macpu.access.models import Membership, User
    from macpu.access.roles import Role
    from macpu.access.selectors import actor_for_user
    from macpu.organisations.models import Organisation
    from macpu.organisations.rules.vocabulary import SECTORS_FOR_TYPE, OrganisationType

    council = Organisation.objects.create(
        name="Benchmark Children's Services",
        type=OrganisationType.CHILDRENS_SOCIAL_CARE,
        sector=next(iter(SECTORS_FOR_TYPE[OrganisationType.CHILDRENS_SOCIAL_CARE])),
        code="999",
    )
    _involve_everyone(council.id)
    user = User.objects.create(username="bench.searcher", first_name="Bench", last_name="Searcher")
    Membership.objects.create(user=user, organisation=council, role=Role.SOCIAL_WORKER, starts_on=dt.date(2020, 1, 1))
    return actor_for_user(user=user, membership_id=None)


def _analyse(kind: str) -> None:
    """After a bulk load, autovacuum vacuums the new rows (so that index-only scans need not visit the table) and
    gathers the statistics PostgreSQL plans from, in any deployment; this machine's server runs with autovacuum
    off, so it is done here at once (VACUUM ANALYZE). SQLite is measured as macpu leaves it, without ANALYZE."""
    from django.db import connection

    if kind == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _searcher_again() -> object:
    from macpu.access.models import User
    from macpu.access.selectors import actor_for_user

    return actor_for_user(user=User.objects.get(username="bench.searcher"), membership_id=None)


def _query(world: World, record: Record, rng: random.Random, *, wrong_date: bool, with_nhs: bool) -> object:
    from macpu.people.selectors.search import ChildSearch

    variant = world.variant(record)
    born = record.date_of_birth
    if wrong_date:
        born = (swap_day_month(born) if rng.random() < 0.5 else None) or dob_typo(rng, born)
    return ChildSearch(
        nhs_number=record.nhs_number if with_nhs else "",
        given_name=variant.given_name,
        family_name=variant.family_name,
        date_of_birth=born,
        postcode=variant.postcode if rng.random() < 0.5 else "",
        sex=variant.sex if rng.random() < 0.5 else "",
    )


def _kept_database(kind: str, keep: Path | None) -> dict[str, str] | None:
    """The database of an earlier run with `--keep`, if there is one to reuse."""
    if keep is None or not (keep / "built").exists():
        return None
    url = f"sqlite:///{keep / 'search.sqlite3'}" if kind == "sqlite" else POSTGRES
    return {**os.environ, "MACPU_ENV": "development", "DATABASE_URL": url}


def _fresh_sqlite(path: Path) -> dict[str, str]:
    env = {**os.environ, "MACPU_ENV": "development", "DATABASE_URL": f"sqlite:///{path}"}
    run(["migrate", "-v0"], env).check_returncode()
    return env


def measure(kind: str, people: int, queries: int, seed: int, folder: Path, keep: Path | None) -> None:
    reused = _kept_database(kind, keep)
    if reused is not None:
        env = reused
    elif keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        env = _fresh_sqlite(keep / "search.sqlite3") if kind == "sqlite" else fresh_database(kind, keep)
    else:
        env = fresh_database(kind, folder)
    _django(env)
    from macpu.people.selectors.search import children_search

    rng = random.Random(seed + 1)
    chosen = set(rng.sample(range(people), queries + WARM_UP))
    started = time.perf_counter()
    world, kept = _population(people, seed, chosen, write=reused is None)
    actor = _searcher() if reused is None else _searcher_again()
    _analyse(kind)
    built = time.perf_counter() - started
    if keep is not None:
        (keep / "built").touch()
    order = sorted(kept)
    rng.shuffle(order)
    wrong = set(rng.sample(order[WARM_UP:], round(queries * 0.2)))
    with_nhs = set(rng.sample(order[WARM_UP:], round(queries * 0.3)))
    timings: list[float] = []
    found = 0
    for number, index in enumerate(order):
        person_id, record = kept[index]
        search = _query(world, record, rng, wrong_date=index in wrong, with_nhs=index in with_nhs)
        began = time.perf_counter()
        results = children_search(actor=actor, search=search)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - began
        if number < WARM_UP:
            continue
        timings.append(elapsed * 1000)
        found += any(match.person.id == person_id for match in results.visible)
    timings.sort()
    p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
    print(
        f"{kind}: {people:,} people {'written with their search keys' if reused is None else 'drawn again (area kept)'} "
        f"in {built:.0f} s; {len(timings)} queries "
        f"({len(wrong)} with a mistyped or swapped date of birth, {len(with_nhs)} with an NHS number): "
        f"true child in the top 10 for {found}/{len(timings)} ({100 * found / len(timings):.1f}%); "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--keep", type=Path, help="keep the area under this folder, and reuse it when run again with the same options"
    )
    args = parser.parse_args()
    kinds = args.databases.split(",")
    if len(kinds) > 1:
        # Each database in a process of its own: Django is set up once per process.
        for kind in kinds:
            again = [*sys.argv[1:], "--databases", kind]
            subprocess.run([sys.executable, __file__, *again], check=True)
        return
    keep = args.keep / kinds[0] if args.keep else None
    with tempfile.TemporaryDirectory() as folder:
        measure(kinds[0], args.people, args.queries, args.seed, Path(folder), keep)


if __name__ == "__main__":
    main()
