"""People on the way in: find macpu's record of a person an agency reports, or make one.

The order of evidence (docs/feed.md, "People on the way in"):
1. the agency's own record of the person, already linked: the same person;
2. a verified NHS number macpu knows: that person, unless names and date of birth
   clearly contradict the record (then a person checks);
3. a valid unverified NHS number: that person only if names and date of birth agree;
4. otherwise a new record, flagged as a probable duplicate when the explained
   score (rules/matching.py) says it may be someone macpu knows. Names and date
   of birth alone never link two records.
"""

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.deferred import DeferredInserts
from macpu.core.models import Sensitivity
from macpu.people.models import (
    Address,
    Identifier,
    IdentifierScheme,
    LinkMethod,
    NameKind,
    Person,
    PersonKind,
    PersonLink,
    PersonName,
    ProbableDuplicate,
    Relationship,
    RelationshipType,
    SearchKey,
    Sex,
    SourceRecord,
)
from macpu.people.rules.identifiers import nhs_number_warnings
from macpu.people.rules.matching import Demographics, clearly_contradicts, compare, names_and_date_of_birth_agree
from macpu.people.rules.reports import PersonReport
from macpu.people.rules.search_keys import KeyedPerson, keys_of
from macpu.people.selectors.candidates import SearchBlocks
from macpu.people.selectors.duplicates import known_distinct, survivor_of

# Blocking keeps this many candidates at most: beyond it a block is too coarse to score one by one.
MAX_CANDIDATES = 200


class ResolutionOutcome(StrEnum):
    KNOWN_SOURCE = "known_source"
    VERIFIED_NHS_NUMBER = "verified_nhs_number"
    NHS_NUMBER_WITH_DEMOGRAPHICS = "nhs_number_with_demographics"
    NEW_PERSON = "new_person"
    PROBABLE_DUPLICATE = "probable_duplicate"
    NHS_NUMBER_CONFLICT = "nhs_number_conflict"

    @property
    def created(self) -> bool:
        return self in {self.NEW_PERSON, self.PROBABLE_DUPLICATE, self.NHS_NUMBER_CONFLICT}


@dataclass(frozen=True)
class Resolution:
    person: Person
    outcome: ResolutionOutcome
    source: SourceRecord


@dataclass
class _Known:
    """What macpu holds of one person: read once per import, kept up to date as the import writes."""

    names: set[tuple[str, str]]
    identifiers: set[tuple[str, str]]
    postcode: str | None  # the current postcode; None when the person has no address at all
    search_keys: set[str] | None = None  # read when first needed: only a person whose record grows needs them
    # The NHS numbers and UPNs in force, written or still waiting to be; read when first needed (only a report
    # giving one needs them).
    in_force: list[Identifier] | None = None


