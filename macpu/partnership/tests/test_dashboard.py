"""The partnership dashboard on a small built world: every section counted, suppressed, audited, and the same in
the selector, the API, the CSV and the command."""

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macpu.access.models import User
from macpu.audit.models import AuditEvent
from macpu.partnership.selectors.dashboard import Period, partnership_dashboard
from macpu.partnership.tests.world import World
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def _table(figures: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    return next(t for t in figures[section]["tables"] if t["key"] == key)


def _row(table: dict[str, Any], key: str) -> dict[str, Any]:
    return next(r for r in table["rows"] if r["key"] == key)


def _every_count(figures: dict[str, Any]) -> list[int | None]:
    counts: list[int | None] = []
    for section in ("referrals", "re_referrals", "timeliness", "participation", "gap_findings", "disagreements"):
        for table in figures[section]["tables"]:
            for row in table["rows"]:
                counts += [*row["counts"], row["total"]]
            counts += [*(table["column_totals"] or []), table["grand_total"]]
    return counts


@pytest.fixture
def figures(world: World, analyst_ali: User) -> dict[str, Any]:
    response = signed_in_client(analyst_ali).get("/api/v1/partnership/dashboard", MARCH | {"area": "873"})
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_no_published_count_is_from_1_to_4(figures: dict[str, Any]) -> None:
    assert not [count for count in _every_count(figures) if count is not None and 1 <= count <= 4]
    assert None in _every_count(figures)  # the police's one referral, at least, is withheld


def test_referrals_by_source_and_outcome(figures: dict[str, Any]) -> None:
    table = _table(figures, "referrals", "by_source")
    education = _row(table, "education")
    assert education["counts"][table["columns"].index("Strategy discussion")] == 6
    police = _row(table, "police")
    assert police["total"] is None  # one referral awaiting a decision: suppressed
    assert police["counts"][table["columns"].index("Awaiting decision")] is None
    # The totals row (12 in all, 6 to strategy discussions) would give the police's 1 back: the 5 no further action
    # are withheld too, and so, down their column and along their row, are the family's 5.
    family = _row(table, "family")
    assert family["counts"][table["columns"].index("No further action")] is None
    assert family["total"] is None
    assert table["grand_total"] == 12


def test_re_referrals_within_12_months(figures: dict[str, Any]) -> None:
    row = _table(figures, "re_referrals", "re_referrals")["rows"][0]
    assert row["counts"] == [5, 7]
    assert row["total"] == 12
    assert row["derived"]["re_referral_rate"] == pytest.approx(41.7)


def test_timeliness_against_the_timescales(figures: dict[str, Any]) -> None:
    table = _table(figures, "timeliness", "timeliness")
    decision = _row(table, "referral_to_decision")
    # 6 decided the same day, 5 two working days later (over 1), the police's overdue one: 1, withheld with another
    assert decision["total"] == 12
    assert decision["counts"][0] is None or decision["counts"][1] is None
    assert decision["counts"][2] is None
    discussion = _row(table, "decision_to_strategy_discussion")
    assert discussion["counts"] == [6, 0, 0]
    assert discussion["derived"] == {"within_rate": 100.0, "median_working_days": 1.0}
    conference = _row(table, "strategy_discussion_to_initial_conference")
    assert conference["counts"] == [6, 0, 0]  # 3 March to 24 March: 15 working days
    assert conference["derived"]["median_working_days"] == 15.0


def test_participation_by_agency_type(figures: dict[str, Any]) -> None:
    attendance = _table(figures, "participation", "attendance")
    assert _row(attendance, "school")["counts"] == [0, 12, 0]
    assert _row(attendance, "police")["counts"] == [12, 0, 0]
    assert _row(attendance, "police")["derived"]["attended_when_invited_rate"] == 100.0
    reports = _table(figures, "participation", "reports")
    assert _row(reports, "gp_practice")["counts"] == [6, 0]
    assert _row(reports, "school")["counts"] == [0, 6]
    actions = _table(figures, "participation", "actions")
    assert _row(actions, "police")["counts"] == [6, 0, 0]
    answers = _table(figures, "participation", "information_requests")
    assert _row(answers, "gp_practice")["counts"] == [0, 6, 0]
    assert _row(answers, "gp_practice")["derived"]["median_working_days"] == 2.0


def test_disagreements_by_stage_and_outcome(figures: dict[str, Any]) -> None:
    table = _table(figures, "disagreements", "by_stage")
    assert table["columns"] == ["Open", "Resolved"]
    practitioner, manager = _row(table, "practitioner"), _row(table, "manager")
    assert practitioner["counts"][0] is None  # 4 still open at the practitioner stage
    assert manager["counts"][0] is None  # 1 escalated to the manager
    assert table["grand_total"] == 5


def test_the_api_names_the_field_for_bad_input(world: World, analyst_ali: User) -> None:
    client = signed_in_client(analyst_ali)
    assert "from" in client.get("/api/v1/partnership/dashboard", {"from": "2026-02-30", "to": "2026-03-31"}).json()
    assert "to" in client.get("/api/v1/partnership/dashboard", {"from": "2026-03-31", "to": "2026-03-01"}).json()
    unknown = client.get("/api/v1/partnership/dashboard", MARCH | {"area": "999"})
    assert unknown.status_code == 400
    assert "area" in unknown.json()


def test_a_case_worker_without_the_permission_is_refused(world: World, gp_ben: User) -> None:
    assert signed_in_client(gp_ben).get("/api/v1/partnership/dashboard", MARCH).status_code == 403


def test_each_read_is_audited_with_the_period_and_area_only(world: World, analyst_ali: User) -> None:
    partnership_dashboard(
        actor=actor_of(analyst_ali), period=Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), area=world.area
    )
    entry = AuditEvent.objects.filter(action="partnership.dashboard_viewed").get()
    assert not entry.child_id
    assert entry.details == {"from": "2026-03-01", "to": "2026-03-31", "area": "873"}


