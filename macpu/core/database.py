"""Database housekeeping that Django has no API for."""

import datetime as dt
import operator
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone


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


def _target(field: models.Field) -> models.Field:  # type: ignore[type-arg]
    """The field whose kind of value a column holds: a foreign key holds its target's."""
    return field.target_field if field.is_relation else field  # type: ignore[attr-defined]


def _sqlite_uuid(value: Any) -> Any:
    """As Django's SQLite backend stores a UUID: 32 hex digits (a row may carry one as text)."""
    if isinstance(value, str):
        value = uuid.UUID(value)
    return value.hex if isinstance(value, uuid.UUID) else value


def _sqlite_moment(value: Any) -> Any:
    """As Django's SQLite backend stores an aware date-time: naive UTC, as text."""
    return str(value.astimezone(dt.UTC).replace(tzinfo=None)) if isinstance(value, dt.datetime) else value


def _adapter(field: models.Field, connection: BaseDatabaseWrapper, now: dt.datetime) -> Callable[[models.Model], Any]:  # type: ignore[type-arg]
    """How to read the database value of `field` from a row that is being created.

    The common kinds are adapted here as Django's backends adapt them (psycopg takes UUIDs and date-times as
    they are; SQLite stores them as text), a hundred times a batch cheaper than asking the field each time.
    """
    attname, kind = field.attname, _target(field)
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        stamp = _sqlite_moment(now) if connection.vendor == "sqlite" else now

        def stamped(row: models.Model) -> Any:
            setattr(row, attname, now)  # one moment for the batch's rows, as they are written together
            return stamp

        return stamped
    if isinstance(field, _AS_THEY_ARE) and not field.is_relation:
        return operator.attrgetter(attname)
    if isinstance(kind, models.UUIDField | models.DateField) and not isinstance(kind, models.DateTimeField):
        read = operator.attrgetter(attname)
        if connection.vendor == "sqlite" and isinstance(kind, models.UUIDField):
            return lambda row: _sqlite_uuid(read(row))
        if connection.vendor == "sqlite":
            return lambda row: None if (value := read(row)) is None else value.isoformat()
        return read
    if isinstance(kind, models.DateTimeField):
        read = operator.attrgetter(attname)
        return (lambda row: _sqlite_moment(read(row))) if connection.vendor == "sqlite" else read
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
    now = timezone.now()
    adapters = [_adapter(field, connection, now) for field in fields]
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
