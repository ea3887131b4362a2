"""The blocking keys of a description of a person: search and the feed score only the people sharing a key.

One big block (everyone born on a date) misses a child whose date was mistyped; a full fuzzy scan is too slow.
Many small blocks, each tolerant of one kind of error, find the child whichever single field is wrong (ADR 0019):

| key | made of | still finds the child when |
|---|---|---|
| `n:` | NHS number | everything else is wrong |
| `d:` | date of birth, day and month in either order, + given name's initial | surname changed, day and month swapped |
| `e:` | date either order + family name's sound | given name misspelt, initial or nickname |
| `f:` | family name's sound (and its first part's) + year | day or month mistyped |
| `m:` | day and month either order + family name's sound | year mistyped |
| `y:` `a:` `b:` | given name's sound (nickname-folded) + day-month / year-day / year-month | surname changed and one part of the date mistyped |
| `g:` | given name's sound + family name's sound | the whole date wrong |
| `p:` | postcode + given name's initial | date wrong and surname changed, same home |

A person's keys are made from every name, postcode and NHS number macpu holds for them, so an old surname or
an old address still finds the child. A search's keys are made from what was entered; a key needing a field the
search lacks is not made.
"""

import datetime as dt
from dataclasses import dataclass, field

from macpu.people.rules.names import canonical_given, first_part_phonetic, fold, phonetic


@dataclass(frozen=True)
class KeyedPerson:
    """What a person's keys are made from: every name and postcode macpu holds for them (and their sex, which a
    search scores though no key is made of it)."""

    names: tuple[tuple[str, str], ...] = ()  # (given, family)
    date_of_birth: dt.date | None = None
    postcodes: tuple[str, ...] = ()
    nhs_numbers: tuple[str, ...] = field(default=())
    sex: str = ""


def _unordered(born: dt.date) -> str:
    """Month and day in either order: the same for 3 April and 4 March."""
    low, high = sorted((born.month, born.day))
    return f"{low:02d}{high:02d}"


def keys_for(given: str, family: str, born: dt.date | None, postcode: str = "", nhs_number: str = "") -> set[str]:
    """The keys of one description: what a search enters, or one of a person's names with their date and home."""
    keys: set[str] = set()
    if nhs_number:
        keys.add(f"n:{nhs_number}")
    given_folded = fold(given)
    initial = given_folded[:1]
    given_sound = phonetic(canonical_given(given)) if given_folded else ""
    family_sounds = {sound for sound in (phonetic(family), first_part_phonetic(family)) if sound}
    if born is not None:
        day_month, year = _unordered(born), f"{born.year:04d}"
        if initial:
            keys.add(f"d:{year}{day_month}{initial}")
        if given_sound:
            keys |= {f"y:{given_sound}|{day_month}", f"a:{given_sound}|{year}{born.day:02d}"}
            keys.add(f"b:{given_sound}|{year}{born.month:02d}")
        for sound in family_sounds:
            keys |= {f"e:{year}{day_month}{sound}", f"f:{sound}|{year}", f"m:{day_month}{sound}"}
    if given_sound:
        keys |= {f"g:{given_sound}|{sound}" for sound in family_sounds}
    compact_postcode = postcode.replace(" ", "").upper()
    if compact_postcode and initial:
        keys.add(f"p:{compact_postcode}{initial}")
    return {key[:48] for key in keys}


def keys_of(person: KeyedPerson) -> set[str]:
    """Every key of a person: each name with the date of birth and each postcode, and each NHS number."""
    keys = {f"n:{number}" for number in person.nhs_numbers if number}
    names = person.names or (("", ""),)
    for given, family in names:
        keys |= keys_for(given, family, person.date_of_birth)
        for postcode in person.postcodes:
            keys |= keys_for(given, "", None, postcode)
    return keys
