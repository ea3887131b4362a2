"""T16 Unlinked duplicates: one finding per probable duplicate person, to data quality."""

import datetime as dt

from macpu.gaps.rules.base import GapRecord, Recipient, Whose, defaults
from macpu.gaps.rules.t16_unlinked_duplicates import RULE
from macpu.gaps.rules.tests.facts import facts, rec

D = dt.date
T = defaults(RULE)


def duplicate(day: dt.date, org: str, name: str = "Cal Smith") -> GapRecord:
    return rec("unscheduled_care", day, org, whose=Whose.DUPLICATE, subject_name=name, setting="walk_in")


def test_a_probable_duplicate_fires_once_per_person_and_the_childs_own_records_do_not() -> None:
    own = rec("health_appointment", D(2026, 3, 1), "Y01001", outcome="attended")
    first, second = duplicate(D(2026, 3, 2), "RNB"), duplicate(D(2026, 4, 9), "123456")
    other = duplicate(D(2026, 4, 10), "RNB", "Callum Smyth")
    assert RULE.evaluate(facts([own], D(2026, 4, 20)), T) == []
    [cal, callum] = RULE.evaluate(facts([own, first, second, other], D(2026, 4, 20)), T)
    assert cal.rule == "T16"
    assert cal.arose_on == D(2026, 3, 2)
    assert cal.evidence == (first,)
    assert cal.recipients == (Recipient.DATA_QUALITY,)
    assert cal.explanation == (
        "'Cal Smith' is probably this child but is held apart: 2 records (1 by Northbridge Hospitals, 1 by "
        "Hillside Primary School; 2 March 2026 to 9 April 2026) with no verified identifier linking them to the "
        "child's own. A data quality officer should check and link or separate them; never merge them "
        "automatically."
    )
    assert callum.evidence == (other,)


def test_the_same_duplicate_keeps_its_key_and_another_duplicate_has_its_own() -> None:
    first = duplicate(D(2026, 3, 2), "RNB")
    [before] = RULE.evaluate(facts([first], D(2026, 3, 3)), T)
    [after] = RULE.evaluate(facts([first, duplicate(D(2026, 4, 9), "123456")], D(2026, 4, 20)), T)
    [other] = RULE.evaluate(facts([duplicate(D(2026, 3, 2), "RNB", "Callum Smyth")], D(2026, 3, 3)), T)
    assert before.key == after.key
    assert other.key != before.key
