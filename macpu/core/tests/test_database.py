import pytest
from django.db import connection

from macpu.core.database import planner_statistics_refresh
from macpu.organisations.models import Area

pytestmark = pytest.mark.django_db


def test_planner_statistics_are_refreshed_on_either_database() -> None:
    Area.objects.create(name="Northbridge", la_code="873", partnership_name="Northbridge partnership")
    planner_statistics_refresh()
    statistics = {
        "postgresql": "SELECT count(*) FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL",
        # SQLite makes its statistics table on the first ANALYZE (rows only for indexes it judged worth it).
        "sqlite": "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statistics)
        assert cursor.fetchone()[0] > 0
