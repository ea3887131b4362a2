"""T12 Cumulative harm: 8 points in 12 months from at least 2 agencies."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t12_cumulative_harm import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def wnb(day: dt.date) -> GapRecord:
    return rec("health_appointment", day, "Y01001", service="gp", outcome="was_not_brought")


def four_agencies() -> list[GapRecord]:
    return [
        rec(
            "school_attendance",
            D(2026, 2, 13),
            "123456",
            period_start="2026-01-05",
            period_end="2026-02-13",
            attendance_percent=85,
            unexplained_absences=2,
        ),
        rec("police_incident", D(2026, 2, 14), "NBP", domestic_abuse=False, child_present=True),
        wnb(D(2026, 3, 2)),
        rec("unscheduled_care", D(2026, 4, 1), "RNB", setting="emergency_department", injury=True),
    ]


def test_eight_points_from_several_agencies_fire_and_six_do_not() -> None:
    [finding] = RULE.evaluate(facts(four_agencies(), D(2026, 5, 1)), T)
    assert finding.rule == "T12"
    assert finding.arose_on == D(2026, 4, 1)
    assert finding.recipients == (Recipient.MACPU,)
    assert finding.explanation == (
        "Low-level concerns from 4 agencies score 8 points in the 365 days to 1 May 2026 (threshold 8); no single "
        "agency's records reach it alone: Hillside Primary School, 2 points: attendance 85% and 2 unexplained "
        "absences from 5 January to 13 February 2026; Northbridge Police, 2 points: police incident 14 February 2026; Riverside Medical "
        "Practice, 2 points: not brought 2 March 2026; Northbridge Hospitals, 2 points: emergency department with "
        "an injury 1 April 2026. Discuss at the MACPU with the merged chronology."
    )
    assert RULE.evaluate(facts(four_agencies()[1:], D(2026, 5, 1)), T) == []


def test_a_school_period_scores_below_90_percent_or_from_5_unexplained_absences() -> None:
    others = four_agencies()[1:]

    def school(percent: float, unexplained: int) -> GapRecord:
        return rec(
            "school_attendance",
            D(2026, 2, 13),
            "123456",
            period_start="2026-01-05",
            period_end="2026-02-13",
            attendance_percent=percent,
            unexplained_absences=unexplained,
        )

    assert RULE.evaluate(facts([school(90, 4), *others], D(2026, 5, 1)), T) == []
    assert RULE.evaluate(facts([school(89.9, 0), *others], D(2026, 5, 1)), T) != []
    assert RULE.evaluate(facts([school(95, 5), *others], D(2026, 5, 1)), T) != []


def test_one_agency_alone_does_not_fire_unless_configured_to() -> None:
    missed = [wnb(D(2026, month, 2)) for month in (1, 2, 3, 4)]
    assert RULE.evaluate(facts(missed, D(2026, 5, 1)), T) == []
    [finding] = RULE.evaluate(facts(missed, D(2026, 5, 1)), {**T, "min_agencies": 1})
    assert "Riverside Medical Practice's alone reach it" in finding.explanation


def test_the_same_evidence_has_the_same_key_and_a_new_window_a_new_one() -> None:
    records = four_agencies()
    [first] = RULE.evaluate(facts(records, D(2026, 5, 1)), T)
    later = rec("unscheduled_care", D(2026, 5, 5), "RNB", setting="minor_injury_unit")
    [after] = RULE.evaluate(facts([*records, later], D(2026, 5, 10)), T)
    assert after.key == first.key  # events after the crossing are shown, not made a new finding
    assert "minor injury unit 5 May 2026" in after.explanation
    # by 13 February 2027 the school's period has left the window; a new missed appointment crosses again
    [renewed] = RULE.evaluate(facts([*records, wnb(D(2027, 1, 10))], D(2027, 2, 13)), T)
    assert renewed.key != first.key
