"""Reading chronologies: a child's merged timeline (`timeline`), how its entries are built (`entries`), and the
occurrences several organisations recorded (`same_fact`)."""

from macpu.chronology.selectors.entries import Entry, Move, Note, Related, Source, is_significant, sector_label
from macpu.chronology.selectors.timeline import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    Choice,
    ChronologyPage,
    FilterChoices,
    OneEntry,
    chronology_entries,
    chronology_entry,
    chronology_page,
    entry_event,
)

__all__ = [
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "Choice",
    "ChronologyPage",
    "Entry",
    "FilterChoices",
    "Move",
    "Note",
    "OneEntry",
    "Related",
    "Source",
    "chronology_entries",
    "chronology_entry",
    "chronology_page",
    "entry_event",
    "is_significant",
    "sector_label",
]
