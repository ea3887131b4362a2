"""Writes of local timescales: an administrator sets an area's own length, or returns it to the national default.

Each change is audited in the same transaction as `pathway.timescale_changed`, with the old and new value.
"""

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from macpu.access.models import InvolvementBasis
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.services import involvements_record
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.core.dates import in_words
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.events.models import Event
from macpu.events.services.by_hand import event_record_for_child
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import Outgoing, notifications_send
from macpu.organisations.models import Area, Organisation
from macpu.pathway.models import CpisExtract, LocalTimescale, PathwayReminder
from macpu.pathway.rules.case import CHILD_PROTECTION_PLANS, Case, case_of
from macpu.pathway.rules.cpis import csv_text
from macpu.pathway.rules.deadlines import DeadlineState
from macpu.pathway.rules.local_timescales import length_errors
from macpu.pathway.rules.records import StepRecord
from macpu.pathway.rules.timescales import DEFAULT_TIMESCALES, TimescaleCode, Unit, due_date
from macpu.pathway.rules.transitions import (
    EVENT_OF,
    Step,
    answered_record,
    may_record,
    missing_core_agencies,
    refusals,
)
from macpu.pathway.selectors.case import area_lengths, responsible_area
from macpu.pathway.selectors.cpis import cpis_extract_last, cpis_pending
from macpu.pathway.selectors.records import step_records
from macpu.pathway.selectors.reminders import recipients_by_owner, reminders_due
from macpu.people.models import Person
from macpu.people.selectors.children import child_get
from macpu.workingdays.selectors import working_calendar

SOURCE_MAX_LENGTH = LocalTimescale._meta.get_field("source").max_length or 300


def _require_timescale_manager(actor: Actor) -> None:
    if not role_grants(actor.role, Permission.TIMESCALES_MANAGE):
        raise NotPermitted("Only a system administrator may change the area's timescales.")


def _value(row: LocalTimescale | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"amount": row.amount, "unit": row.unit, "source": row.source}


