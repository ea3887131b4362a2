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
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import Q

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
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
    Sex,
    SourceRecord,
)
from macpu.people.rules.identifiers import nhs_number_warnings
from macpu.people.rules.matching import Demographics, clearly_contradicts, compare, names_and_date_of_birth_agree
from macpu.people.rules.reports import PersonReport

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


class IntakeMemo:
    """What one import has learnt about people, so each organisation's report of the same person costs no re-reading.

    Valid only while the work it describes stands: the caller clears it after a rollback.
    """

    def __init__(self) -> None:
        self.reports: dict[tuple[uuid.UUID, PersonReport], Resolution] = {}
        self.known: dict[uuid.UUID, _Known] = {}
        self.nhs_holders: dict[tuple[str, str], Person] = {}

    def __len__(self) -> int:
        return len(self.reports) + len(self.known)

    def clear(self) -> None:
        self.reports.clear()
        self.known.clear()
        self.nhs_holders.clear()

    def trim(self, keep: int) -> None:
        """Forget the oldest entries beyond `keep` of each kind: feeds run in time order, so the newest are the hot ones."""
        for memory in (self.reports, self.known, self.nhs_holders):
            _drop_oldest(memory, len(memory) - keep)

    def known_of(self, person: Person, *, fresh: bool) -> _Known:
        if person.id not in self.known:
            self.known[person.id] = _Known(set(), set(), None) if fresh else _read_known(person)
        return self.known[person.id]


def _drop_oldest(memory: dict[Any, Any], count: int) -> None:
    for key in list(itertools.islice(memory, max(count, 0))):
        del memory[key]


def _read_known(person: Person) -> _Known:
    names = {(n.lower(), f.lower()) for n, f in person.names.values_list("given_name", "family_name")}
    identifiers = set(person.identifiers.values_list("scheme", "value"))
    addresses = list(person.addresses.values_list("postcode", "valid_to"))
    current = next((code for code, ended in addresses if ended is None), "")
    return _Known(names, identifiers, current if addresses else None)


def _demographics(person: Person, memo: IntakeMemo, nhs_number: str = "") -> Demographics:
    postcode = memo.known_of(person, fresh=False).postcode or ""
    return Demographics(person.given_name, person.family_name, person.date_of_birth, person.sex, postcode, nhs_number)


def _nhs_holder(nhs_number: str, kind: PersonKind, memo: IntakeMemo) -> Person | None:
    if (nhs_number, kind) in memo.nhs_holders:
        return memo.nhs_holders[(nhs_number, kind)]
    holders = Identifier.objects.filter(
        scheme=IdentifierScheme.NHS_NUMBER, value=nhs_number, valid_to__isnull=True, person__kind=kind
    )
    holder_id = holders.order_by("created_at").values_list("person_id", flat=True).first()
    if holder_id is None:
        return None
    holder = Person.objects.get(id=holder_id)
    memo.nhs_holders[(nhs_number, kind)] = holder
    return holder


def _candidates(report: PersonReport, kind: PersonKind) -> list[tuple[Person, Demographics]]:
    """Blocking: the same date of birth (or swapped), or the same family name born the same year.

    Three queries whatever the number of candidates: the people, their NHS numbers, their postcodes.
    """
    born = report.date_of_birth
    if born is None:
        return []
    dates = {born}
    if born.day <= 12:
        dates.add(dt.date(born.year, born.day, born.month))
    blocks = Q(date_of_birth__in=dates)
    if report.family_name:
        same_year = (dt.date(born.year, 1, 1), dt.date(born.year, 12, 31))
        blocks |= Q(date_of_birth__range=same_year, family_name__iexact=report.family_name)
    people = list(Person.objects.filter(blocks, kind=kind)[:MAX_CANDIDATES])
    ids = [person.id for person in people]
    numbers = Identifier.objects.filter(person_id__in=ids, scheme=IdentifierScheme.NHS_NUMBER, valid_to__isnull=True)
    nhs = dict(numbers.values_list("person_id", "value"))
    postcodes = dict(
        Address.objects.filter(person_id__in=ids, valid_to__isnull=True).values_list("person_id", "postcode")
    )
    return [
        (
            person,
            Demographics(
                person.given_name,
                person.family_name,
                person.date_of_birth,
                person.sex,
                postcodes.get(person.id, ""),
                nhs.get(person.id, ""),
            ),
        )
        for person in people
    ]


