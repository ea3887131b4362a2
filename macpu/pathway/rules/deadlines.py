"""An open step's deadline as it stands on a given day.

Nothing stores "overdue": it is worked out whenever the deadline is read, from the due
date, the day of reading and the working calendar, so a deadline read tomorrow or
after a proclaimed holiday is right without any job having run.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from macpu.workingdays.rules.working_days import WorkingCalendar

# Two working days' notice leaves a day to act and a day to spare; a timescale may ask for more (R19, R22).
DEFAULT_DUE_SOON_WITHIN = 2


class DeadlineState(StrEnum):
    DUE = "due"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Deadline:
    """A step due on `due`, read on `today`; due soon when at most `due_soon_within` working days are left."""

    due: dt.date
    today: dt.date
    calendar: WorkingCalendar
    due_soon_within: int = DEFAULT_DUE_SOON_WITHIN

    def __post_init__(self) -> None:
        if self.due_soon_within < 0:
            raise ValueError(f"due_soon_within must be 0 or more, not {self.due_soon_within}")

    @property
    def working_days_left(self) -> int:
        """Working days after today up to the due date; negative by the working days since, once it has passed.

        Both days being non-working (a Saturday due date read on the Sunday) gives 0 even
        though the step is overdue: no working day has passed. `state` says overdue.
        """
        if self.today <= self.due:
            return self.calendar.between(self.today, self.due)
        return -self.calendar.between(self.due, self.today)

    @property
    def state(self) -> DeadlineState:
        if self.today > self.due:
            return DeadlineState.OVERDUE
        if self.today == self.due:
            return DeadlineState.DUE_TODAY
        if self.working_days_left <= self.due_soon_within:
            return DeadlineState.DUE_SOON
        return DeadlineState.DUE