class IntakeMemo:
    """What one import has learnt about people, so each organisation's report of the same person costs no re-reading.

    It also answers for the rows `rows` holds back until the end of a batch: a source record
    or a person created in the batch is found here, not in the database.
    Valid only while the work it describes stands: the caller clears it after a rollback.
    """

    def __init__(self, rows: DeferredInserts | None = None) -> None:
        self.rows = rows if rows is not None else DeferredInserts()
        self.reports: dict[tuple[uuid.UUID, PersonReport], Resolution] = {}
        self.sources: dict[tuple[uuid.UUID, str], tuple[SourceRecord, Person]] = {}
        self.known: dict[uuid.UUID, _Known] = {}
        self.nhs_holders: dict[tuple[str, str], Person] = {}
        # Read for a batch by `prefetch`: what the database did not hold when the batch began.
        self.absent_sources: set[tuple[uuid.UUID, str]] = set()
        self.absent_nhs_numbers: set[str] = set()
        self.blocks = SearchBlocks()
        # Each child's relationships, written or still waiting to be, by relative and type.
        self._relationships: dict[uuid.UUID, dict[tuple[uuid.UUID, str], list[Relationship]]] = {}

    def relationships(self, child: Person, relative: Person, relationship_type: str) -> list[Relationship]:
        """What macpu holds of this relationship, written or still waiting to be; the caller appends what it adds."""
        if child.id not in self._relationships:
            self._read_relationships([] if self.rows.is_pending(child) else [child.id])  # a new child has none
            self._relationships.setdefault(child.id, {})
        return self._relationships[child.id].setdefault((relative.id, relationship_type), [])

    def _read_relationships(self, child_ids: list[uuid.UUID]) -> None:
        """Read all the relationships of these children in one query."""
        if not child_ids:
            return
        for child_id in child_ids:
            self._relationships[child_id] = {}
        for relationship in Relationship.objects.filter(person_id__in=child_ids):
            key = (relationship.relative_id, relationship.type)
            self._relationships[relationship.person_id].setdefault(key, []).append(relationship)

    def prefetch(self, reports: list[tuple[uuid.UUID, PersonReport, PersonKind]]) -> None:
        """Read, in a few queries, what a batch's reports of people will ask of the database one by one:
        their source records, the people those are linked to, who holds their NHS numbers, and the blocks
        of people that those still unknown might be."""
        keyed = [(organisation_id, report.source_key(), report, kind) for organisation_id, report, kind in reports]
        self.absent_sources.clear()
        self.absent_nhs_numbers.clear()
        linked_children = self.read_sources({(organisation_id, key) for organisation_id, key, _, _ in keyed})[1]
        self._read_relationships([child for child in linked_children if child not in self._relationships])
        self.read_nhs_holders(
            {
                report.nhs_number
                for _, _, report, kind in keyed
                if report.nhs_number and (report.nhs_number, kind) not in self.nhs_holders
            }
        )
        self.blocks.clear()
        self.blocks.load(
            report
            for organisation_id, key, report, kind in keyed
            if (organisation_id, key) not in self.sources and (report.nhs_number, kind) not in self.nhs_holders
        )

    def read_sources(
        self, keys: set[tuple[uuid.UUID, str]]
    ) -> tuple[dict[tuple[uuid.UUID, str], SourceRecord], set[uuid.UUID]]:
        """Read these agency records of people, in two queries, into `sources` (those linked to a person) or
        `absent_sources` (those macpu does not hold). Returns the records held but not linked, and the children
        the linked ones are."""
        # Tested key by key: `set - dict.keys()` walks the whole dict, which grows to REMEMBER_AT_MOST entries.
        wanted = {key for key in keys if key not in self.sources}
        found = SourceRecord.objects.filter(
            organisation_id__in={o for o, _ in wanted}, local_id__in={k for _, k in wanted}
        )
        held = {(s.organisation_id, s.local_id): s for s in found if (s.organisation_id, s.local_id) in wanted}
        self.absent_sources |= wanted - held.keys()
        links = PersonLink.objects.filter(source_record__in=held.values(), unlinked_at__isnull=True)
        people = {link.source_record_id: link.person for link in links.select_related("person")}
        for key, source in held.items():
            if source.id in people:
                self.sources[key] = (source, people[source.id])
        unlinked = {key: source for key, source in held.items() if source.id not in people}
        return unlinked, {person.id for person in people.values() if person.kind == PersonKind.CHILD}

    def read_nhs_holders(self, numbers: set[str]) -> None:
        """Read who holds these NHS numbers, in one query, into `nhs_holders` (the earliest holder of each kind)
        or `absent_nhs_numbers` (numbers no one holds)."""
        wanted = set(numbers)
        holders = Identifier.objects.filter(scheme=IdentifierScheme.NHS_NUMBER, value__in=wanted, valid_to__isnull=True)
        for identifier in holders.select_related("person").order_by("created_at"):
            self.nhs_holders.setdefault((identifier.value, identifier.person.kind), identifier.person)
            wanted.discard(identifier.value)
        self.absent_nhs_numbers |= wanted

    def _memories(self) -> tuple[dict[Any, Any], ...]:
        return (self.reports, self.sources, self.known, self.nhs_holders, self._relationships)

    def __len__(self) -> int:
        return len(self.reports) + len(self.known)

    def clear(self) -> None:
        for memory in self._memories():
            memory.clear()
        self.absent_sources.clear()
        self.absent_nhs_numbers.clear()
        self.blocks.clear()

    def trim(self, keep: int) -> None:
        """Forget the oldest entries beyond `keep` of each kind: feeds run in time order, so the newest are the hot ones.

        Only between batches: what a batch still holds back must stay findable here."""
        for memory in self._memories():
            _drop_oldest(memory, len(memory) - keep)

    def known_of(self, person: Person, *, fresh: bool) -> _Known:
        if person.id not in self.known:
            self.known[person.id] = _Known(set(), set(), None, set(), []) if fresh else _read_known(person)
        return self.known[person.id]