def test_the_page_shows_charts_with_tables_and_suppressed_cells(world: World, partner_pat: User) -> None:
    query = {"period_from_day": "1", "period_from_month": "3", "period_from_year": "2026"}
    query |= {"period_to_day": "31", "period_to_month": "3", "period_to_year": "2026", "area": "873"}
    page = signed_in_client(partner_pat).get("/partnership/", query)
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count('role="img"') >= 9
    assert 'id="referrals-by_source"' in text
    assert "[c]</abbr>" in text
    assert "Download referrals and their outcomes (CSV)" in text


def test_the_page_names_the_field_for_a_bad_date(world: World, partner_pat: User) -> None:
    query = {"period_from_day": "31", "period_from_month": "2", "period_from_year": "2026"}
    query |= {"period_to_day": "1", "period_to_month": "3", "period_to_year": "2026"}
    page = signed_in_client(partner_pat).get("/partnership/", query)
    assert page.status_code == 400
    assert "The first day must be a real date" in page.content.decode()


def test_the_csv_has_the_same_suppressed_figures(world: World, partner_pat: User, figures: dict[str, Any]) -> None:
    query = {"period_from_day": "1", "period_from_month": "3", "period_from_year": "2026"}
    query |= {"period_to_day": "31", "period_to_month": "3", "period_to_year": "2026", "area": "873"}
    response = signed_in_client(partner_pat).get("/partnership/download/re_referrals/", query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "Referrals in the period,5,7,12,41.7" in text
    police = signed_in_client(partner_pat).get("/partnership/download/referrals/", query).content.decode()
    police_row = next(line for line in police.splitlines() if line.startswith("Professional: police,"))
    assert police_row.split(",")[-2:] == ["[c]", "[c]"], police_row
    assert signed_in_client(partner_pat).get("/partnership/download/nothing/", query).status_code == 404


def test_the_command_prints_every_section_as_json(world: World, figures: dict[str, Any]) -> None:
    out = StringIO()
    call_command("report", "partnership", "--from", "2026-03-01", "--to", "2026-03-31", "--area", "873", stdout=out)
    printed = json.loads(out.getvalue())
    for key in ("referrals", "re_referrals", "timeliness", "participation", "gap_findings", "disagreements"):
        assert printed[key] == figures[key]
    assert AuditEvent.objects.filter(action="partnership.reported").count() == 1


def test_the_command_names_the_option_for_bad_input(world: World) -> None:
    with pytest.raises(CommandError, match="--area") as raised:
        call_command("report", "partnership", "--from", "2026-03-01", "--to", "2026-03-31", "--area", "999")
    assert raised.value.returncode == 2
    with pytest.raises(CommandError, match="--to"):
        call_command("report", "partnership", "--from", "2026-03-31", "--to", "2026-03-01")
    with pytest.raises(CommandError, match="--from"):
        call_command("report", "partnership", "--from", "31/03/2026", "--to", "2026-03-01")
