"""Synthetic child records with known truth, for the linkage and search benchmarks (issue 8, ADR 0019 B.1).

    from benchmarks.linkage_data import generate, write_csv
    records = generate(100_000, seed=42)   # each with person_id: the true child
    write_csv(records, path)               # the columns `macpu link` reads (person_id left out)

Children born 2008-2026 with Faker `en_GB` names and postcodes (8% double-barrelled family names) and NHS
numbers in the 999 test range with a valid Modulus 11 check digit (the range holds about 909,000: children
beyond that have none). 80% of children have one record, 10% two,
6% three, 4% four to six: about 28% of records are duplicates. A duplicate may have a mistyped, familiar
(Bill for William) or initial-only given name; a mistyped, changed or half double-barrelled family name; day
and month swapped or a mistyped date of birth; a new postcode (far or in the same district) or none; no NHS
number (45%). About 1% of children have a twin: same family name, date of birth and postcode, a clearly
different given name and their own NHS number. Names come in title case or capitals; 30% of dates in UK forms.
"""

import csv
import datetime as dt
import random
import string
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from faker import Faker
from faker.providers.person.en_GB import Provider as Names
from nhs_number.validate import calculate_checksum

from macpu.people.rules.identifiers import TEST_RANGE_PREFIX
from macpu.people.rules.nicknames import NICKNAME_GROUPS

COLUMNS = ("record_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number")
FIRST_BIRTHDAY = dt.date(2008, 1, 1)
LAST_BIRTHDAY = dt.date(2026, 10, 31)
NICKNAMES = {group[0]: group[1:] for group in NICKNAME_GROUPS}
LETTERS = string.ascii_lowercase


@dataclass
class Record:
    person_id: int
    given_name: str
    family_name: str
    date_of_birth: dt.date
    sex: str
    postcode: str
    nhs_number: str
    record_id: str = ""


def typo(rng: random.Random, text: str) -> str:
    """One substitution, deletion, transposition or insertion, never in the first letter."""
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text))
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + rng.choice(LETTERS) + text[i + 1 :]
    if kind < 0.55:
        return text[:i] + text[i + 1 :]
    if kind < 0.8:
        if i < len(text) - 1:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return text[: i - 1] + text[i] + text[i - 1]
    return text[:i] + rng.choice(LETTERS) + text[i:]


def swap_day_month(born: dt.date) -> dt.date | None:
    if born.day <= 12 and born.day != born.month:
        return dt.date(born.year, born.day, born.month)
    return None


def dob_typo(rng: random.Random, born: dt.date) -> dt.date:
    """A mistyped day, month or year (a neighbouring year, or a decade out)."""
    for _ in range(10):
        kind = rng.random()
        try:
            if kind < 0.4:
                return born.replace(day=rng.randint(1, 28)) if born.day > 9 else born.replace(day=born.day + 10)
            if kind < 0.7:
                return born.replace(month=rng.randint(1, 12))
            return born.replace(year=born.year + rng.choice([-1, 1, -10, 10] if kind < 0.8 else [-1, 1]))
        except ValueError:
            continue
    return born


