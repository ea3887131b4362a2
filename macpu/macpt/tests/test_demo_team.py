"""The Northbridge demo has a multi-agency child protection team with all four statutory places filled."""

import datetime as dt

import pytest

from macpu.audit.models import AuditEvent
from macpu.demo.loader import MACPU_TEAM_NAME, demo_load
from macpu.macpt.selectors import teams_overview
from macpu.synthetic.population import generate_population

pytestmark = pytest.mark.django_db


def test_the_demo_area_has_a_complete_team_with_one_other_member() -> None:
    demo_load(population=generate_population(children=3, seed=5, start_date=dt.date(2026, 5, 1)), seed=5)
    [overview] = teams_overview(area=None, on=dt.date(2026, 5, 1))
    assert overview.team.name == MACPU_TEAM_NAME
    assert overview.missing == []
    assert sorted(m.membership for m in overview.members) == ["education", "health", "other", "police", "social_work"]
    assert {m.organisation.name for m in overview.members} >= {
        "Northbridge Constabulary",
        "Northbridge Health Visiting Service",
    }
    assert AuditEvent.objects.filter(action="macpt.member_added").count() == 5
