"""Database housekeeping that Django has no API for."""

import operator
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper


def planner_statistics_refresh() -> None:
    """After a bulk load, let the query planner see the tables as they now are.

    PostgreSQL plans from statistics that autovacuum refreshes only some time later: just after a
    large feed import, a child's chronology page was planned as for the empty tables and took three
    times as long. SQLite keeps its statistics with `PRAGMA optimize`.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


# Fields whose Python value goes to the database as it is; every other field adapts its value (dates, UUIDs, JSON).
_AS_THEY_ARE = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _adapter(field: models.Field, connection: BaseDatabaseWrapper) -> Callable[[models.Model], Any]:  # type: ignore[type-arg]
    """How to read the database value of `field` from a row that is being created."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda row: field.get_db_prep_save(field.pre_save(row, True), connection)
    attname = field.attname
    if isinstance(field, _AS_THEY_ARE) and not field.is_relation:
        return operator.attrgetter(attname)
    return lambda row: field.get_db_prep_save(getattr(row, attname), connection)


def insert_rows(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Write new rows of `model` in one go: `bulk_create` without its per-row SQL.

    Django compiles SQL for every row a bulk_create writes, which took half of a feed import's time. Here
    SQLite runs one INSERT, built once, for every row's values; PostgreSQL takes the rows by COPY. Rows
    carry their primary key (macpu's are UUIDs made in Python) or leave an auto-numbered one to the
    database (its ids are not read back onto the rows). Like bulk_create, no signal is sent and `save()`
    is not called.
    """
    if not rows:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    auto = model._meta.auto_field  # an integer id the database numbers: left out, as bulk_create does
    fields = [f for f in model._meta.concrete_fields if not (f is auto and all(row.pk is None for row in rows))]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    statement = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  # names from the model, values bound
    adapters = [_adapter(field, connection) for field in fields]
    values = [[adapt(row) for adapt in adapters] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one command: several times faster than INSERTs of many rows.
            copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row_values in values:
                    copy.write_row(row_values)
        else:
            cursor.executemany(statement, values)  # SQLite runs it in C, row after row, with no round trips
    for row in rows:
        row._state.adding, row._state.db = False, alias
