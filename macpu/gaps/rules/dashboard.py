"""The MACPU dashboard's arithmetic: open findings counted by age, and the number open at the end of each week."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("Under a week", 7),
    ("1 to 4 weeks", 28),
    ("1 to 3 months", 91),
    ("Over 3 months", 10**6),
)


@dataclass(frozen=True)
class FindingSpan:
    """When a finding was raised, and when it stopped being open (None: open still)."""

    raised_on: dt.date
    closed_on: dt.date | None


def age_band(raised_on: dt.date, today: dt.date) -> str:
    days = (today - raised_on).days
    return next(label for label, under in AGE_BANDS if days < under)


def open_each_week(spans: Sequence[FindingSpan], today: dt.date, weeks: int = 12) -> list[tuple[dt.date, int]]:
    """For each of the last `weeks` weeks, its last day (the last being today) and the findings open on it."""
    ends = [today - dt.timedelta(weeks=weeks - 1 - n) for n in range(weeks)]
    return [
        (end, sum(1 for s in spans if s.raised_on <= end and (s.closed_on is None or s.closed_on > end)))
        for end in ends
    ]
