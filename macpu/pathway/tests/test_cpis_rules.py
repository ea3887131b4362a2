"""The CP-IS rules (R31, R32), with hand-built plan records: no database."""

import datetime as dt

import pytest

from macpu.pathway.rules.cpis import (
    CSV_HEADER,
    CpisChild,
    CpisProblem,
    CpisRow,
    ResponsibleAuthority,
    changed_cpis_periods,
    child_flags,
    cpis_rows,
    csv_text,
    is_cpis_plan,
    open_cpis_periods,
    unmatched_end_problems,
)
from macpu.pathway.rules.plans import PlanPeriod, plan_history
from macpu.pathway.rules.records import StepRecord

pytestmark = pytest.mark.pure

RECORDED = dt.datetime(2026, 3, 24, 12, 0, tzinfo=dt.UTC)
COUNCIL = ResponsibleAuthority("873", "Northbridge Children's Services", "01632 960001", "01632 960999")
MAISIE = CpisChild(reference="child-1", nhs_number="9990000026")


def _step(id: str, type: str, day: dt.date, plan_type: str, ref: str | None = None, **details: str) -> StepRecord:
    return StepRecord(
        id=id,
        type=type,
        org="873",
        occurred_on=day,
        recorded_at=RECORDED,
        details={"plan_type": plan_type, **details},
        ref=ref,
    )


def _started(id: str, day: dt.date, plan_type: str = "child_protection", **details: str) -> StepRecord:
    return _step(id, "plan_started", day, plan_type, **details)


def _ended(id: str, day: dt.date, plan_type: str = "child_protection", ref: str | None = None) -> StepRecord:
    return _step(id, "plan_ended", day, plan_type, ref=ref)


def test_a_child_protection_plan_is_a_cpp_row_with_the_authority_and_its_numbers() -> None:
    # given
    history = plan_history([_started("s1", dt.date(2026, 3, 24))])
    # when
    found = cpis_rows(child=MAISIE, periods=open_cpis_periods(history), authorities={"s1": COUNCIL})
    # then
    assert found.rows == (
        CpisRow(
            child_reference="child-1",
            start_record="s1",
            plan_type="CPP",
            nhs_number="9990000026",
            started_on=dt.date(2026, 3, 24),
            ended_on=None,
            authority_name="Northbridge Children's Services",
            office_hours_phone="01632 960001",
            out_of_hours_phone="01632 960999",
        ),
    )
    assert found.problems == ()
    assert found.rows[0].sendable
    assert found.rows[0].csv_fields() == (
        "9990000026",
        "CPP",
        "2026-03-24",
        "",
        "Northbridge Children's Services",
        "01632 960001",
        "01632 960999",
        "",
        "",
    )


@pytest.mark.parametrize(
    ("plan_type", "legal_status", "carried"),
    [
        ("child_protection", "", True),
        ("unborn_child_protection", "", True),
        ("looked_after", "", True),
        ("looked_after", "s31", True),
        ("looked_after", "s38", True),
        ("looked_after", "s20", True),
        ("looked_after", "police_protection", False),
        ("child_in_need", "", False),
    ],
)
def test_cpis_carries_cpp_ucpp_and_looked_after_under_s31_s38_s20(
    plan_type: str, legal_status: str, carried: bool
) -> None:
    period = PlanPeriod(plan_type, dt.date(2026, 1, 5), "s1", legal_status=legal_status)
    assert is_cpis_plan(period) is carried


def test_an_ended_plan_carries_its_end_date_and_a_child_in_need_plan_is_left_out() -> None:
    # given
    records = [
        _started("s1", dt.date(2026, 3, 24)),
        _started("cin", dt.date(2026, 1, 5), "child_in_need"),
        _ended("e1", dt.date(2026, 9, 30), ref="s1"),
        _started("lac", dt.date(2026, 10, 1), "looked_after", legal_status="s20"),
    ]
    history = plan_history(records)
    # when
    periods = changed_cpis_periods(history, {"e1", "cin", "lac"})
    found = cpis_rows(child=MAISIE, periods=periods, authorities={"s1": COUNCIL, "lac": COUNCIL})
    # then
    assert [(row.plan_type, row.started_on, row.ended_on) for row in found.rows] == [
        ("CPP", dt.date(2026, 3, 24), dt.date(2026, 9, 30)),
        ("LAC", dt.date(2026, 10, 1), None),
    ]
    assert [period.plan_type for period in open_cpis_periods(history)] == ["looked_after"]


def test_a_plan_held_back_before_is_looked_at_again() -> None:
    history = plan_history([_started("s1", dt.date(2026, 3, 24))])
    assert changed_cpis_periods(history, set()) == ()
    assert [period.start_record for period in changed_cpis_periods(history, set(), held_back={"s1"})] == ["s1"]


def test_a_child_without_a_verified_nhs_number_is_flagged_and_the_row_held_back() -> None:
    # given
    child = CpisChild(reference="child-2", nhs_number=None)
    history = plan_history([_started("s1", dt.date(2026, 3, 24))])
    # when
    found = cpis_rows(child=child, periods=open_cpis_periods(history), authorities={"s1": COUNCIL})
    # then
    assert not found.rows[0].sendable
    assert found.problems == (CpisProblem("child-2", "On a child protection plan without a verified NHS number"),)
    assert child_flags(child, history) == found.problems
    assert child_flags(MAISIE, history) == ()


