"""The one write path for agency events: forms, the API and feed files all end here.

`event_record` takes a checked submission and makes it true in macpu: the event
(a new version when it changed), the child and the people around them, their
relationships and household, the recording organisation's involvement, any
allocation of a named professional, and the audit entries, in the caller's
transaction. It never refuses a true report because a step came out of order.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from django.db.models import Q

from macpu.access.models import NetworkMember, NetworkRole
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.models import Sensitivity
from macpu.events.models import Event, EventPerson, EventStatus, EventVersion
from macpu.events.rules.feed_format import EventSubmission, FieldError
from macpu.events.services.session import RecordingSession
from macpu.people.models import Address, Person, PersonKind, Relationship, RelationshipType
from macpu.people.rules.reports import PersonReport
from macpu.people.services.intake import (
    IntakeMemo,
    Resolution,
    ResolutionOutcome,
    person_moved,
    person_resolve,
    unborn_child_resolve,
)


class EventResult(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    RETRACTED = "retracted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class RecordOutcome:
    result: EventResult
    event: Event | None = None
    errors: tuple[FieldError, ...] = ()
    new_people: int = 0
    probable_duplicates: int = 0


_ROLE_TYPES = {
    "mother": RelationshipType.MOTHER,
    "father": RelationshipType.FATHER,
    "parent_partner": RelationshipType.PARENT_PARTNER,
    "sibling": RelationshipType.SIBLING,
    "household_member": RelationshipType.HOUSEHOLD_MEMBER,
    "relative": RelationshipType.RELATIVE,
    "other": RelationshipType.OTHER,
}
_NETWORK_ROLES = {
    "lead_practitioner": NetworkRole.LEAD_PRACTITIONER,
    "lead_child_protection_practitioner": NetworkRole.LEAD_CHILD_PROTECTION_PRACTITIONER,
    "key_worker": NetworkRole.KEY_WORKER,
}


class _Tally:
    """New people and probable duplicates one event made, and the import's memory of people already resolved."""

    def __init__(self, memo: IntakeMemo) -> None:
        self.new_people = 0
        self.probable_duplicates = 0
        self.memo = memo

    def count(self, resolution: Resolution) -> Person:
        self.new_people += resolution.outcome.created
        self.probable_duplicates += resolution.outcome in {
            ResolutionOutcome.PROBABLE_DUPLICATE,
            ResolutionOutcome.NHS_NUMBER_CONFLICT,
        }
        return resolution.person


def _as_matched(report: PersonReport, submission: EventSubmission) -> PersonReport:
    """A protected event's postcodes (a refuge's) are neither matched on nor kept as a person's address: they stay
    in the event, read only as its sensitivity allows."""
    return report if submission.sensitivity == Sensitivity.STANDARD else replace(report, postcode="")


def _subject_child(actor: Actor, submission: EventSubmission, organisation_id: uuid.UUID, tally: _Tally) -> Person:
    subject = submission.subject
    payload: dict[str, object] = dict(submission.payload.get("subject", {}))
    if subject.unborn and subject.mother is not None and subject.expected_date is not None:
        mother = tally.count(
            person_resolve(
                actor=actor,
                organisation_id=organisation_id,
                report=_as_matched(subject.mother, submission),
                kind=PersonKind.ADULT,
                payload=payload,
                memo=tally.memo,
            )
        )
        child, created = unborn_child_resolve(
            actor=actor,
            organisation_id=organisation_id,
            mother=mother,
            expected_date=subject.expected_date,
            memo=tally.memo,
        )
        tally.new_people += created
        return child
    return tally.count(
        person_resolve(
            actor=actor,
            organisation_id=organisation_id,
            report=_as_matched(subject.person, submission),
            kind=PersonKind.CHILD,
            payload=payload,
            memo=tally.memo,
        )
    )


def _lives_with(report: PersonReport, submission: EventSubmission) -> bool | None:
    if submission.type == "household_change":
        return submission.details.get("change") == "joined"
    if report.role == "household_member":
        return True
    return report.lives_with_child


