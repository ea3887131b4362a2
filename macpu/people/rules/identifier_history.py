"""A child's identifiers reconciled (R1, R8): how each is shown, what looks wrong, and which is the consistent one.

Pure: the selector (`people.selectors.identifiers`) reads the rows and hands them here as `HeldIdentifier`s.
Sources: R1 to R5 and R8 of the brief; s.16LC Children Act 2004 (the consistent identifier, to be named by
regulations; the government has said it intends the NHS number); the DfE's Former UPN (census). See
docs/identifiers-reconciled.md.
"""

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from macpu.people.rules.identifiers import format_nhs_number, nhs_number_warnings

# The schemes of `people.models.IdentifierScheme`, by value (rules import no models).
NHS_NUMBER = "nhs_number"
UPN = "upn"
FORMER_UPN = "former_upn"
LOCAL_ID = "local_id"
# Schemes that name one child nationally: the same value on two records is a conflict.
NATIONAL_SCHEMES = (NHS_NUMBER, UPN, FORMER_UPN)

TRACED = "Traced against the national demographics service (PDS)"
_SEPARATORS = re.compile(r"[\s-]")


def display_value(scheme: str, value: str) -> str:
    """An NHS number as 3-3-4 (R4); anything else as stored."""
    return format_nhs_number(value) if scheme == NHS_NUMBER and len(value) == 10 else value


def verification_of(scheme: str, verified: bool) -> str:
    """What 'verified' means for this identifier, in words."""
    if verified:
        return TRACED
    if scheme == NHS_NUMBER:
        return "Not yet traced against the national demographics service (PDS)"
    return "As recorded by the organisation that reported it"


def identifier_warnings(scheme: str, value: str, stored: str, *, test_range_expected: bool) -> tuple[str, ...]:
    """Why a valid identifier needs a second look: the warning kept when it arrived, and what is true now (R3)."""
    found = [part.strip() for part in stored.split(";") if part.strip()]
    if scheme == NHS_NUMBER:
        found += nhs_number_warnings(value, test_range_expected=test_range_expected)
    if scheme in (UPN, FORMER_UPN) and len(value) == 13 and value[-1].isalpha():
        found.append("a temporary UPN: the school should replace it with a permanent one")
    return tuple(dict.fromkeys(found))


def stated_in(payload: Mapping[str, object], scheme: str, value: str) -> bool:
    """Whether an agency's latest record of the person (as it sent it) gives this identifier."""
    field = {NHS_NUMBER: "nhs_number", UPN: "upn", LOCAL_ID: "local_id"}.get(scheme)
    sent = payload.get(field) if field else None
    if not isinstance(sent, str):
        return False
    return _SEPARATORS.sub("", sent).upper() == value.upper()


def reported_traced(payload: Mapping[str, object]) -> bool:
    return payload.get("nhs_number_verified") is True


def agency_record_id(source_key: str) -> str:
    """The agency's own id for the person, or "" when it sent none (macpu then keys the record by NHS number or by
    names and date of birth, which are not shown as an id)."""
    return "" if source_key.startswith(("nhs:", "name:")) else source_key


@dataclass(frozen=True)
class HeldIdentifier:
    scheme: str
    value: str
    verified: bool
    valid_to: dt.date | None

    @property
    def current(self) -> bool:
        return self.valid_to is None

    @property
    def shown(self) -> str:
        return display_value(self.scheme, self.value)


class ConflictKind(StrEnum):
    TWO_CURRENT = "two_current"
    HELD_BY_ANOTHER_RECORD = "held_by_another_record"
    FORMER_UPN = "former_upn"


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    scheme: str
    values: tuple[str, ...]  # as shown
    message: str


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def own_conflicts(held: Sequence[HeldIdentifier]) -> list[Conflict]:
    """What the child's own identifiers say against each other: two NHS numbers (or UPNs) in force at once, and
    former UPNs (the census's Former UPN: records sent under one belong to this child)."""
    found = []
    for scheme, one in ((NHS_NUMBER, "A child has one NHS number"), (UPN, "A pupil keeps one UPN through school")):
        current = tuple(dict.fromkeys(h.shown for h in held if h.scheme == scheme and h.current))
        if len(current) > 1:
            found.append(
                Conflict(
                    ConflictKind.TWO_CURRENT,
                    scheme,
                    current,
                    f"{len(current)} current {'NHS numbers' if scheme == NHS_NUMBER else 'UPNs'}: "
                    f"{' and '.join(current)}. {one}: ask the organisations that reported them which is right. "
                    "When an organisation corrects its record, macpu ends the wrong one and keeps it in the history.",
                )
            )
    current_upns = {h.value for h in held if h.scheme == UPN and h.current}
    for former in held:
        is_former = former.scheme == FORMER_UPN or (former.scheme == UPN and not former.current)
        if is_former and former.value not in current_upns:
            since = f" (ended {_day(former.valid_to)})" if former.valid_to else ""
            found.append(
                Conflict(
                    ConflictKind.FORMER_UPN,
                    UPN,
                    (former.shown,),
                    f"{former.shown} is a former UPN of this child{since}. Schools' census returns carry it as "
                    "'Former UPN': records sent under it belong to this child; use the current UPN.",
                )
            )
    return found


def held_elsewhere_message(scheme: str, value: str, *, current: bool, other: str, in_review_queue: bool) -> str:
    """The conflict of a national identifier also held by another record. `other` names that record only when the
    reader may see it; otherwise it is just "another record"."""
    label = "NHS number" if scheme == NHS_NUMBER else "UPN"
    held = f"{label} {display_value(scheme, value)}{'' if current else ', which this child no longer has,'}"
    queue = (
        "It is in the duplicates review queue for a data quality officer."
        if in_review_queue
        else "It is not in the duplicates review queue yet: tell your data quality officer."
    )
    return f"{held} is also held by {other}. The same child may be recorded twice, or a number is wrong. {queue}"


class ConsistentStatus(StrEnum):
    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    NONE = "none"


@dataclass(frozen=True)
class ConsistentChoice:
    status: ConsistentStatus
    chosen: HeldIdentifier | None
    advice: str


def consistent_identifier(scheme: str, label: str, held: Sequence[HeldIdentifier]) -> ConsistentChoice:
    """The child's consistent identifier (s.16LC CA 2004; R8): of the configured scheme, the current verified one,
    else a current unverified one (with a warning), else none yet, with what to do."""
    current = [h for h in held if h.scheme == scheme and h.current]
    verified = [h for h in current if h.verified]
    several = len({h.value for h in current}) > 1
    resolve = " More than one is current: resolve that before relying on it." if several else ""
    if verified:
        return ConsistentChoice(ConsistentStatus.VERIFIED, verified[0], f"{TRACED}.{resolve}")
    if current:
        check = (
            "ask the child's GP practice or health visiting team to trace it against the national demographics "
            "service (PDS), or trace it yourself if your organisation can"
            if scheme == NHS_NUMBER
            else "confirm it with the organisation that issues it"
        )
        return ConsistentChoice(ConsistentStatus.UNVERIFIED, current[0], f"Not verified yet: {check}.{resolve}")
    find = (
        "Ask the child's GP practice or health visiting team for it, or trace the child on the national demographics "
        "service (PDS)"
        if scheme == NHS_NUMBER
        else "Ask the organisation that issues it"
    )
    return ConsistentChoice(ConsistentStatus.NONE, None, f"No {label} yet. {find}, then add it to the child's record.")
