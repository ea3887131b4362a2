"""The people a reported person might be: the blocks the duplicate check scores one by one.

Blocking (docs/feed.md, "People on the way in"): people of the same kind born on the same
date (or with day and month swapped), or with the same family name born the same year.
A feed batch loads the blocks of all its reports in two queries; people created during
the batch join the blocks as they are made, before they reach the database.
"""

import datetime as dt
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Lower

from macpu.people.models import Address, Identifier, IdentifierScheme, Person
from macpu.people.rules.reports import PersonReport

DateKey = tuple[str, dt.date]  # kind, date of birth
FamilyKey = tuple[str, str, int]  # kind, family name in lower case, year of birth


@dataclass
class Candidate:
    person: Person
    # As the database held them when the block was read; the caller may know newer.
    postcode: str
    nhs_number: str


def birth_dates(born: dt.date) -> set[dt.date]:
    """The date of birth and, where it can be one, the date with day and month swapped."""
    dates = {born}
    if born.day <= 12:
        dates.add(dt.date(born.year, born.day, born.month))
    return dates


class BirthBlocks:
    def __init__(self) -> None:
        self._people: dict[uuid.UUID, Candidate] = {}
        self._by_date: dict[DateKey, list[uuid.UUID]] = {}
        self._by_family: dict[FamilyKey, list[uuid.UUID]] = {}
        self._made: list[Candidate] = []  # people made during the batch: in no block read from the database yet

    def clear(self) -> None:
        self._people.clear()
        self._by_date.clear()
        self._by_family.clear()
        self._made.clear()

    def load(self, reports: Iterable[tuple[PersonReport, str]]) -> None:
        """Read the blocks of these (report, kind) that are not read yet: two queries whatever their number."""
        dates: set[DateKey] = set()
        families: set[FamilyKey] = set()
        for report, kind in reports:
            if report.date_of_birth is None:
                continue
            dates |= {(kind, born) for born in birth_dates(report.date_of_birth)} - self._by_date.keys()
            if report.family_name:
                families.add((kind, report.family_name.lower(), report.date_of_birth.year))
        families -= self._by_family.keys()
        if not dates and not families:
            return
        self._by_date.update((key, []) for key in dates)
        self._by_family.update((key, []) for key in families)
        if dates:
            for candidate in self._read(Q(kind__in={k for k, _ in dates}, date_of_birth__in={d for _, d in dates})):
                self._index(candidate, dates, set())
        if families:
            names_by_year: dict[int, set[str]] = {}
            for _, family_name, year in families:
                names_by_year.setdefault(year, set()).add(family_name)
            blocks = Q()
            for year, names in names_by_year.items():
                born = (dt.date(year, 1, 1), dt.date(year, 12, 31))
                blocks |= Q(date_of_birth__range=born, family_lower__in=names)
            for candidate in self._read(blocks & Q(kind__in={k for k, _, _ in families})):
                self._index(candidate, set(), families)
        for candidate in self._made:
            self._index(candidate, dates, families)

    def _read(self, where: Q) -> Iterable[Candidate]:
        nhs_number = Identifier.objects.filter(
            person=OuterRef("pk"), scheme=IdentifierScheme.NHS_NUMBER, valid_to__isnull=True
        ).values("value")[:1]
        postcode = Address.objects.filter(person=OuterRef("pk"), valid_to__isnull=True).values("postcode")[:1]
        people = (
            Person.objects.annotate(family_lower=Lower("family_name"))
            .filter(where)
            .annotate(current_nhs_number=Subquery(nhs_number), current_postcode=Subquery(postcode))
        )
        for person in people:
            found = Candidate(person, person.current_postcode or "", person.current_nhs_number or "")
            yield self._people.setdefault(person.id, found)

    def add(self, person: Person) -> None:
        """A person made during the batch: a candidate for the reports that follow."""
        candidate = Candidate(person, "", "")
        self._people[person.id] = candidate
        self._made.append(candidate)
        self._index(candidate, self._by_date.keys(), self._by_family.keys())

    def _index(self, candidate: Candidate, dates: Collection[DateKey], families: Collection[FamilyKey]) -> None:
        """File the candidate in those of its blocks that are among `dates` and `families`."""
        person = candidate.person
        if person.date_of_birth is None:
            return
        date_key = (str(person.kind), person.date_of_birth)
        family_key = (str(person.kind), person.family_name.lower(), person.date_of_birth.year)
        if date_key in dates:
            self._by_date[date_key].append(person.id)
        if family_key in families:
            self._by_family[family_key].append(person.id)

    def candidates(self, report: PersonReport, kind: str) -> list[Candidate]:
        """The people in the report's blocks, each once, read first if need be."""
        if report.date_of_birth is None:
            return []
        self.load([(report, kind)])
        ids: dict[uuid.UUID, None] = {}
        for born in birth_dates(report.date_of_birth):
            ids.update(dict.fromkeys(self._by_date[(kind, born)]))
        if report.family_name:
            ids.update(dict.fromkeys(self._by_family[(kind, report.family_name.lower(), report.date_of_birth.year)]))
        return [self._people[person_id] for person_id in ids]