def _drop_oldest(memory: dict[Any, Any], count: int) -> None:
    for key in list(itertools.islice(memory, max(count, 0))):
        del memory[key]


def _read_known(person: Person) -> _Known:
    names = {(n.lower(), f.lower()) for n, f in person.names.values_list("given_name", "family_name")}
    identifiers = set(person.identifiers.values_list("scheme", "value"))
    addresses = list(person.addresses.values_list("postcode", "valid_to", "sensitivity"))
    # A protected current address is never matched on (`candidates.keyed_people` says why): known as none.
    current = next((code for code, ended, level in addresses if ended is None and level == Sensitivity.STANDARD), "")
    return _Known(names, identifiers, current if addresses else None)


def _demographics(person: Person, memo: IntakeMemo, nhs_number: str = "") -> Demographics:
    postcode = memo.known_of(person, fresh=False).postcode or ""
    return Demographics(person.given_name, person.family_name, person.date_of_birth, person.sex, postcode, nhs_number)


def _nhs_holder(nhs_number: str, kind: PersonKind, memo: IntakeMemo) -> Person | None:
    if (nhs_number, kind) not in memo.nhs_holders and nhs_number not in memo.absent_nhs_numbers:
        memo.read_nhs_holders({nhs_number})
    return memo.nhs_holders.get((nhs_number, kind))


def _candidates(report: PersonReport, kind: PersonKind, memo: IntakeMemo) -> list[tuple[Person, Demographics]]:
    """The people in the report's blocks, described as macpu holds them now."""
    found = []
    for candidate in memo.blocks.candidates(report, kind, MAX_CANDIDATES):
        person, postcode, nhs_number = candidate.person, candidate.postcode, candidate.nhs_number
        if person.id in memo.known:  # what this import has added since the block was read
            known = memo.known[person.id]
            postcode = known.postcode or postcode
            held = sorted(v for s, v in known.identifiers if s == IdentifierScheme.NHS_NUMBER)
            # One the report gives, when held (an ended one too), so that a number that agrees is not read as differing.
            nhs_number = report.nhs_number if report.nhs_number in held else next(iter(held), nhs_number)
        demographics = Demographics(
            person.given_name, person.family_name, person.date_of_birth, person.sex, postcode, nhs_number
        )
        found.append((person, demographics))
    return found


def _best_candidate(
    report: PersonReport, kind: PersonKind, memo: IntakeMemo
) -> tuple[Person, dict[str, object], float] | None:
    best: tuple[Person, dict[str, object], float] | None = None
    for candidate, demographics in _candidates(report, kind, memo):
        score = compare(report.demographics, demographics)
        if score.probable_duplicate and (best is None or score.total > best[2]):
            best = (candidate, score.as_dict(), score.total)
    return best