def test_a_child_no_longer_on_a_plan_is_not_flagged() -> None:
    child = CpisChild(reference="child-2", nhs_number=None)
    history = plan_history([_started("s1", dt.date(2026, 3, 24)), _ended("e1", dt.date(2026, 9, 30))])
    assert child_flags(child, history) == ()


def test_missing_phone_numbers_and_an_authority_not_in_social_care_are_problems_not_silent_blanks() -> None:
    # given
    school = ResponsibleAuthority("123456", "Hillside Primary School", "", "", is_childrens_social_care=False)
    history = plan_history([_started("s1", dt.date(2026, 3, 24))])
    # when
    found = cpis_rows(child=MAISIE, periods=open_cpis_periods(history), authorities={"s1": school})
    # then
    assert [problem.message for problem in found.problems] == [
        "On a child protection plan from 2026-03-24: the plan was started by Hillside Primary School, "
        "not a children's social care service",
        "Hillside Primary School has no office-hours phone number in its organisation record",
        "Hillside Primary School has no out-of-hours phone number in its organisation record",
    ]
    assert found.rows[0].sendable


def test_an_unknown_authority_is_a_problem() -> None:
    history = plan_history([_started("s1", dt.date(2026, 3, 24))])
    found = cpis_rows(child=MAISIE, periods=open_cpis_periods(history), authorities={})
    assert found.rows[0].authority_name == ""
    assert [problem.message for problem in found.problems] == [
        "On a child protection plan from 2026-03-24: the organisation that started the plan is not known"
    ]


def test_an_unborn_plan_is_filed_under_the_mothers_nhs_number_with_the_expected_date() -> None:
    # given
    unborn = CpisChild(
        reference="unborn-1",
        nhs_number=None,
        is_unborn=True,
        expected_date=dt.date(2027, 2, 20),
        mother_nhs_number="9990000042",
    )
    history = plan_history([_started("u1", dt.date(2026, 11, 2), "unborn_child_protection")])
    # when
    found = cpis_rows(child=unborn, periods=open_cpis_periods(history), authorities={"u1": COUNCIL})
    # then
    row = found.rows[0]
    assert (row.plan_type, row.nhs_number, row.mother_nhs_number, row.expected_date) == (
        "UCPP",
        "",
        "9990000042",
        dt.date(2027, 2, 20),
    )
    assert row.sendable
    assert found.problems == ()
    assert child_flags(unborn, history) == ()


def test_an_unborn_plan_without_the_mothers_verified_nhs_number_is_held_back_and_flagged() -> None:
    unborn = CpisChild(reference="unborn-1", nhs_number=None, is_unborn=True, expected_date=dt.date(2027, 2, 20))
    history = plan_history([_started("u1", dt.date(2026, 11, 2), "unborn_child_protection")])
    found = cpis_rows(child=unborn, periods=open_cpis_periods(history), authorities={"u1": COUNCIL})
    assert not found.rows[0].sendable
    assert [flag.message for flag in child_flags(unborn, history)] == [
        "On an unborn child protection plan, and the mother has no verified NHS number"
    ]


def test_a_baby_born_on_an_unborn_plan_prompts_for_their_nhs_number_and_plan() -> None:
    born = CpisChild(reference="baby-1", nhs_number=None, is_unborn=False, mother_nhs_number="9990000042")
    history = plan_history([_started("u1", dt.date(2026, 11, 2), "unborn_child_protection")])
    assert [flag.message for flag in child_flags(born, history)] == [
        "Born while on an unborn child protection plan: record the baby's NHS number, "
        "end the unborn plan and start the baby's own plan"
    ]


def test_a_plan_end_with_no_open_plan_is_a_problem_when_it_is_new() -> None:
    history = plan_history([_ended("e9", dt.date(2026, 5, 1)), _ended("cin", dt.date(2026, 5, 1), "child_in_need")])
    expected = (
        CpisProblem("child-1", "A plan end on 2026-05-01 (CPP) matches no open plan: nothing can be sent for it"),
    )
    assert unmatched_end_problems("child-1", history) == expected
    assert unmatched_end_problems("child-1", history, {"e9"}) == expected
    assert unmatched_end_problems("child-1", history, {"other"}) == ()


def test_the_file_is_a_header_and_a_line_a_row_and_a_formula_is_written_as_text() -> None:
    # given
    sneaky = ResponsibleAuthority("X", "=HYPERLINK(1)", "+44 1632 960001", "-1")
    history = plan_history([_started("s1", dt.date(2026, 3, 24))])
    rows = cpis_rows(child=MAISIE, periods=open_cpis_periods(history), authorities={"s1": sneaky}).rows
    # when
    text = csv_text(rows)
    # then
    assert text.split("\r\n") == [
        ",".join(CSV_HEADER),
        "9990000026,CPP,2026-03-24,,'=HYPERLINK(1),+44 1632 960001,'-1,,",
        "",
    ]
