"""The demo's Northbridge gives the dashboard real figures, and a safeguarding partner to read them."""

import datetime as dt

import pytest

from macpu.access.models import Membership
from macpu.access.roles import Role
from macpu.core.actor import Actor
from macpu.demo.loader import demo_load
from macpu.partnership.selectors.dashboard import Period, partnership_dashboard
from macpu.synthetic.population import generate_population

START = dt.date(2026, 5, 1)

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_section() -> None:
    demo_load(population=generate_population(children=30, seed=3, start_date=START), seed=3)
    assert Membership.objects.filter(role=Role.SAFEGUARDING_PARTNER.value, user__username="partner.pat").exists()

    board = partnership_dashboard(
        actor=Actor.operator("test"), period=Period(dt.date(2025, 5, 1), START), area=None, today=START
    )

    attendance, reports, _, _ = board.section("participation").tables
    assert attendance.table.rows  # conferences and core groups now name who was invited and who came
    assert reports.table.rows
    assert [section.key for section in board.sections] == [
        "referrals",
        "re_referrals",
        "timeliness",
        "participation",
        "gap_findings",
        "disagreements",
    ]
