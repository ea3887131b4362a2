"""The only way macpu reads the time, so tests can move it."""

import datetime as dt
import zoneinfo

from django.utils import timezone


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in England (Europe/London)."""
    return timezone.localdate()


LONDON = zoneinfo.ZoneInfo("Europe/London")


def local_date(moment: dt.datetime) -> dt.date:
    """The day in England on which `moment` fell."""
    return moment.astimezone(LONDON).date()
