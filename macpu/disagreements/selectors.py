"""Reads of professional disagreements, worked out from the children's events whenever they are read (ADR 0021).

Through access: a disagreement is shown to a case role whose organisation is involved with its child (the
organisations party to it are: each recorded an event about the child). Each read is audited in the same
transaction, under each child shown. Text whose sensitivity the reader may not read is withheld, with whom to ask.
The number of working days a disagreement may stay at one stage is the gap rule T10's, read from the same setting.
"""

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content
from macpu.access.scoping import reader_facts, restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.dates import in_words
from macpu.core.errors import NotFound
from macpu.disagreements.rules.disagreement import (
    DECISION_TYPES,
    STAGE_NAMES,
    STAGES,
    SUBJECTS,
    Disagreement,
    DisagreementRecord,
    Status,
    disagreements_of,
)
from macpu.events.models import Event, EventStatus
from macpu.gaps.selectors.settings import rule_thresholds
from macpu.organisations.models import Organisation
from macpu.people.models import Person, PersonKind
from macpu.people.selectors.children import child_get
from macpu.workingdays.rules.working_days import WorkingCalendar
from macpu.workingdays.selectors import working_calendar

_CHILDREN_A_QUERY = 2000


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    contact: str = ""


@dataclass(frozen=True)
class ShownStep:
    """One step of a disagreement as the reader may see it."""

    id: uuid.UUID
    on: dt.date
    stage: str
    stage_name: str
    status: str
    by: Party
    practitioner: str  # who raised, escalated or resolved it at this step, when the organisation said
    role: str  # their role (the event's author role)
    text: str  # what was disagreed with and why, the reason to escalate, or the outcome
    withheld: bool


@dataclass(frozen=True)
class ShownDisagreement:
    """A disagreement as the reader may see it, with its child."""

    disagreement: Disagreement
    child_id: uuid.UUID
    child_name: str
    raised_by: Party
    against: Party | None
    disputed: str  # the decision disputed, in words (its type, day and organisation: never its content)
    disputed_id: uuid.UUID | None
    steps: tuple[ShownStep, ...]

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.disagreement.id)

    @property
    def subject_name(self) -> str:
        return SUBJECTS.get(self.disagreement.subject, "Not recorded")

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES.get(self.disagreement.stage, self.disagreement.stage)

    @property
    def next_stage_name(self) -> str:
        following = self.disagreement.next_stage
        return STAGE_NAMES[following] if following else ""

    @property
    def about(self) -> ShownStep:
        return self.steps[0]

    @property
    def outcome(self) -> ShownStep | None:
        return self.steps[-1] if self.disagreement.status is Status.RESOLVED else None


@dataclass(frozen=True)
class DecisionChoice:
    """A decision of another organisation about the child, which the reader may dispute."""

    id: uuid.UUID
    label: str
    org: str


def working_days_at_stage() -> int:
    """The working days a disagreement may stay open at one stage: T10's threshold, as the area set it."""
    return int(rule_thresholds("T10")["working_days_at_stage"])


def _events() -> QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.ACTIVE).select_related("organisation")


def _record(event: Event) -> DisagreementRecord:
    return DisagreementRecord(
        id=str(event.id),
        type=event.type,
        org=event.organisation.code,
        occurred_on=event.occurred_on,
        recorded_at=event.recorded_at,
        details=event.details,
        ref=str(event.ref_event_id) if event.ref_event_id else None,
        record_id=event.record_id,
    )


def _events_of_children(child_ids: Iterable[uuid.UUID], until: dt.date | None = None) -> dict[uuid.UUID, list[Event]]:
    """Each child's active disagreement events, and the events they refer to (the decisions disputed)."""
    wanted = list(dict.fromkeys(child_ids))
    found: dict[uuid.UUID, list[Event]] = {}
    for start in range(0, len(wanted), _CHILDREN_A_QUERY):
        chunk = _events().filter(child_id__in=wanted[start : start + _CHILDREN_A_QUERY], type="disagreement")
        if until is not None:
            chunk = chunk.filter(occurred_on__lte=until)
        disagreements = list(chunk)
        referred = {e.ref_event_id for e in disagreements if e.ref_event_id}
        decisions = list(_events().filter(id__in=referred).exclude(type="disagreement"))
        for event in [*decisions, *disagreements]:
            found.setdefault(event.child_id, []).append(event)
    return found


