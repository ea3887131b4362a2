"""Calendar-month arithmetic for timescales counted in months (brief R22).

A month later is the same day of the month, clamped to the target month's last day
when that month is shorter: 30 November + 3 months is 28 February (29 in a leap
year), 31 January + 1 month likewise. Clamping never carries into the next month,
so a deadline counted in months never lands later than the month it names.
"""

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or that month's last day if it is shorter."""
    if months < 0:
        raise ValueError(f"the number of months must be 0 or more, not {months}")
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last_day))