class World:
    """The names, postcodes and NHS numbers records are drawn from, for one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        self.female = self._weighted(Names.first_names_female)
        self.male = self._weighted(Names.first_names_male)
        self.surnames = list(Names.last_names)
        self.surname_weights = list(Names.last_names.values())
        self.postcodes = list({faker.postcode() for _ in range(60_000)})
        # Every 999-range stem with a check digit, in random order: about 909,000 numbers, one per child.
        # (`identifiers.synthetic_nhs_number` gives only 500,000, too few for a million records.)
        self.stems = list(range(1_000_000))
        self.rng.shuffle(self.stems)

    @staticmethod
    def _weighted(names: Iterable[str]) -> list[str]:
        # Names with familiar forms are common among children: weight them four times.
        return [n for name in names for n in [name] * (4 if name.lower() in NICKNAMES else 1)]

    def nhs_number(self) -> str:
        """A new child's own NHS number; "" (none recorded) once the test range's ~909,000 are used up."""
        while self.stems:
            stem = f"{TEST_RANGE_PREFIX}{self.stems.pop():06d}"
            check = calculate_checksum(stem)
            if check != 10:
                return f"{stem}{check}"
        return ""

    def family_name(self) -> str:
        name = self.rng.choices(self.surnames, self.surname_weights)[0]
        if self.rng.random() < 0.08:
            name += "-" + self.rng.choices(self.surnames, self.surname_weights)[0]
        return name

    def child(self, person_id: int) -> Record:
        rng = self.rng
        sex = rng.choice(("female", "male"))
        days = (LAST_BIRTHDAY - FIRST_BIRTHDAY).days
        return Record(
            person_id=person_id,
            given_name=rng.choice(self.female if sex == "female" else self.male),
            family_name=self.family_name(),
            date_of_birth=FIRST_BIRTHDAY + dt.timedelta(days=rng.randrange(days)),
            sex=sex,
            postcode=rng.choice(self.postcodes),
            nhs_number=self.nhs_number(),
        )

    def nearby(self, postcode: str) -> str:
        """Another postcode in the same district (outward code)."""
        rng = self.rng
        return f"{postcode.split()[0]} {rng.randrange(10)}{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"

    def twin(self, child: Record, person_id: int) -> Record:
        pool = self.female if self.rng.random() < 0.5 else self.male
        given = child.given_name
        while given[:2] == child.given_name[:2]:
            given = self.rng.choice(pool)
        return Record(
            person_id=person_id,
            given_name=given,
            family_name=child.family_name,
            date_of_birth=child.date_of_birth,
            sex="female" if pool is self.female else "male",
            postcode=child.postcode,
            nhs_number=self.nhs_number(),
        )

    def variant(self, base: Record) -> Record:
        """Another agency's record of the same child, with that agency's errors."""
        rng = self.rng
        given, family, born, postcode = base.given_name, base.family_name, base.date_of_birth, base.postcode
        x = rng.random()
        if x < 0.12:
            given = typo(rng, given)
        elif x < 0.22 and given.lower() in NICKNAMES:
            given = rng.choice(NICKNAMES[given.lower()]).title()
        elif x < 0.24:
            given = given[0]
        x = rng.random()
        if x < 0.10:
            family = typo(rng, family)
        elif x < 0.16:
            family = self.family_name()
        elif x < 0.18 and "-" in family:
            family = family.split("-")[rng.randrange(2)]
        x = rng.random()
        if x < 0.10:
            born = swap_day_month(born) or dob_typo(rng, born)
        elif x < 0.18:
            born = dob_typo(rng, born)
        x = rng.random()
        if x < 0.12:
            postcode = rng.choice(self.postcodes)
        elif x < 0.25:
            postcode = self.nearby(postcode)
        elif x < 0.30:
            postcode = ""
        sex = "" if rng.random() < 0.02 else base.sex
        nhs = base.nhs_number if rng.random() < 0.55 else ""
        return Record(base.person_id, given, family, born, sex, postcode, nhs)


def generate(count: int, seed: int = 42) -> list[Record]:
    """`count` records in random order, each with its true child (`person_id`) and a unique `record_id`."""
    world = World(seed)
    rng = world.rng
    records: list[Record] = []
    person = 0
    while len(records) < count:
        child = world.child(person)
        first = Record(**{**asdict(child), "nhs_number": child.nhs_number if rng.random() < 0.7 else ""})
        k = rng.random()
        extra = 0 if k < 0.80 else 1 if k < 0.90 else 2 if k < 0.96 else 3 + rng.randrange(3)
        records += [first, *(world.variant(child) for _ in range(extra))]
        person += 1
        if rng.random() < 0.01:
            twin = world.twin(child, person)
            records.append(Record(**{**asdict(twin), "nhs_number": twin.nhs_number if rng.random() < 0.7 else ""}))
            if rng.random() < 0.3:
                records.append(world.variant(twin))
            person += 1
    records = records[:count]
    rng.shuffle(records)
    for number, record in enumerate(records):
        record.record_id = f"R{number:07d}"
    return records


def _date_text(rng: random.Random, born: dt.date) -> str:
    x = rng.random()
    if x < 0.70:
        return born.isoformat()
    if x < 0.85:
        return born.strftime("%d/%m/%Y")
    if x < 0.95:
        return born.strftime("%Y%m%d")
    return born.strftime("%d-%m-%Y")


def write_csv(records: Iterable[Record], path: Path, *, seed: int = 7) -> None:
    """The records as an agency extract: names in title case or capitals, dates in ISO or UK forms."""
    rng = random.Random(seed)
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for r in records:
            upper = rng.random() < 0.2
            writer.writerow(
                (
                    r.record_id,
                    r.given_name.upper() if upper else r.given_name,
                    r.family_name.upper() if upper else r.family_name,
                    _date_text(rng, r.date_of_birth),
                    r.sex,
                    r.postcode,
                    r.nhs_number,
                )
            )
