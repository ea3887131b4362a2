"""T13 Moved out of sight: a move to another authority, a school roll left for nowhere known, CP-IS from afar."""

import dataclasses
import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, defaults
from macpu.gaps.rules.t13_moved_out_of_sight import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = {**defaults(RULE), "home_la_code": 873}
PLAN = rec("plan_started", D(2026, 3, 2), plan_type="child_protection")


def moved(day: dt.date, la_code: str, postcode: str = "CB4 1AA") -> GapRecord:
    return rec("address_change", day, "Y01001", postcode=postcode, la_code=la_code)


def test_a_move_to_another_authority_during_a_plan_fires_and_a_move_within_the_area_does_not() -> None:
    away = moved(D(2026, 8, 3), "330")
    [finding] = RULE.evaluate(facts([PLAN, away], D(2026, 8, 4)), T)
    assert finding.rule == "T13"
    assert finding.arose_on == D(2026, 8, 3)
    assert finding.evidence == (away,)
    assert finding.recipients == (Recipient.LEAD_PRACTITIONER, Recipient.RECEIVING_LA)
    assert finding.explanation == (
        "Moved to another local authority (LA 330, postcode CB4 1AA) on 3 August 2026, as Riverside Medical "
        "Practice recorded, while a child protection plan is open. Tell the receiving authority: its transfer-in "
        "conference is due by 24 August 2026 (15 working days, local convention), and this area stays responsible "
        "until it is held."
    )
    assert RULE.evaluate(facts([PLAN, moved(D(2026, 8, 3), "873", "NB2 9ZZ")], D(2026, 8, 4)), T) == []
    cin = rec("plan_started", D(2026, 3, 2), plan_type="child_in_need")
    assert RULE.evaluate(facts([cin, away], D(2026, 8, 4)), T) == []


def test_a_sealed_move_is_weighed_but_its_postcode_is_not_told() -> None:
    refuge = dataclasses.replace(moved(D(2026, 8, 3), "330"), sensitivity="sealed")
    [finding] = RULE.evaluate(facts([PLAN, refuge], D(2026, 8, 4)), T)
    assert "(LA 330) on 3 August 2026" in finding.explanation
    assert "CB4" not in finding.explanation


def test_without_a_configured_home_the_earliest_address_stands_in_for_it() -> None:
    first, away = moved(D(2025, 6, 1), "873", "NB1 4AA"), moved(D(2026, 8, 3), "330")
    unset = defaults(RULE)
    assert len(RULE.evaluate(facts([first, PLAN, away], D(2026, 8, 4)), unset)) == 1
    assert RULE.evaluate(facts([PLAN, away], D(2026, 8, 4)), unset) == []  # nothing to compare with


def test_leaving_a_school_roll_for_nowhere_known_during_a_plan_fires() -> None:
    cin = rec("plan_started", D(2026, 3, 2), plan_type="child_in_need")
    left = rec("school_roll", D(2026, 7, 17), "123456", change="left", destination_known=False)
    [finding] = RULE.evaluate(facts([cin, left], D(2026, 7, 20)), T)
    assert finding.recipients == (Recipient.LEAD_PRACTITIONER, Recipient.RECORDING_SAFEGUARDING_LEAD)
    assert finding.explanation == (
        "Hillside Primary School took the child off its roll on 17 July 2026 with no known destination, while the "
        "child has a child in need plan: find where the child is living and whether they are in education."
    )
    known = rec("school_roll", D(2026, 7, 17), "123456", change="left", destination_known=True)
    assert RULE.evaluate(facts([cin, known], D(2026, 7, 20)), T) == []
    joined = rec("school_roll", D(2026, 9, 2), "654321", change="joined")
    assert RULE.evaluate(facts([cin, left, joined], D(2026, 9, 3)), T) == []
    assert RULE.evaluate(facts([left], D(2026, 7, 20)), T) == []


def test_a_cpis_access_after_the_child_moved_away_fires() -> None:
    away = moved(D(2026, 5, 3), "330")
    before = rec("cpis_access", D(2026, 5, 2), "RNB", setting="emergency department")
    after = rec("cpis_access", D(2026, 6, 1), "RNB", setting="emergency department")
    transferred = rec("conference", D(2026, 5, 20), kind="transfer_in", plan=True)
    assert RULE.evaluate(facts([PLAN, before, away, transferred], D(2026, 6, 2)), T) == []
    [finding] = RULE.evaluate(facts([PLAN, before, away, transferred, after], D(2026, 6, 2)), T)
    assert finding.evidence == (away, after)
    assert finding.explanation == (
        "Northbridge Hospitals (emergency department) looked up the child's child protection record on CP-IS on "
        "1 June 2026, while the child's last known address is in another local authority (LA 330, postcode "
        "CB4 1AA, since 3 May 2026, as Riverside Medical Practice recorded): the child may be out of sight of the "
        "authority responsible."
    )


def test_the_same_evidence_has_the_same_key_and_a_further_move_a_new_one() -> None:
    away, further = moved(D(2026, 8, 3), "330"), moved(D(2026, 9, 7), "331", "CB9 9ZZ")
    [first] = RULE.evaluate(facts([PLAN, away], D(2026, 8, 4)), T)
    [again] = RULE.evaluate(facts([PLAN, away, moved(D(2026, 8, 20), "330", "CB4 2BB")], D(2026, 8, 21)), T)
    [onward] = RULE.evaluate(facts([PLAN, away, further], D(2026, 9, 8)), T)
    assert first.key == again.key
    assert onward.key != first.key
    assert "after moving to LA 330 on 3 August 2026" in onward.explanation
