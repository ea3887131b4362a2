"""The dashboard's arithmetic: age bands and the number open at the end of each week."""

import datetime as dt

from macpu.gaps.rules.dashboard import FindingSpan, age_band, open_each_week

D = dt.date


def test_age_bands() -> None:
    today = D(2026, 11, 26)
    assert age_band(D(2026, 11, 20), today) == "Under a week"
    assert age_band(D(2026, 11, 19), today) == "1 to 4 weeks"
    assert age_band(D(2026, 10, 1), today) == "1 to 3 months"
    assert age_band(D(2026, 8, 1), today) == "Over 3 months"


def test_a_finding_counts_in_the_weeks_it_was_open() -> None:
    today = D(2026, 11, 26)
    spans = [FindingSpan(D(2026, 11, 10), None), FindingSpan(D(2026, 11, 1), D(2026, 11, 20))]
    weekly = dict(open_each_week(spans, today, weeks=4))
    assert weekly == {D(2026, 11, 5): 1, D(2026, 11, 12): 2, D(2026, 11, 19): 2, D(2026, 11, 26): 1}
