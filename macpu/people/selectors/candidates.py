"""The people a reported person might be: those sharing a search key with the report (ADR 0019).

The same keys serve child search (`people.selectors.search`), so the feed finds whom search finds. A feed batch
reads the keys of all its reports in a few queries; people made or given new names, addresses or NHS numbers
during the batch join the blocks as they change, before their rows reach the database.
"""

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from macpu.core.models import Sensitivity
from macpu.people.models import Address, Identifier, IdentifierScheme, Person, PersonName, SearchKey
from macpu.people.rules.reports import PersonReport
from macpu.people.rules.search_keys import KeyedPerson, keys_for

# Keys read in one query: well under every database's limit on bound parameters.
KEYS_PER_QUERY = 500


@dataclass
class Candidate:
    person: Person
    # As the database held them when the block was read; the caller may know newer.
    postcode: str
    nhs_number: str


def report_keys(report: PersonReport) -> set[str]:
    return keys_for(report.given_name, report.family_name, report.date_of_birth, report.postcode, report.nhs_number)


def people_sharing_keys(keys: Iterable[str]) -> dict[str, list[uuid.UUID]]:
    """Who holds each of these keys, read KEYS_PER_QUERY keys at a time."""
    wanted = sorted(set(keys))
    holders: dict[str, list[uuid.UUID]] = {key: [] for key in wanted}
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        chunk = wanted[start : start + KEYS_PER_QUERY]
        for key, person_id in SearchKey.objects.filter(key__in=chunk).values_list("key", "person_id"):
            holders[key].append(person_id)
    return holders


def candidates_read(person_ids: Iterable[uuid.UUID]) -> list[Candidate]:
    """These people with their current postcode and NHS number, in one query."""
    nhs_number = Identifier.objects.filter(
        person=OuterRef("pk"), scheme=IdentifierScheme.NHS_NUMBER, valid_to__isnull=True
    ).values("value")[:1]
    postcode = Address.objects.filter(
        person=OuterRef("pk"), valid_to__isnull=True, sensitivity=Sensitivity.STANDARD
    ).values("postcode")[:1]
    people = Person.objects.filter(id__in=list(person_ids)).annotate(
        current_nhs_number=Subquery(nhs_number), current_postcode=Subquery(postcode)
    )
    return [
        Candidate(person, person.current_postcode or "", person.current_nhs_number or "")
        for person in people
        if person.merged_into_id is None  # filtered here for the reason `keyed_people` gives
    ]


def keyed_people(person_ids: list[uuid.UUID], *, kind: str | None = None) -> dict[uuid.UUID, KeyedPerson]:
    """What each person's keys are made from, in four queries: every name, postcode and NHS number held. Only
    people of `kind` when given; never a record folded into another (its survivor is found instead)."""
    names: dict[uuid.UUID, set[tuple[str, str]]] = {}
    born: dict[uuid.UUID, dt.date | None] = {}
    # A record folded into another by a link has no keys of its own: its survivor is found instead. (Filtered in
    # Python: asked in SQL, SQLite reads every unfolded person by the `merged_into` index.)
    sexes: dict[uuid.UUID, str] = {}
    for person_id, given, family, date_of_birth, sex, person_kind, merged_into in Person.objects.filter(
        id__in=person_ids
    ).values_list("id", "given_name", "family_name", "date_of_birth", "sex", "kind", "merged_into_id"):
        if merged_into is None and kind in {None, person_kind}:
            names[person_id] = {(given, family)}
            born[person_id] = date_of_birth
            sexes[person_id] = sex
    for person_id, given, family in PersonName.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "given_name", "family_name"
    ):
        if person_id in names:
            names[person_id].add((given, family))
    postcodes: dict[uuid.UUID, set[str]] = {}
    # A protected address (a refuge) is never matched on: a search or a duplicate's explanation saying "postcode
    # agrees" would tell where the child is.
    standard = Address.objects.filter(person_id__in=person_ids, sensitivity=Sensitivity.STANDARD)
    for person_id, postcode in standard.exclude(postcode="").values_list("person_id", "postcode"):
        postcodes.setdefault(person_id, set()).add(postcode)
    numbers: dict[uuid.UUID, set[str]] = {}
    # By person alone: asked for the scheme too, SQLite picks the (scheme, value) index and reads every NHS number.
    for person_id, scheme, value in Identifier.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "scheme", "value"
    ):
        if scheme == IdentifierScheme.NHS_NUMBER:
            numbers.setdefault(person_id, set()).add(value)
    return {
        person_id: KeyedPerson(
            names=tuple(sorted(names[person_id])),
            date_of_birth=born[person_id],
            postcodes=tuple(sorted(postcodes.get(person_id, ()))),
            nhs_numbers=tuple(sorted(numbers.get(person_id, ()))),
            sex=sexes[person_id],
        )
        for person_id in names
    }


class SearchBlocks:
    def __init__(self) -> None:
        self._people: dict[uuid.UUID, Candidate] = {}
        self._by_key: dict[str, list[uuid.UUID]] = {}
        # Keys of people made or changed during the batch: not in the database yet.
        self._batch_keys: dict[str, list[uuid.UUID]] = {}

    def clear(self) -> None:
        self._people.clear()
        self._by_key.clear()
        self._batch_keys.clear()

    def load(self, reports: Iterable[PersonReport]) -> None:
        """Read the blocks of these reports that are not read yet, KEYS_PER_QUERY keys a query, and their people."""
        # Key by key: `set - dict.keys()` would walk every block read so far, once per report.
        wanted = {key for report in reports for key in report_keys(report) if key not in self._by_key}
        if not wanted:
            return
        holders = people_sharing_keys(wanted)
        unread = {person_id for ids in holders.values() for person_id in ids if person_id not in self._people}
        for candidate in candidates_read(unread):
            self._people[candidate.person.id] = candidate
        for key, ids in holders.items():
            self._by_key[key] = [*ids, *self._batch_keys.get(key, [])]

    def add(self, person: Person, keys: Iterable[str]) -> None:
        """A person made, or given new names, addresses or NHS numbers, during the batch: found by these keys."""
        self._people.setdefault(person.id, Candidate(person, "", ""))
        for key in keys:
            self._batch_keys.setdefault(key, []).append(person.id)
            if key in self._by_key:
                self._by_key[key].append(person.id)

    def candidates(self, report: PersonReport, kind: str, limit: int) -> list[Candidate]:
        """The people of this kind sharing a key with the report, those sharing most first, each once."""
        keys = report_keys(report)
        self.load([report])
        shared = Counter(person_id for key in keys for person_id in dict.fromkeys(self._by_key.get(key, ())))
        found = []
        for person_id, _ in shared.most_common():
            candidate = self._people[person_id]
            if candidate.person.kind == kind:
                found.append(candidate)
                if len(found) == limit:
                    break
        return found