def _record_details(
    actor: Actor,
    person: Person,
    report: PersonReport,
    source: SourceRecord,
    organisation_id: uuid.UUID,
    *,
    memo: IntakeMemo,
    nhs_shared: bool,
    fresh: bool = False,
) -> None:
    """Add what this agency says that macpu's record lacks, remembering the source of each.

    `fresh`: the person was created just now, so there is nothing to read back first.
    """
    added: list[str] = []
    known = memo.known_of(person, fresh=fresh)
    reported_name = (report.given_name.lower(), report.family_name.lower())
    if (report.given_name or report.family_name) and reported_name not in known.names:
        kind = NameKind.USUAL if not known.names else NameKind.ALIAS
        memo.rows.add(
            PersonName(
                person=person, given_name=report.given_name, family_name=report.family_name, kind=kind, source=source
            )
        )
        known.names.add(reported_name)
        added.append("name")
    held = known.identifiers
    history = _HistoryKept() if fresh else _identifiers_reconcile(memo, known, person, report, source)
    wanted = [
        Identifier(
            person=person,
            scheme=scheme,
            value=value,
            verified=verified,
            warning=warning,
            issuer_id=issuer,
            source=source,
            valid_from=history.replaced_on if scheme in history.replaced else None,
        )
        for scheme, value, verified, warning, issuer in (
            (
                IdentifierScheme.NHS_NUMBER,
                report.nhs_number,
                report.nhs_number_verified,
                _nhs_warning(report, nhs_shared),
                None,
            ),
            (IdentifierScheme.UPN, report.upn, False, "", organisation_id),
            (IdentifierScheme.LOCAL_ID, report.local_id, False, "", organisation_id),
        )
        if value and ((scheme, value) not in held or (scheme, value) in history.reopened)
    ]
    for identifier in wanted:
        memo.rows.add(identifier)
    if known.in_force is not None:
        known.in_force += [identifier for identifier in wanted if identifier.scheme in _ONE_PER_RECORD]
    held.update((str(identifier.scheme), identifier.value) for identifier in wanted)
    if any(identifier.scheme == IdentifierScheme.NHS_NUMBER for identifier in wanted) and not nhs_shared:
        memo.nhs_holders.setdefault((report.nhs_number, PersonKind(person.kind)), person)
    added += [str(identifier.scheme) for identifier in wanted] + history.changes
    if not fresh and person.sex == Sex.NOT_KNOWN and report.sex in {Sex.FEMALE, Sex.MALE, Sex.INDETERMINATE}:
        person.sex = report.sex
        memo.rows.save(person, ["sex"])
        added.append("sex")
    if report.postcode and known.postcode is None:
        memo.rows.add(Address(person=person, postcode=report.postcode, recorded_by_id=organisation_id, source=source))
        known.postcode = report.postcode
        added.append("address")
    if set(added) - {"sex"}:
        _add_search_keys(person, known, memo)
    if added:
        trail.record(
            actor=actor,
            action=AuditAction.PERSON_UPDATED,
            target_type="person",
            target_id=person.id,
            child_id=person.audited_child_id,
            details={"source_record": str(source.id), "added": added},
        )


# An agency's record gives one NHS number and one UPN: a different one from the same record replaces the old.
_ONE_PER_RECORD = (IdentifierScheme.NHS_NUMBER, IdentifierScheme.UPN)


@dataclass
class _HistoryKept:
    """What `_identifiers_reconcile` changed: the schemes whose old value it ended (and on which day), the values
    reported again after they had ended (each starts a new period), and lines for the audit event."""

    replaced: set[str] = field(default_factory=set)
    replaced_on: dt.date | None = None
    reopened: set[tuple[str, str]] = field(default_factory=set)
    changes: list[str] = field(default_factory=list)