@dataclass(frozen=True)
class _Clock:
    """The calendar and the number of working days at a stage, read once for every child a read folds."""

    calendar: WorkingCalendar
    days: int
    as_of: dt.date

    @classmethod
    def now(cls, as_of: dt.date | None = None) -> "_Clock":
        return cls(working_calendar(), working_days_at_stage(), as_of or clock.today())


def _fold(events: list[Event], at: _Clock) -> list[Disagreement]:
    records = [_record(e) for e in events]
    return disagreements_of(records, calendar=at.calendar, working_days_at_stage=at.days, as_of=at.as_of)


def _names(events: Iterable[Event], disagreements: Iterable[Disagreement]) -> dict[str, Organisation]:
    codes = {e.organisation.code for e in events} | {d.against for d in disagreements if d.against}
    return {o.code: o for o in Organisation.objects.filter(code__in=codes)}


def _party(code: str, organisations: Mapping[str, Organisation]) -> Party:
    found = organisations.get(code)
    return Party(code, found.name, found.office_hours_phone) if found else Party(code, code)


def _readable(event: Event, reader: ReaderFacts) -> bool:
    owner = event.organisation
    return may_read_content(reader, RecordFacts(owner.id, owner.sector, event.sensitivity))


def _step_text(event: Event) -> str:
    details = event.details
    return str(details.get("outcome") or details.get("about") or "")


def _shown(
    disagreement: Disagreement,
    child: Person,
    by_id: Mapping[str, Event],
    organisations: Mapping[str, Organisation],
    reader: ReaderFacts,
) -> ShownDisagreement:
    steps = []
    for step in disagreement.steps:
        event = by_id[step.record.id]
        readable = _readable(event, reader)
        steps.append(
            ShownStep(
                id=event.id,
                on=step.on,
                stage=step.stage,
                stage_name=STAGE_NAMES.get(step.stage, step.stage),
                status=step.status,
                by=_party(step.org, organisations),
                practitioner=str(event.details.get("practitioner", "")) if readable else "",
                role=event.author_role if readable else "",
                text=_step_text(event) if readable else "",
                withheld=not readable,
            )
        )
    disputed = disagreement.disputed
    disputed_text = ""
    if disputed is not None:
        kind = DECISION_TYPES.get(disputed.type, disputed.type.replace("_", " "))
        disputed_text = f"The {kind} of {in_words(disputed.occurred_on)} by {_party(disputed.org, organisations).name}"
    return ShownDisagreement(
        disagreement=disagreement,
        child_id=child.id,
        child_name=child.full_name,
        raised_by=_party(disagreement.raised_by, organisations),
        against=_party(disagreement.against, organisations) if disagreement.against else None,
        disputed=disputed_text,
        disputed_id=uuid.UUID(disputed.id) if disputed is not None else None,
        steps=tuple(steps),
    )


def _shown_of_child(
    actor: Actor, child: Person, events: list[Event], at: _Clock | None = None
) -> list[ShownDisagreement]:
    folded = _fold(events, at or _Clock.now())
    by_id = {str(e.id): e for e in events}
    organisations = _names(events, folded)
    reader = reader_facts(actor)
    return [_shown(d, child, by_id, organisations, reader) for d in folded]


def _audit_listed(actor: Actor, child_ids: Iterable[uuid.UUID], shown: int, target: str = "child") -> None:
    for child_id in sorted(set(child_ids), key=str):
        trail.record(
            actor=actor,
            action=AuditAction.DISAGREEMENTS_LISTED,
            target_type=target,
            target_id=child_id,
            child_id=child_id,
            details={"disagreements": shown},
        )


