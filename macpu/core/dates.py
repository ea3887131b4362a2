"""Dates as people read them. Pure Python: rules use it too."""

import datetime as dt


def in_words(day: dt.date) -> str:
    """'2 March 2026': a date as the GOV.UK style guide writes it, for messages and explanations."""
    return f"{day.day} {day:%B %Y}"