def _identifiers_reconcile(
    memo: IntakeMemo, known: _Known, person: Person, report: PersonReport, source: SourceRecord
) -> _HistoryKept:
    """Keep each identifier's history as the agencies report it (R1): an NHS number or UPN that this agency's
    record no longer gives ends today (its row stays, with `valid_to`), and an NHS number an agency reports as
    traced against the national demographics service becomes verified. Nothing is deleted."""
    kept = _HistoryKept()
    given = zip(_ONE_PER_RECORD, (report.nhs_number, report.upn), strict=True)
    reported: dict[str, str] = {scheme: value for scheme, value in given if value}
    if not reported:
        return kept
    if known.in_force is None:
        known.in_force = _in_force(memo, person)
    for identifier in known.in_force:
        value = reported.get(identifier.scheme)
        if value and identifier.value != value and identifier.source_id == source.id:
            identifier.valid_to = kept.replaced_on = clock.today()
            memo.rows.save(identifier, ["valid_to"])
            kept.replaced.add(identifier.scheme)
            kept.changes.append(f"{identifier.scheme} ended")
        elif value == identifier.value == report.nhs_number and report.nhs_number_verified and not identifier.verified:
            identifier.verified = True
            memo.rows.save(identifier, ["verified"])
            kept.changes.append(f"{identifier.scheme} verified")
    known.in_force = [identifier for identifier in known.in_force if identifier.valid_to is None]
    still = {(i.scheme, i.value) for i in known.in_force}
    kept.reopened = {(str(scheme), value) for scheme, value in reported.items()} - still
    return kept


def _in_force(memo: IntakeMemo, person: Person) -> list[Identifier]:
    """The person's NHS numbers and UPNs in force, written or still waiting to be: read once per import."""
    waiting = [
        i
        for i in memo.rows.pending(Identifier)
        if i.person_id == person.id and i.scheme in _ONE_PER_RECORD and i.valid_to is None
    ]
    if memo.rows.is_pending(person):
        return waiting
    stored = Identifier.objects.filter(person=person, scheme__in=_ONE_PER_RECORD, valid_to__isnull=True)
    return waiting + list(stored)


def _add_search_keys(person: Person, known: _Known, memo: IntakeMemo, moved_to: str = "") -> None:
    """The search keys the person's grown record gives that they lack, written with the batch and found by its
    later reports at once (`people.services.search_index` keeps the other writes' keys)."""
    if known.search_keys is None:
        known.search_keys = set(SearchKey.objects.filter(person=person).values_list("key", flat=True))
    keyed = KeyedPerson(
        names=tuple(known.names) or ((person.given_name, person.family_name),),
        date_of_birth=person.date_of_birth,
        postcodes=tuple(postcode for postcode in (known.postcode, moved_to) if postcode),
        nhs_numbers=tuple(value for scheme, value in known.identifiers if scheme == IdentifierScheme.NHS_NUMBER),
    )
    new_keys = keys_of(keyed) - known.search_keys
    for key in new_keys:
        memo.rows.add(SearchKey(key=key, person_id=person.id))
    known.search_keys |= new_keys
    memo.blocks.add(person, new_keys)


def person_moved(*, person: Person, postcode: str, memo: IntakeMemo) -> None:
    """A move the feed reports: the child is then found by the new postcode too, its keys written with the batch."""
    _add_search_keys(person, memo.known_of(person, fresh=False), memo, moved_to=postcode)


_SHARED = "also recorded for another person: a data quality officer must check"


def _nhs_warning(report: PersonReport, shared: bool) -> str:
    """Why a valid NHS number needs a second look (R3), if it does."""
    test_range_expected = settings.MACPU_ENV != "production"
    warnings = [_SHARED] if shared else []
    warnings += nhs_number_warnings(report.nhs_number, test_range_expected=test_range_expected)
    return "; ".join(warnings)[:200]