def _relate(
    child: Person,
    adult: Person,
    report: PersonReport,
    submission: EventSubmission,
    organisation_id: uuid.UUID,
    session: RecordingSession,
) -> None:
    """Record the relationship the event states, dated from the event; a household that ends is closed, not deleted."""
    if child.id == adult.id:
        return
    relationship_type = _ROLE_TYPES.get(report.role, RelationshipType.OTHER)
    lives_with = _lives_with(report, submission)
    on = submission.occurred.on
    existing = session.intake.relationships(child, adult, relationship_type)
    if lives_with is False:
        # Only a household in force on that day can end then: an older report says nothing of later years.
        for ending in existing:
            if ending.lives_with and ending.valid_to is None and (ending.valid_from is None or ending.valid_from <= on):
                ending.valid_to = on
                session.rows.save(ending, ["valid_to"])
    # Each organisation's account is its own record; the same account again adds nothing.
    own = [r for r in existing if r.recorded_by_id == organisation_id]
    if any(r.lives_with == bool(lives_with) and (r.valid_to is None or r.valid_to >= on) for r in own):
        return
    if lives_with is False and own:
        return
    existing.append(
        session.rows.add(
            Relationship(
                person=child,
                relative=adult,
                type=relationship_type,
                lives_with=bool(lives_with),
                valid_from=on if lives_with else None,
                recorded_by_id=organisation_id,
            )
        )
    )


def _record_people(
    actor: Actor,
    event: Event,
    submission: EventSubmission,
    organisation_id: uuid.UUID,
    tally: _Tally,
    session: RecordingSession,
) -> None:
    for index, report in enumerate(submission.people):
        payload = dict(submission.payload["people"][index])
        kind = PersonKind.CHILD if report.is_child else PersonKind.ADULT
        if kind == PersonKind.CHILD and report.date_of_birth is None:
            continue  # a child's record needs a date of birth; the sibling stays in the event's payload
        person = tally.count(
            person_resolve(
                actor=actor,
                organisation_id=organisation_id,
                report=_as_matched(report, submission),
                kind=kind,
                payload=payload,
                memo=tally.memo,
            )
        )
        session.rows.add(EventPerson(event=event, person=person, role=report.role))
        _relate(event.child, person, report, submission, organisation_id, session)


def _record_effects(actor: Actor, event: Event, submission: EventSubmission, session: RecordingSession) -> None:
    """What the event says about the child's address and professional network."""
    if submission.type == "address_change":
        _move(event, submission, session)
    if submission.type == "allocation" and submission.details.get("name"):
        _allocate(actor, event, submission, session)


def _move(event: Event, submission: EventSubmission, session: RecordingSession) -> None:
    """Slot the move into the address history: moves can be reported late, after later ones."""
    on = submission.occurred.on
    session.rows.flush(Address)  # the child's address history is read through the database
    addresses = Address.objects.filter(person=event.child)
    later = addresses.filter(valid_from__gt=on).order_by("valid_from").values_list("valid_from", flat=True).first()
    earlier_in_force = addresses.filter(Q(valid_from__isnull=True) | Q(valid_from__lt=on))
    earlier_in_force.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).update(valid_to=on - dt.timedelta(days=1))
    Address.objects.create(
        person=event.child,
        postcode=str(submission.details["postcode"]),
        la_code=str(submission.details.get("la_code", "")),
        valid_from=on,
        valid_to=later - dt.timedelta(days=1) if later else None,
        recorded_by=event.organisation,
        sensitivity=event.sensitivity,  # a sealed move (a refuge) makes a sealed address
    )
    if event.sensitivity == Sensitivity.STANDARD:  # a protected address is never matched on (a refuge's postcode)
        person_moved(person=event.child, postcode=str(submission.details["postcode"]), memo=session.intake)


def _allocate(actor: Actor, event: Event, submission: EventSubmission, session: RecordingSession) -> None:
    """Name the allocated professional in the child's network when macpu knows them by name in that organisation."""
    user_id = session.staff_member(event.organisation_id, str(submission.details["name"]))
    role = _NETWORK_ROLES[str(submission.details["role"])]
    if user_id is None:
        return
    current = NetworkMember.objects.filter(child=event.child, user_id=user_id, network_role=role, ended_on__isnull=True)
    if submission.details.get("change") == "ended":
        ended = current.filter(started_on__lte=submission.occurred.on).update(ended_on=submission.occurred.on)
        action = AuditAction.NETWORK_MEMBER_ENDED if ended else None
    elif not current.exists():
        NetworkMember.objects.create(
            child=event.child,
            user_id=user_id,
            organisation=event.organisation,
            network_role=role,
            started_on=submission.occurred.on,
        )
        action = AuditAction.NETWORK_MEMBER_ADDED
    else:
        action = None
    if action is not None:
        trail.record(
            actor=actor,
            action=action,
            target_type="event",
            target_id=event.id,
            child_id=event.child_id,
            details={"user_id": str(user_id), "network_role": str(role)},
        )


def _fields(submission: EventSubmission) -> dict[str, Any]:
    return {
        "type": submission.type,
        "occurred_on": submission.occurred.on,
        "occurred_at": submission.occurred.at,
        "date_is_approximate": submission.occurred.approximate,
        "author_role": submission.author_role,
        "status": submission.status,
        "summary": submission.summary,
        "safeguarding_relevant": submission.safeguarding_relevant,
        "sensitivity": submission.sensitivity,
        "ref_org_code": submission.ref.org if submission.ref else "",
        "ref_record_id": submission.ref.record_id if submission.ref else "",
        "details": dict(submission.details),
        "content_hash": submission.content_hash,
    }