@dataclass(frozen=True)
class ChildDisagreements:
    child: Person
    disagreements: list[ShownDisagreement]


def child_disagreements(*, actor: Actor, child_id: uuid.UUID) -> ChildDisagreements:
    """Every disagreement about the child, newest first, for anyone who may see the child; audited."""
    child = child_get(actor=actor, child_id=child_id)  # a refusal is audited in its own transaction
    with transaction.atomic():
        events = _events_of_children([child.id]).get(child.id, [])
        shown = sorted(_shown_of_child(actor, child, events), key=lambda s: s.disagreement.raised.on, reverse=True)
        _audit_listed(actor, [child.id], len(shown))
    return ChildDisagreements(child, shown)


def disagreement_child(*, actor: Actor, disagreement_id: uuid.UUID) -> Person:
    """The child of the disagreement whose first event is `disagreement_id`, if the actor may see the child; NotFound
    alike for a missing disagreement and a hidden child (whose refusal `child_get` audits in its own transaction).
    Call it before the transaction that reads or writes the disagreement, so that a refusal is kept."""
    child_id = _events().filter(id=disagreement_id, type="disagreement").values_list("child_id", flat=True).first()
    if child_id is None:
        raise NotFound
    return child_get(actor=actor, child_id=child_id)


def disagreement_of_child(*, actor: Actor, child: Person, disagreement_id: uuid.UUID) -> ShownDisagreement:
    """The disagreement of a child the actor has open, as it stands now; NotFound when `disagreement_id` is not the
    first event of one of the child's disagreements (a later step is not a disagreement of its own)."""
    events = _events_of_children([child.id]).get(child.id, [])
    found = next((s for s in _shown_of_child(actor, child, events) if s.disagreement.id == str(disagreement_id)), None)
    if found is None:
        raise NotFound
    return found


def open_disagreement_about(*, actor: Actor, child: Person, decision_id: uuid.UUID) -> bool:
    """Whether a disagreement with the decision is open now (raising another would continue it: escalate it)."""
    events = _events_of_children([child.id]).get(child.id, [])
    folded = _fold(events, _Clock.now())
    return any(d.is_open and d.disputed is not None and d.disputed.id == str(decision_id) for d in folded)


def disagreement_get(*, actor: Actor, disagreement_id: uuid.UUID) -> ShownDisagreement:
    """One disagreement, audited as a read of its child's record."""
    child = disagreement_child(actor=actor, disagreement_id=disagreement_id)
    with transaction.atomic():
        shown = disagreement_of_child(actor=actor, child=child, disagreement_id=disagreement_id)
        trail.record(
            actor=actor,
            action=AuditAction.DISAGREEMENT_VIEWED,
            target_type="disagreement",
            target_id=shown.id,
            child_id=shown.child_id,
        )
    return shown


def _party_to(actor: Actor) -> Q:
    """Disagreement events in which the actor's organisation is a party: its own, against it, or about its decision."""
    code = actor.organisation_code
    return (
        Q(organisation_id=actor.organisation_id)
        | Q(details__against=code)
        | Q(ref_event__organisation_id=actor.organisation_id)
    )


def disagreements_for_organisation(*, actor: Actor, status: str = "") -> list[ShownDisagreement]:
    """The disagreements the actor's organisation is party to (raised by it, or against it), of children the actor
    may see; `status` "open" or "resolved" keeps those alone. Overdue first, then by due date; audited under each
    child shown."""
    visible = restrict_to_visible_children(
        Person.objects.filter(kind=PersonKind.CHILD, merged_into__isnull=True), actor=actor
    )
    with transaction.atomic():
        child_ids = set(
            _events()
            .filter(type="disagreement", child_id__in=visible.values("id"))
            .filter(_party_to(actor))
            .values_list("child_id", flat=True)
        )
        children = {c.id: c for c in Person.objects.filter(id__in=child_ids)}
        at = _Clock.now()
        shown: list[ShownDisagreement] = []
        for child_id, events in _events_of_children(child_ids).items():
            shown.extend(
                item
                for item in _shown_of_child(actor, children[child_id], events, at)
                if actor.organisation_code in item.disagreement.parties and _wanted(item.disagreement, status)
            )
        _audit_listed(actor, {s.child_id for s in shown}, len(shown))
    return sorted(shown, key=_order)