def _new_person(
    actor: Actor,
    report: PersonReport,
    kind: PersonKind,
    memo: IntakeMemo,
    *,
    unborn_expected: dt.date | None = None,
) -> Person:
    person = memo.rows.add(
        Person(
            kind=kind,
            given_name=report.given_name,
            family_name=report.family_name,
            date_of_birth=report.date_of_birth,
            sex=report.sex if report.sex in Sex.values else Sex.NOT_KNOWN,
            is_unborn=unborn_expected is not None,
            expected_date=unborn_expected,
        )
    )
    trail.record(
        actor=actor,
        action=AuditAction.PERSON_CREATED,
        target_type="person",
        target_id=person.id,
        child_id=person.audited_child_id,
    )
    return person


def _flag(
    actor: Actor,
    memo: IntakeMemo,
    person: Person,
    candidate: Person,
    score: float,
    explanation: dict[str, object],
    reason: str,
) -> None:
    """Flag a just-created person as a probable duplicate of a known one (so the pair is new too)."""
    candidate = _unfolded(candidate)
    if candidate.id == person.id or known_distinct(person.id, candidate.id):
        return  # a person decided these are different people (people.services.duplicates): never raised again
    memo.rows.add(
        ProbableDuplicate(person=person, candidate=candidate, score=score, explanation=explanation, reason=reason)
    )
    trail.record(
        actor=actor,
        action=AuditAction.PROBABLE_DUPLICATE_FLAGGED,
        target_type="person",
        target_id=person.id,
        child_id=person.audited_child_id,
        details={"candidate": str(candidate.id), "reason": reason},
    )


def _unfolded(person: Person) -> Person:
    """The record a folded record is now part of (a link resolved by people), or the record itself."""
    if person.merged_into_id is None:
        return person
    survivor = survivor_of(person.id)
    return Person.objects.get(id=survivor) if survivor else person


_METHODS = {
    ResolutionOutcome.VERIFIED_NHS_NUMBER: LinkMethod.VERIFIED_NHS_NUMBER,
    ResolutionOutcome.NHS_NUMBER_WITH_DEMOGRAPHICS: LinkMethod.NHS_NUMBER_WITH_DEMOGRAPHICS,
}


def _decide(
    actor: Actor, report: PersonReport, kind: PersonKind, memo: IntakeMemo
) -> tuple[Person, ResolutionOutcome, bool]:
    """The person, how they were found, and whether their NHS number is shared with another record."""
    holder = _nhs_holder(report.nhs_number, kind, memo) if report.nhs_number else None
    if holder is not None:
        held = _demographics(holder, memo, report.nhs_number)
        if report.nhs_number_verified and not clearly_contradicts(report.demographics, held):
            return holder, ResolutionOutcome.VERIFIED_NHS_NUMBER, False
        if not report.nhs_number_verified and names_and_date_of_birth_agree(report.demographics, held):
            return holder, ResolutionOutcome.NHS_NUMBER_WITH_DEMOGRAPHICS, False
        person = _new_person(actor, report, kind, memo)
        outcome = (
            ResolutionOutcome.NHS_NUMBER_CONFLICT
            if report.nhs_number_verified
            else ResolutionOutcome.PROBABLE_DUPLICATE
        )
        reason = (
            "the same verified NHS number, but names and date of birth clearly differ"
            if report.nhs_number_verified
            else "the same unverified NHS number, but names or date of birth differ"
        )
        score = compare(report.demographics, Demographics(**{**held.__dict__, "nhs_number": ""}))
        _flag(actor, memo, person, holder, score.total, score.as_dict(), reason)
        return person, outcome, True
    best = _best_candidate(report, kind, memo)
    person = _new_person(actor, report, kind, memo)
    if best is None:
        return person, ResolutionOutcome.NEW_PERSON, False
    _flag(
        actor,
        memo,
        person,
        best[0],
        best[2],
        best[1],
        "names, date of birth and postcode are alike; never linked on these alone",
    )
    return person, ResolutionOutcome.PROBABLE_DUPLICATE, False