def _unit_and_errors(code: TimescaleCode, amount: int, unit: str, source: str) -> tuple[Unit | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not source:
        errors["source"] = "Enter where the local value comes from"
    elif len(source) > SOURCE_MAX_LENGTH:
        errors["source"] = f"The source must be {SOURCE_MAX_LENGTH} characters or fewer"
    try:
        known = Unit(unit)
    except ValueError:
        return None, {"unit": "Choose working days, weeks or calendar months", **errors}
    return known, {**length_errors(DEFAULT_TIMESCALES[code], amount, known), **errors}


def _record(actor: Actor, area: Area, code: TimescaleCode, row_id: uuid.UUID, old: Any, new: Any) -> None:
    trail.record(
        actor=actor,
        action=AuditAction.TIMESCALE_CHANGED,
        target_type="local_timescale",
        target_id=row_id,
        details={"area": area.la_code, "code": code.value, "old": old, "new": new},
    )


@transaction.atomic
def local_timescale_set(
    *, actor: Actor, area: Area, code: TimescaleCode, amount: int, unit: str, source: str
) -> LocalTimescale:
    """Make `amount` `unit` the area's length for `code`, replacing the national default (or its last value)."""
    _require_timescale_manager(actor)
    source = source.strip()
    known_unit, errors = _unit_and_errors(code, amount, unit, source)
    if errors or known_unit is None:
        raise InvalidInput(errors)
    row = LocalTimescale.objects.select_for_update().filter(area=area, code=code.value).first()
    old = _value(row)
    if row is None:
        row = LocalTimescale(area=area, code=code.value)
    row.amount, row.unit, row.source, row.set_by = amount, known_unit.value, source, actor.label
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Another administrator set the same timescale a moment ago.
        raise InvalidInput({"amount": "This timescale was changed a moment ago: reload it and try again"}) from None
    _record(actor, area, code, row.id, old, _value(row))
    return row


@transaction.atomic
def local_timescale_remove(*, actor: Actor, area: Area, code: TimescaleCode) -> None:
    """Return the area to the national default for `code`."""
    _require_timescale_manager(actor)
    row = LocalTimescale.objects.select_for_update().filter(area=area, code=code.value).first()
    if row is None:
        raise NotFound(f"The area uses the national default for {code.value} already")
    row_id, old = row.id, _value(row)
    row.delete()
    _record(actor, area, code, row_id, old, None)


# The CP-IS extract (R31, R32; docs/cpis.md)


def _require_cpis_extractor(actor: Actor) -> None:
    """Team managers and system administrators, or an operator at the server (`macpu cpis extract`)."""
    if actor.kind not in (ActorKind.OPERATOR, ActorKind.SYSTEM) and not role_grants(
        actor.role, Permission.CPIS_EXTRACT
    ):
        raise NotPermitted("Only a team manager or a system administrator may produce the CP-IS file.")


@transaction.atomic
def cpis_extract_produce(*, actor: Actor) -> CpisExtract | None:
    """Produce the CP-IS file of the plans started or ended since the last extract (the first: every open plan).

    A plan without the verified NHS number CP-IS files it under is held back, and looked at again by the
    next extract. Returns None, and stores nothing, when there is no row to send. Audited with the file's hash.
    """
    _require_cpis_extractor(actor)
    now = clock.now()
    pending = cpis_pending(covers_to=now)
    rows = pending.sendable
    if not rows:
        return None
    last = cpis_extract_last()
    content = csv_text(rows)
    extract = CpisExtract(
        sequence=last.sequence + 1 if last else 1,
        produced_at=now,
        produced_by=actor.label,
        covers_from=pending.covers_from,
        covers_to=now,
        row_count=len(rows),
        sha256=hashlib.sha256(content.encode()).hexdigest(),
        content=content,
        held_back=[{"child": row.child_reference, "start_record": row.start_record} for row in pending.held_back],
        problems=[{"child": problem.child_reference, "message": problem.message} for problem in pending.problems],
    )
    try:
        with transaction.atomic():
            extract.save(force_insert=True)
    except IntegrityError:
        # Someone else produced the next extract a moment ago: it holds these rows.
        raise InvalidInput({"extract": "Another CP-IS file was produced a moment ago: reload the page"}) from None
    trail.record(
        actor=actor,
        action=AuditAction.CPIS_EXTRACT_PRODUCED,
        target_type="cpis_extract",
        target_id=extract.id,
        details={
            "sequence": extract.sequence,
            "rows": extract.row_count,
            "held_back": len(extract.held_back),
            "problems": len(extract.problems),
            "sha256": extract.sha256,
            "covers_from": extract.covers_from.isoformat() if extract.covers_from else None,
            "covers_to": extract.covers_to.isoformat(),
        },
    )
    return extract


# Recording the steps of a child's pathway in macpu's own forms and API (ADR 0013). Each step is a feed event,
# written through the one write path; the sequence table is checked first, against the case as it stands.


def _occurred_on(occurred_at: str) -> dt.date:
    try:
        return dt.date.fromisoformat(occurred_at[:10])
    except ValueError:
        raise InvalidInput({"occurred_at": "Enter the date in the form YYYY-MM-DD"}) from None


def _ref(record: StepRecord | None) -> dict[str, Any]:
    return {"ref": {"org": record.org, "record_id": record.record_id}} if record else {}


def _core_agency_errors(details: Mapping[str, Any]) -> dict[str, str]:
    """A strategy discussion without children's social care, the police and health is refused unless the
    chair records why (R15)."""
    codes = [str(attendee.get("org", "")) for attendee in details.get("attendees", ())]
    sectors = set(Organisation.objects.filter(code__in=codes).values_list("sector", flat=True))
    missing = missing_core_agencies(sectors)
    if not missing or str(details.get("override_reason", "")).strip():
        return {}
    return {
        "details.attendees": f"No one from {' or '.join(missing)} took part. Working Together 2023 requires "
        "children's social care, the police and health as a minimum: add who took part, or record why "
        "they could not under 'Why a required agency did not take part'."
    }


def _companion_plan_events(step: Step, case: Case, child: Person, details: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A conference's decision on a plan is also the plan's start or end in the child's record."""
    if EVENT_OF[step][0] != "conference" or "plan" not in details:
        return []
    plan_type = "unborn_child_protection" if child.is_unborn else "child_protection"
    plan = case.plans.open_of(*CHILD_PROTECTION_PLANS)
    if details["plan"] and plan is None:
        plan_details = {"plan_type": plan_type} | ({"category": details["category"]} if details.get("category") else {})
        return [{"type": "plan_started", "details": plan_details}]
    if not details["plan"] and plan is not None:
        return [
            {"type": "plan_ended", "details": {"plan_type": plan.plan_type}, **_ref(case.record(plan.start_record))}
        ]
    return []


def _may_record(actor: Actor, step: Step) -> None:
    if not role_grants(actor.role, Permission.CHILD_RECORD) or not may_record(step, actor.organisation_sector):
        raise NotPermitted("Only children's social care or the MACPU record this step of the pathway.")


def _check(case: Case, step: Step, occurred_at: str, details: Mapping[str, Any]) -> None:
    occurred_on = _occurred_on(occurred_at)
    if occurred_on > clock.today():
        raise InvalidInput({"occurred_at": "The date must be today or in the past"})
    refused = refusals(step, case, occurred_on, plan_type=str(details.get("plan_type", "")))
    if refused:
        raise InvalidInput({"step": refused})
    if step is Step.STRATEGY_DISCUSSION and (errors := _core_agency_errors(details)):
        raise InvalidInput(errors)
    if step is Step.ASSESSMENT_COMPLETED and (errors := _late_assessment_errors(case, occurred_on, details)):
        raise InvalidInput(errors)


def _late_assessment_errors(case: Case, completed_on: dt.date, details: Mapping[str, Any]) -> dict[str, str]:
    """An assessment completed after its 45 working days needs the reason recorded (R20)."""
    waiting = [a for a in case.assessments if a.completed is None]
    if not waiting or str(details.get("late_reason", "")).strip():
        return {}
    start = waiting[-1].referral.occurred_on
    length = area_lengths(responsible_area(case)).get(TimescaleCode.ASSESSMENT)
    due = due_date(DEFAULT_TIMESCALES[TimescaleCode.ASSESSMENT], start, working_calendar(), length)
    if completed_on <= due:
        return {}
    return {
        "details.late_reason": f"The assessment was due by {in_words(due)}, {length or '45 working days'} "
        "from the referral: say why it took longer"
    }


def pathway_step_check(
    *, actor: Actor, child_id: uuid.UUID, step: Step, occurred_at: str, details: Mapping[str, Any]
) -> None:
    """Raise what `pathway_step_record` would refuse, without recording: a form checks before its answers are
    shown for checking, so that a refusal is not first met after 'Continue'."""
    _may_record(actor, step)
    child = child_get(actor=actor, child_id=child_id)
    _check(case_of(step_records(child.id)), step, occurred_at, details)


def pathway_step_record(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    step: Step,
    occurred_at: str,
    details: Mapping[str, Any],
    summary: str = "",
    action: str = "",
) -> list[Event]:
    """Record `step` for the child as an event of the actor's organisation, after the sequence table allows it.

    `action` names the agreed action an `action_completed` step completes (`Action.key`). A refused or
    invalid step raises InvalidInput naming the field; nothing is recorded unless every event is.
    """
    _may_record(actor, step)
    with transaction.atomic():
        child = child_get(actor=actor, child_id=child_id)
        Person.objects.select_for_update().filter(id=child.id).first()  # one step at a time for a child
        case = case_of(step_records(child.id))
        _check(case, step, occurred_at, details)
        plan_type = str(details.get("plan_type", ""))
        event_type, fixed = EVENT_OF[step]
        answered = answered_record(step, case, plan_type=plan_type, action=action)
        step_details = {**details, **fixed}
        if step is Step.ACTION_COMPLETED:
            step_details["action_id"] = action.partition(":")[2]
        fields = [
            {"type": event_type, "details": step_details, **_ref(answered)},
            *_companion_plan_events(step, case, child, details),
        ]
        events = []
        for field_set in fields:
            payload = {"occurred_at": occurred_at, "safeguarding_relevant": True, **field_set}
            if summary and field_set is fields[0]:
                payload["summary"] = summary
            outcome = event_record_for_child(actor=actor, child=child, fields=payload)
            if outcome.errors or outcome.event is None:
                raise InvalidInput({error.field: error.message for error in outcome.errors})
            events.append(outcome.event)
        _involve_participants(actor, child, step_details)
    return events


def _involve_participants(actor: Actor, child: Person, details: Mapping[str, Any]) -> None:
    """The organisation that made a referral, and those invited to a strategy discussion, conference or core group,
    sent its record, or given an action, are involved with the child from then on, so that they can read the record and do their part."""
    codes = {
        str(details.get("referrer_org", "")),
        *(str(code) for code in details.get("invited", ())),
        *(str(code) for code in details.get("with", ())),
        *(str(attendee.get("org", "")) for attendee in details.get("attendees", ())),
        *(str(action.get("org", "")) for action in details.get("actions", ())),
    }
    ids = Organisation.objects.filter(code__in=codes).values_list("id", flat=True)
    involvements_record(
        actor=actor, pairs=[(child.id, org_id) for org_id in ids], basis=InvolvementBasis.STATUTORY_STEP
    )


_STATE_WORDS = {
    DeadlineState.DUE_SOON: "Due soon",
    DeadlineState.DUE_TODAY: "Due today",
    DeadlineState.OVERDUE: "Overdue",
}


@dataclass(frozen=True)
class RemindersSent:
    reminders: int
    notices: int
    children: int
    without_recipient: int


def pathway_reminders_send(*, actor: Actor, today: dt.date | None = None) -> RemindersSent:
    """Remind each open step's owner before its due date, on it, and once when it is overdue; each only once.

    A step whose organisation has nobody to tell (no one in the child's network, no team manager or safeguarding
    lead) is counted, not dropped silently; it is reminded when someone is there to receive it.
    """
    today = today or clock.today()
    with transaction.atomic():
        due = reminders_due(today)
        recipients = recipients_by_owner(due)
        outgoing, rows, unsent = [], [], 0
        for reminder in due:
            people = recipients.get((reminder.child_id, reminder.step.owner_org), set())
            if not people:
                unsent += 1
                continue
            step = reminder.step
            outgoing.append(
                Outgoing(
                    recipient_ids=people,
                    kind=NotificationKind.PATHWAY_REMINDER,
                    message=f"{_STATE_WORDS[reminder.state]}: {step.title} (due {in_words(step.due)})"[:300],
                    child_id=reminder.child_id,
                    link=f"/children/{reminder.child_id}/pathway/",
                )
            )
            rows.append(
                PathwayReminder(
                    child_id=reminder.child_id,
                    step_key=step.key,
                    due=step.due,
                    state=reminder.state.value,
                    recipients=len(people),
                )
            )
        notices = notifications_send(outgoing)
        PathwayReminder.objects.bulk_create(rows)
        children = {row.child_id for row in rows}
        for child_id in sorted(children, key=str):
            trail.record(
                actor=actor,
                action=AuditAction.PATHWAY_REMINDERS_SENT,
                target_type="child",
                target_id=child_id,
                child_id=child_id,
                details={"reminders": sum(row.child_id == child_id for row in rows)},
            )
    return RemindersSent(len(rows), len(notices), len(children), unsent)
