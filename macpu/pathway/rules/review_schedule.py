"""When each review child protection conference is due (brief R22).

The first review is due 3 calendar months after the initial conference; each later one
6 calendar months after the review actually held before it, so a late review moves the
ones after it. Month ends clamp (`add_months`); an area's own lengths replace the
defaults. Only the next unheld review is due: the ones after it depend on when it is held.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, Length, TimescaleCode, due_date
from macpu.workingdays.rules.working_days import WorkingCalendar

_FIRST_REVIEW = DEFAULT_TIMESCALES[TimescaleCode.FIRST_REVIEW_CONFERENCE]
_LATER_REVIEW = DEFAULT_TIMESCALES[TimescaleCode.LATER_REVIEW_CONFERENCE]


@dataclass(frozen=True)
class ReviewDue:
    """The `number`-th review conference (1 is the first review), its due date, and when it was held if it was."""

    number: int
    due: dt.date
    held_on: dt.date | None

    @property
    def held_late(self) -> bool:
        return self.held_on is not None and self.held_on > self.due


def review_schedule(
    initial_conference: dt.date,
    reviews_held: Iterable[dt.date],
    calendar: WorkingCalendar,
    *,
    first_review: Length | None = None,
    later_reviews: Length | None = None,
) -> list[ReviewDue]:
    """Every review held, with the date it was due, then the next review due; an area may set its own lengths."""
    held = sorted(reviews_held)
    if held and held[0] < initial_conference:
        raise ValueError(
            f"a review on {held[0].isoformat()} is before the initial conference on {initial_conference.isoformat()}"
        )
    # Each review is due from the conference held before it: the initial one, then each review held.
    counted_from = [initial_conference, *held]
    held_on: list[dt.date | None] = [*held, None]
    schedule = []
    for number, (start, held_day) in enumerate(zip(counted_from, held_on, strict=True), start=1):
        timescale, override = (_FIRST_REVIEW, first_review) if number == 1 else (_LATER_REVIEW, later_reviews)
        schedule.append(ReviewDue(number, due_date(timescale, start, calendar, override), held_day))
    return schedule


def next_review_due(initial_conference: dt.date, reviews_held: Iterable[dt.date], calendar: WorkingCalendar) -> dt.date:
    """The due date of the next review conference not yet held."""
    return review_schedule(initial_conference, reviews_held, calendar)[-1].due