def _wanted(disagreement: Disagreement, status: str) -> bool:
    if status == "open":
        return disagreement.is_open
    if status == "resolved":
        return not disagreement.is_open
    return True


def _order(shown: ShownDisagreement) -> tuple[bool, bool, dt.date, str]:
    d = shown.disagreement
    return (not d.overdue, not d.is_open, d.due or d.resolved_on or d.raised.on, d.id)


def decisions_to_dispute(*, actor: Actor, child: Person) -> list[DecisionChoice]:
    """The decisions of other organisations about a child the actor has open (`child_get`), newest first.

    Each named by its type, day and organisation only: its content may be one the reader may not read.
    """
    events = (
        _events()
        .filter(child_id=child.id, type__in=DECISION_TYPES)
        .exclude(organisation__code=actor.organisation_code)
        .order_by("-occurred_on", "-recorded_at")
    )
    return [
        DecisionChoice(
            e.id,
            f"{DECISION_TYPES[e.type][:1].upper()}{DECISION_TYPES[e.type][1:]} of {in_words(e.occurred_on)}, "
            f"{e.organisation.name}",
            e.organisation.code,
        )
        for e in events
    ]


def disagreement_counts(area_id: uuid.UUID | None, start: dt.date, end: dt.date) -> dict[str, object]:
    """Counts of the professional disagreements raised from `start` to `end` (inclusive), as they stood at `end`.

    For the partnership dashboard (aggregates only: no child, person or organisation is named, and nothing is
    audited as a read of a child). `area_id` keeps those raised by an organisation of that area; None counts every
    area. Counts are exact: suppressing small numbers is the caller's (the dashboard's) job. Returns

        {"raised": int, "open": int, "resolved": int, "overdue": int, "escalated": int,
         "by_stage": {stage: {"open": int, "resolved": int}} for each of practitioner, manager, senior_manager,
                     partnership (the stage reached),
         "by_status": {"raised": int, "escalated": int, "resolved": int},
         "by_subject": {subject: int} for each subject, and "not_recorded"}
    """
    as_of = min(end, clock.today())
    raised_in_area = Event.objects.filter(type="disagreement", status=EventStatus.ACTIVE)
    if area_id is not None:
        raised_in_area = raised_in_area.filter(organisation__areas__id=area_id)
    child_ids = set(raised_in_area.filter(occurred_on__lte=end).values_list("child_id", flat=True))
    at = _Clock.now(as_of)
    counts: dict[str, object] = {}
    by_stage = {stage: {"open": 0, "resolved": 0} for stage in STAGES}
    by_status = dict.fromkeys((s.value for s in Status), 0)
    by_subject = dict.fromkeys([*SUBJECTS, "not_recorded"], 0)
    totals = {"raised": 0, "open": 0, "resolved": 0, "overdue": 0, "escalated": 0}
    area_orgs = set(Organisation.objects.filter(areas__id=area_id).values_list("code", flat=True)) if area_id else None
    for events in _events_of_children(child_ids, until=end).values():
        for d in _fold(events, at):
            if not start <= d.raised.on <= end or (area_orgs is not None and d.raised_by not in area_orgs):
                continue
            state = "open" if d.is_open else "resolved"
            totals["raised"] += 1
            totals[state] += 1
            totals["overdue"] += d.overdue
            totals["escalated"] += any(step.stage != STAGES[0] for step in d.steps)
            if d.stage in by_stage:
                by_stage[d.stage][state] += 1
            by_status[d.status.value] += 1
            by_subject[d.subject if d.subject in SUBJECTS else "not_recorded"] += 1
    counts.update(totals)
    counts |= {"by_stage": by_stage, "by_status": by_status, "by_subject": by_subject}
    return counts
