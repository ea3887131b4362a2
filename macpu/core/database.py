"""Database housekeeping that Django has no API for."""

from django.db import connection


def planner_statistics_refresh() -> None:
    """After a bulk load, let the query planner see the tables as they now are.

    PostgreSQL plans from statistics that autovacuum refreshes only some time later: just after a
    large feed import, a child's chronology page was planned as for the empty tables and took three
    times as long. SQLite keeps its statistics with `PRAGMA optimize`.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