def _best_candidate(report: PersonReport, kind: PersonKind) -> tuple[Person, dict[str, object], float] | None:
    best: tuple[Person, dict[str, object], float] | None = None
    for candidate, demographics in _candidates(report, kind):
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
        PersonName.objects.create(
            person=person, given_name=report.given_name, family_name=report.family_name, kind=kind, source=source
        )
        known.names.add(reported_name)
        added.append("name")
    held = known.identifiers
    wanted = [
        Identifier(
            person=person,
            scheme=scheme,
            value=value,
            verified=verified,
            warning=warning,
            issuer_id=issuer,
            source=source,
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
        if value and (scheme, value) not in held
    ]
    Identifier.objects.bulk_create(wanted)
    held.update((str(identifier.scheme), identifier.value) for identifier in wanted)
    if any(identifier.scheme == IdentifierScheme.NHS_NUMBER for identifier in wanted) and not nhs_shared:
        memo.nhs_holders.setdefault((report.nhs_number, PersonKind(person.kind)), person)
    added += [str(identifier.scheme) for identifier in wanted]
    if not fresh and person.sex == Sex.NOT_KNOWN and report.sex in {Sex.FEMALE, Sex.MALE, Sex.INDETERMINATE}:
        person.sex = report.sex
        person.save(update_fields=["sex", "updated_at"])
        added.append("sex")
    if report.postcode and known.postcode is None:
        Address.objects.create(person=person, postcode=report.postcode, recorded_by_id=organisation_id, source=source)
        known.postcode = report.postcode
        added.append("address")
    if added:
        trail.record(
            actor=actor,
            action=AuditAction.PERSON_UPDATED,
            target_type="person",
            target_id=person.id,
            child_id=person.audited_child_id,
            details={"source_record": str(source.id), "added": added},
        )


_SHARED = "also recorded for another person: a data quality officer must check"


def _nhs_warning(report: PersonReport, shared: bool) -> str:
    """Why a valid NHS number needs a second look (R3), if it does."""
    test_range_expected = settings.MACPU_ENV != "production"
    warnings = [_SHARED] if shared else []
    warnings += nhs_number_warnings(report.nhs_number, test_range_expected=test_range_expected)
    return "; ".join(warnings)[:200]


def _new_person(
    actor: Actor, report: PersonReport, kind: PersonKind, *, unborn_expected: dt.date | None = None
) -> Person:
    person = Person.objects.create(
        kind=kind,
        given_name=report.given_name,
        family_name=report.family_name,
        date_of_birth=report.date_of_birth,
        sex=report.sex if report.sex in Sex.values else Sex.NOT_KNOWN,
        is_unborn=unborn_expected is not None,
        expected_date=unborn_expected,
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
    actor: Actor, person: Person, candidate: Person, score: float, explanation: dict[str, object], reason: str
) -> None:
    """Flag a just-created person as a probable duplicate of a known one (so the pair is new too)."""
    ProbableDuplicate.objects.create(
        person=person, candidate=candidate, score=score, explanation=explanation, reason=reason
    )
    trail.record(
        actor=actor,
        action=AuditAction.PROBABLE_DUPLICATE_FLAGGED,
        target_type="person",
        target_id=person.id,
        child_id=person.audited_child_id,
        details={"candidate": str(candidate.id), "reason": reason},
    )


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
        person = _new_person(actor, report, kind)
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
        _flag(actor, person, holder, score.total, score.as_dict(), reason)
        return person, outcome, True
    best = _best_candidate(report, kind)
    person = _new_person(actor, report, kind)
    if best is None:
        return person, ResolutionOutcome.NEW_PERSON, False
    _flag(
        actor,
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
    # Read, then create: the caller's transaction is the unit of work, so no savepoint of get_or_create's own.
    key = report.source_key()
    source = SourceRecord.objects.filter(organisation_id=organisation_id, local_id=key).first()
    created = source is None
    if source is None:
        source = SourceRecord.objects.create(organisation_id=organisation_id, local_id=key, payload=payload)
    link = (
        None
        if created
        else PersonLink.objects.filter(source_record=source, unlinked_at__isnull=True).select_related("person").first()
    )
    if link is not None:
        if source.payload != payload:
            # The agency's record of the person changed: keep its latest, and add what is new.
            source.payload = payload
            source.save(update_fields=["payload", "updated_at"])
            _record_details(actor, link.person, report, source, organisation_id, memo=memo, nhs_shared=False)
        return Resolution(link.person, ResolutionOutcome.KNOWN_SOURCE, source)
    person, outcome, nhs_shared = _decide(actor, report, kind, memo)
    method = _METHODS.get(outcome, LinkMethod.NEW_PERSON)
    PersonLink.objects.create(source_record=source, person=person, method=method, linked_by=actor.label)
    _record_details(
        actor, person, report, source, organisation_id, memo=memo, nhs_shared=nhs_shared, fresh=outcome.created
    )
    return Resolution(person, outcome, source)


def unborn_child_resolve(
    *, actor: Actor, organisation_id: uuid.UUID, mother: Person, expected_date: dt.date
) -> tuple[Person, bool]:
    """The unborn child of this mother due around this date (within 8 weeks), or a new one."""
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
        actor, PersonReport(family_name=mother.family_name), PersonKind.CHILD, unborn_expected=expected_date
    )
    Relationship.objects.create(
        person=child, relative=mother, type=RelationshipType.MOTHER, lives_with=True, recorded_by_id=organisation_id
    )
    return child, True