def person_resolve(
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    report: PersonReport,
    kind: PersonKind,
    payload: dict[str, object],
    memo: IntakeMemo | None = None,
) -> Resolution:
    """macpu's person for what an agency reported, linked to the agency's own record. Runs in the caller's transaction.

    `memo` carries what this import has already learnt; without one, everything is read afresh.
    """
    memo = memo if memo is not None else IntakeMemo()
    if (organisation_id, report) in memo.reports:
        earlier = memo.reports[(organisation_id, report)]
        return Resolution(earlier.person, ResolutionOutcome.KNOWN_SOURCE, earlier.source)
    resolution = _resolve(actor, organisation_id, report, kind, payload, memo)
    memo.reports[(organisation_id, report)] = resolution
    return resolution


def _resolve(
    actor: Actor,
    organisation_id: uuid.UUID,
    report: PersonReport,
    kind: PersonKind,
    payload: dict[str, object],
    memo: IntakeMemo,
) -> Resolution:
    key = report.source_key()
    source, linked = _source_record(organisation_id, key, payload, memo)
    if linked is not None:
        if source.payload != payload:
            # The agency's record of the person changed: keep its latest, and add what is new.
            source.payload = payload
            memo.rows.save_later(source, ["payload"])  # the batch keeps `source` in `memo.sources`
            _record_details(actor, linked, report, source, organisation_id, memo=memo, nhs_shared=False)
        return Resolution(linked, ResolutionOutcome.KNOWN_SOURCE, source)
    person, outcome, nhs_shared = _decide(actor, report, kind, memo)
    method = _METHODS.get(outcome, LinkMethod.NEW_PERSON)
    memo.rows.add(PersonLink(source_record=source, person=person, method=method, linked_by=actor.label))
    memo.sources[(organisation_id, key)] = (source, person)
    _record_details(
        actor, person, report, source, organisation_id, memo=memo, nhs_shared=nhs_shared, fresh=outcome.created
    )
    return Resolution(person, outcome, source)


def _source_record(
    organisation_id: uuid.UUID, key: str, payload: dict[str, object], memo: IntakeMemo
) -> tuple[SourceRecord, Person | None]:
    """The agency's record of the person, and macpu's person it is linked to (None when it is not linked).

    Read, then create: the caller's transaction is the unit of work, so no savepoint of get_or_create's own.
    """
    wanted = (organisation_id, key)
    unlinked = {} if wanted in memo.sources or wanted in memo.absent_sources else memo.read_sources({wanted})[0]
    if wanted in memo.sources:
        return memo.sources[wanted]
    if wanted in unlinked:
        return unlinked[wanted], None
    memo.absent_sources.discard(wanted)  # from now on the batch holds it
    return memo.rows.add(SourceRecord(organisation_id=organisation_id, local_id=key, payload=payload)), None


def unborn_child_resolve(
    *, actor: Actor, organisation_id: uuid.UUID, mother: Person, expected_date: dt.date, memo: IntakeMemo
) -> tuple[Person, bool]:
    """The unborn child of this mother due around this date (within 8 weeks), or a new one."""
    memo.rows.flush(Person, Relationship)  # rare: the mother's unborn children are read through the database
    window = dt.timedelta(weeks=8)
    known = (
        Relationship.objects.filter(
            relative=mother,
            type=RelationshipType.MOTHER,
            person__is_unborn=True,
            person__expected_date__range=(expected_date - window, expected_date + window),
        )
        .select_related("person")
        .first()
    )
    if known is not None:
        return known.person, False
    child = _new_person(
        actor, PersonReport(family_name=mother.family_name), PersonKind.CHILD, memo, unborn_expected=expected_date
    )
    memo.relationships(child, mother, RelationshipType.MOTHER).append(
        memo.rows.add(
            Relationship(
                person=child,
                relative=mother,
                type=RelationshipType.MOTHER,
                lives_with=True,
                recorded_by_id=organisation_id,
            )
        )
    )
    return child, True