def _link_refs(event: Event, org_code: str, session: RecordingSession) -> None:
    """Join this event to the one it answers, and any events already received that answer this one."""
    waiting = session.waiting_refs()
    if event.ref_record_id:
        target_organisation = session.organisation_id(event.ref_org_code)
        target = session.event(target_organisation, event.ref_record_id) if target_organisation else None
        if target is None:
            waiting.add((event.ref_org_code, event.ref_record_id))
        if event.ref_event_id != (target.id if target else None):
            event.ref_event = target
            session.rows.save(event, ["ref_event"])
    if (org_code, event.record_id) in waiting:
        for early in session.rows.pending(Event):
            if (early.ref_org_code, early.ref_record_id, early.ref_event_id) == (org_code, event.record_id, None):
                early.ref_event = event
        Event.objects.filter(ref_org_code=org_code, ref_record_id=event.record_id, ref_event__isnull=True).update(
            ref_event=event
        )
        waiting.discard((org_code, event.record_id))


def _audit(actor: Actor, event: Event, result: EventResult) -> None:
    action = {
        EventResult.CREATED: AuditAction.EVENT_RECORDED,
        EventResult.UPDATED: AuditAction.EVENT_UPDATED,
        EventResult.RETRACTED: AuditAction.EVENT_RETRACTED,
    }[result]
    trail.record(
        actor=actor,
        action=action,
        target_type="event",
        target_id=event.id,
        child_id=event.child_id,
        details={"organisation_id": str(event.organisation_id), "type": event.type, "version": event.version},
    )


def _already_received(existing: Event, submission: EventSubmission, session: RecordingSession) -> bool:
    """The current version again, or an earlier version replayed (a file imported twice) that is not newer.

    An earlier content sent again with a later `recorded_at` is a deliberate change back, and is a new version.
    """
    if existing.content_hash == submission.content_hash:
        return True
    newer = submission.recorded_at is not None and submission.recorded_at > existing.recorded_at
    return not newer and session.received_before(existing, submission.content_hash)


def event_record(
    *,
    actor: Actor,
    submission: EventSubmission,
    received_via: str,
    session: RecordingSession,
    known_child: Person | None = None,
) -> RecordOutcome:
    """Make one checked event true in macpu. Runs in the caller's transaction (a savepoint per event).

    `known_child` is given by a form on a child's own page: the event is about that child, found through access.
    """
    organisation_id = session.organisation_id(submission.org)
    if organisation_id is None:
        return RecordOutcome(
            EventResult.REJECTED, errors=(FieldError("org", f"{submission.org!r} is not a registered organisation"),)
        )
    existing = session.event(organisation_id, submission.record_id)
    if existing is not None and _already_received(existing, submission, session):
        return RecordOutcome(EventResult.UNCHANGED, existing)
    now = clock.now()
    tally = _Tally(session.intake)
    if existing is None:
        child = known_child or _subject_child(actor, submission, organisation_id, tally)
        event = session.rows.add(
            Event(
                organisation_id=organisation_id,
                record_id=submission.record_id,
                child=child,
                recorded_at=submission.recorded_at or now,
                received_at=now,
                **_fields(submission),
            )
        )
        result = EventResult.RETRACTED if submission.retracted else EventResult.CREATED
    else:
        event = existing
        was_active = existing.status == EventStatus.ACTIVE
        for name, value in _fields(submission).items():
            setattr(event, name, value)
        event.version += 1
        event.recorded_at = submission.recorded_at or event.recorded_at
        if not session.rows.is_pending(event):
            event.save()
        result = EventResult.RETRACTED if submission.retracted and was_active else EventResult.UPDATED
        session.replace_event_people(event)
    session.rows.add(
        EventVersion(
            event_id=event.id,
            version=event.version,
            payload=dict(submission.payload),
            content_hash=submission.content_hash,
            status=submission.status,
            received_at=now,
            received_via=received_via[:200],
        )
    )
    _record_people(actor, event, submission, organisation_id, tally, session)
    if not submission.retracted:
        _record_effects(actor, event, submission, session)
    _link_refs(event, submission.org, session)
    session.involve(actor, event.child_id, organisation_id)
    _audit(actor, event, result)
    session.remember_event(event)
    session.changed_children.add(event.child_id)
    return RecordOutcome(result, event, new_people=tally.new_people, probable_duplicates=tally.probable_duplicates)
