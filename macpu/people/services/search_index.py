"""Keeping each person's search keys (`people.rules.search_keys`) in step with their record.

The feed adds keys as it adds names, identifiers and addresses (`intake`, batched with the rest of its rows);
every other change to a person's names, date of birth, addresses or identifiers calls `search_keys_refresh`,
in the same transaction, which makes the stored keys exactly those the record gives.
`macpu people reindex-search` rebuilds them all.
"""

import uuid
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction

from macpu.people.models import Person, SearchKey
from macpu.people.rules.search_keys import keys_of
from macpu.people.selectors.candidates import keyed_people

# People read and rewritten at once: bounded so that a rebuild of millions keeps a small memory.
CHUNK = 2_000


def _chunks(ids: Iterable[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    chunk: list[uuid.UUID] = []
    for person_id in ids:
        chunk.append(person_id)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _refresh_chunk(person_ids: list[uuid.UUID]) -> tuple[int, int]:
    wanted = {(key, person_id) for person_id, person in keyed_people(person_ids).items() for key in keys_of(person)}
    held = set(SearchKey.objects.filter(person_id__in=person_ids).values_list("key", "person_id"))
    stale = held - wanted
    for key, person_id in stale:
        SearchKey.objects.filter(key=key, person_id=person_id).delete()
    SearchKey.objects.bulk_create([SearchKey(key=key, person_id=person_id) for key, person_id in wanted - held])
    return len(wanted - held), len(stale)


def search_keys_refresh(person_ids: Iterable[uuid.UUID]) -> tuple[int, int]:
    """Make these people's stored keys exactly what their records give; (keys added, keys removed)."""
    added = removed = 0
    with transaction.atomic():
        for chunk in _chunks(dict.fromkeys(person_ids)):
            more, fewer = _refresh_chunk(chunk)
            added, removed = added + more, removed + fewer
    return added, removed


def search_keys_rebuild(progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Every person's keys, checked and mended: (keys added, keys removed). Reports (done, total) as it goes."""
    total = Person.objects.count()
    added = removed = done = 0
    ids = Person.objects.order_by("id").values_list("id", flat=True).iterator(chunk_size=CHUNK)
    for chunk in _chunks(ids):
        with transaction.atomic():
            more, fewer = _refresh_chunk(chunk)
        added, removed, done = added + more, removed + fewer, done + len(chunk)
        if progress is not None:
            progress(done, total)
    if added or removed:
        _analyse_keys()
    return added, removed


def _analyse_keys() -> None:
    """Let the database plan searches from the keys as they now are (autovacuum would, later; SQLite keeps no
    statistics unless asked, and plans well without)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(SearchKey._meta.db_table)}")
