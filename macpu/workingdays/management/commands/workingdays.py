"""`macpu workingdays`: working-day sums for scripts and operators (docs/working-days.md).

macpu workingdays add DATE N            the date N working days after DATE (DATE itself when N is 0)
macpu workingdays between DATE1 DATE2   the working days after DATE1 up to and including DATE2
macpu workingdays holidays [--year Y]   the year's non-working weekdays, with their names

`add` prints one ISO date line and `between` one integer line; scripts depend on both.
Bad input (a date that is not YYYY-MM-DD or not real, N negative or not a number, DATE2
before DATE1, a date or result outside 1971 to 2099) prints nothing on standard output: a
message naming the argument on standard error, and exit status 2, as argparse does.
"""

import datetime as dt
import re
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from macpu.core import clock
from macpu.workingdays.rules.bank_holidays import FIRST_YEAR, LAST_YEAR
from macpu.workingdays.rules.working_days import OutsideCalendar, WorkingCalendar
from macpu.workingdays.selectors import non_working_weekdays, working_calendar

USAGE_ERROR = 2  # argparse's exit status for bad arguments
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str) -> dt.date:
    try:
        if _ISO_DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise ArgumentTypeError(f"must be a real date written YYYY-MM-DD, not {value!r}")


def working_day_count(value: str) -> int:
    if not value.isdigit():
        raise ArgumentTypeError(f"must be a whole number, 0 or more, not {value!r}")
    return int(value)


def _as_known_on(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--as-known-on",
        metavar="DATE",
        type=iso_date,
        help="count only the proclaimed holidays macpu knew of at the end of DATE",
    )


def _usage_error(argument: str, message: str) -> CommandError:
    return CommandError(f"argument {argument}: {message}", returncode=USAGE_ERROR)


class Command(BaseCommand):
    help = "Working days in England: add N working days to a date, count them between two dates, list holidays."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        adding = commands.add_parser("add", help="print the date N working days after DATE")
        adding.add_argument("date", metavar="DATE", type=iso_date, help="the day counted from (not itself counted)")
        adding.add_argument("n", metavar="N", type=working_day_count, help="working days to add, 0 or more")
        _as_known_on(adding)
        counting = commands.add_parser("between", help="print the working days after DATE1 up to and including DATE2")
        counting.add_argument("start", metavar="DATE1", type=iso_date)
        counting.add_argument("end", metavar="DATE2", type=iso_date, help="DATE1 or later")
        _as_known_on(counting)
        listing = commands.add_parser("holidays", help="list the year's non-working weekdays")
        listing.add_argument("--year", type=int, help="default: this year")

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "holidays":
            self._holidays(options["year"] or clock.today().year)
        elif subcommand == "add":
            calendar = self._calendar(options, DATE=options["date"])
            try:
                self.stdout.write(calendar.add(options["date"], options["n"]).isoformat())
            except OutsideCalendar as error:
                raise _usage_error(
                    "N", f"{options['n']} working days after {options['date']} is beyond {calendar.last_year}"
                ) from error
        else:
            start, end = options["start"], options["end"]
            if end < start:
                raise _usage_error("DATE2", f"{end} is before DATE1 {start}; give DATE2 on or after DATE1")
            self.stdout.write(str(self._calendar(options, DATE1=start, DATE2=end).between(start, end)))

    def _calendar(self, options: dict[str, Any], **dates: dt.date) -> WorkingCalendar:
        calendar = working_calendar(as_known_on=options["as_known_on"])
        for argument, day in dates.items():
            if not calendar.covers(day):
                raise _usage_error(
                    argument, f"working days are known only from {calendar.first_year} to {calendar.last_year}"
                )
        return calendar

    def _holidays(self, year: int) -> None:
        days = non_working_weekdays(year=year)
        if not days:
            raise _usage_error("--year", f"working days are known only from {FIRST_YEAR} to {LAST_YEAR}, not {year}")
        for day in days:
            self.stdout.write(
                f"{day.date.isoformat()}\t{day.name}\t{'proclaimed' if day.proclaimed else 'bank holiday'}"
            )
