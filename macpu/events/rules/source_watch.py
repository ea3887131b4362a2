"""Is a sending organisation unusually quiet? Judged against its own usual pattern, in working days.

A GP practice that sends every working day and has sent nothing for 5 working
days is quiet; a service that sends once a fortnight is not quiet after a week.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.workingdays.rules.working_days import WorkingCalendar

LOOKBACK_WORKING_DAYS = 40
# Quiet when silent for this many times the source's usual gap between sending days.
QUIET_FACTOR = 3.0
MINIMUM_QUIET_DAYS = 3


@dataclass(frozen=True)
class SourceStatus:
    working_days_silent: int
    usual_gap: float
    quiet: bool

    def describe(self, name: str) -> str:
        if self.quiet:
            return f"{name}: no events for {self.working_days_silent} working days"
        return f"{name}: sending as usual"


def assess_source(
    *, sending_days: set[dt.date], last_received: dt.date, today: dt.date, calendar: WorkingCalendar
) -> SourceStatus:
    """`sending_days`: the days in the look-back window on which the source sent anything."""
    active = max(sum(calendar.is_working_day(day) for day in sending_days), 1)
    usual_gap = LOOKBACK_WORKING_DAYS / active
    # An event stamped later than today's date (a clock ahead) is no silence at all.
    silent = calendar.between(last_received, today) if today > last_received else 0
    threshold = max(MINIMUM_QUIET_DAYS, QUIET_FACTOR * usual_gap)
    return SourceStatus(working_days_silent=silent, usual_gap=round(usual_gap, 1), quiet=silent >= threshold)
