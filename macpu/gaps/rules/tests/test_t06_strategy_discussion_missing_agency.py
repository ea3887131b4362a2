"""T6 Strategy discussion missing a core agency, or an agency with an open record on the child."""

import datetime as dt
from typing import Any

from macpu.gaps.rules.base import GapRecord, Registered, defaults
from macpu.gaps.rules.t06_strategy_discussion_missing_agency import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def known_agencies() -> list[GapRecord]:
    """Records from the police and the hospital, so macpu knows their sectors."""
    return [
        rec("referral", D(2026, 3, 2), referrer_type="professional", referrer_org="NBP"),
        rec("police_incident", D(2026, 3, 1), "NBP", crime_against_child=True),
        rec("unscheduled_care", D(2026, 3, 1), "RNB", setting="emergency_department", injury=True),
    ]


def discussion(*orgs: str, invited: tuple[str, ...] = ("Y01001",), **details: Any) -> GapRecord:
    attendees = [{"org": org, "role": "attendee"} for org in orgs]
    return rec("strategy_discussion", D(2026, 3, 3), attendees=attendees, invited=list(invited), **details)


def test_a_discussion_without_health_fires_and_one_with_all_three_does_not() -> None:
    # given
    held = discussion("873", "NBP")
    # when
    [finding] = RULE.evaluate(facts([*known_agencies(), held], D(2026, 3, 5)), T)
    # then
    assert finding.rule == "T6"
    assert finding.evidence == (held,)
    assert finding.explanation == (
        "At the strategy discussion on 3 March 2026 (Northbridge Children's Services), no one from health took part."
    )
    assert RULE.evaluate(facts([*known_agencies(), discussion("873", "NBP", "RNB")], D(2026, 3, 5)), T) == []


def test_an_attendee_of_unknown_sector_is_named_and_a_recorded_reason_excuses_the_core_agencies() -> None:
    held = discussion("873", "NBP", "XYZ")
    [finding] = RULE.evaluate(facts([*known_agencies(), held], D(2026, 3, 5)), T)
    assert finding.explanation.endswith(
        "no one from health took part that macpu knows of (XYZ also attended: agency type unknown)."
    )
    police = {"NBP": Registered("Northbridge Constabulary", "police")}
    register = {"XYZ": Registered("Northbridge General Hospital", "health"), **police}
    held_with_police = discussion("873", "NBP", "XYZ")  # the register knows what the records do not
    assert RULE.evaluate(facts([held_with_police], D(2026, 3, 5), organisations=register), T) == []
    excused = discussion("873", "NBP", override_reason="Paediatrician unavailable; GP report read out")
    assert RULE.evaluate(facts([*known_agencies(), excused], D(2026, 3, 5)), T) == []


def test_the_gp_and_a_school_with_the_child_on_roll_must_be_invited() -> None:
    roll = rec("school_roll", D(2025, 9, 3), "123456", change="joined")
    held = discussion("873", "NBP", "RNB", invited=())
    [finding] = RULE.evaluate(facts([roll, *known_agencies(), held], D(2026, 3, 5)), T)
    assert finding.evidence == (held, roll)
    assert finding.explanation == (
        "At the strategy discussion on 3 March 2026 (Northbridge Children's Services), the registered GP (Y01001) "
        "and Hillside Primary School (the child's school) hold open records on the child but "
        "were neither invited nor took part."
    )
    seen = rec("health_appointment", D(2026, 1, 5), "Y01001", outcome="attended")
    [named] = RULE.evaluate(facts([seen, *known_agencies(), held], D(2026, 3, 5)), T)
    assert "Riverside Medical Practice (the registered GP) holds an open record on the child but was" in (
        named.explanation
    )
    left = rec("school_roll", D(2026, 2, 1), "123456", change="left")
    invited = discussion("873", "NBP", "RNB", invited=("Y01001",))
    assert RULE.evaluate(facts([roll, left, *known_agencies(), invited], D(2026, 3, 5)), T) == []


def test_only_the_latest_discussion_of_the_open_case_counts() -> None:
    first = discussion("873", "NBP")
    later = rec(
        "strategy_discussion", D(2026, 3, 4), attendees=[{"org": o, "role": "x"} for o in ("873", "NBP", "RNB")],
        invited=["Y01001"],
    )  # fmt: skip
    assert RULE.evaluate(facts([*known_agencies(), first, later], D(2026, 3, 5)), T) == []
    closed = rec("case_closed", D(2026, 3, 4), reason="No further concerns")
    assert RULE.evaluate(facts([*known_agencies(), first, closed], D(2026, 3, 5)), T) == []


def test_the_same_evidence_has_the_same_key_and_new_evidence_a_new_one() -> None:
    first = discussion("873", "NBP")
    [before] = RULE.evaluate(facts([*known_agencies(), first], D(2026, 3, 5)), T)
    [again] = RULE.evaluate(facts([*known_agencies(), first], D(2026, 3, 20)), T)
    later = rec("strategy_discussion", D(2026, 3, 10), attendees=[{"org": "873", "role": "x"}], invited=["Y01001"])
    [more] = RULE.evaluate(facts([*known_agencies(), first, later], D(2026, 3, 20)), T)
    assert before.key == again.key
    assert more.key != before.key
    assert "no one from the police or health took part" in more.explanation
