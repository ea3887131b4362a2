"""The bank holidays of England and Wales, from the `holidays` package (ADR 0012).

The package holds the rules of section 8 of the brief (substitute days included) and the
one-off holidays proclaimed so far (2020, 2022, 2023 ...); a test checks it against the
GOV.UK list that `govuk-bank-holidays` bundles. Holidays proclaimed after the pinned
package was released are added by administrators (`ProclaimedHoliday`).
"""

import datetime as dt
from functools import cache

import holidays

from macpu.workingdays.rules.working_days import WorkingCalendar

# The Banking and Financial Dealings Act 1971 set today's pattern of bank holidays.
FIRST_YEAR = 1971
# Far enough ahead for any deadline; years beyond GOV.UK's own list are the rules alone (ADR 0012).
LAST_YEAR = 2099


def england_and_wales(first_year: int, last_year: int) -> dict[dt.date, str]:
    """Every bank holiday of England and Wales in those years, by date, with its name (weekends included)."""
    # England and Wales share one list; the package files it under the England subdivision.
    found = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return dict(found.items())


@cache
def bank_holiday_calendar() -> WorkingCalendar:
    """England and Wales's working days from 1971 to 2099, built once per process."""
    return WorkingCalendar(england_and_wales(FIRST_YEAR, LAST_YEAR), FIRST_YEAR, LAST_YEAR)
