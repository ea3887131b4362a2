"""The `holidays` package, macpu's rule set, against GOV.UK's own list as `govuk-bank-holidays` bundles it."""

import datetime as dt

from govuk_bank_holidays.bank_holidays import BankHolidays

from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar


def _govuk_england_and_wales() -> set[dt.date]:
    # The bundled copy of https://www.gov.uk/bank-holidays.json: no network.
    bank_holidays = BankHolidays(use_cached_holidays=True)
    return {holiday["date"] for holiday in bank_holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)}


def test_the_rule_set_gives_exactly_the_govuk_bank_holidays_of_every_year_it_lists() -> None:
    govuk = _govuk_england_and_wales()
    years = range(min(govuk).year, max(govuk).year + 1)
    # The comparison covers at least 2018 to 2027.
    assert years.start <= 2018
    assert years.stop > 2027
    ours = {day for year in years for day, _ in bank_holiday_calendar().non_working_weekdays(year)}
    # GOV.UK names the weekday each holiday is taken on (a substitute day, not the weekend date).
    assert ours == govuk
