"""Reads for the event feed: the quarantine, the sources watched, and requests to widen who reads an entry."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncDate

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.events.models import Event, QuarantinedLine, QuarantineStatus, VisibilityChange, VisibilityChangeStatus
from macpu.events.rules.source_watch import LOOKBACK_WORKING_DAYS, SourceStatus, assess_source
from macpu.events.rules.visibility import may_approve
from macpu.organisations.models import Organisation
from macpu.workingdays.rules.working_days import WorkingCalendar
from macpu.workingdays.selectors import working_calendar


@dataclass(frozen=True)
class SourceReport:
    organisation: Organisation
    last_received: dt.datetime
    events_in_window: int
    status: SourceStatus


def feed_sources_status(*, calendar: WorkingCalendar | None = None) -> list[SourceReport]:
    """Every organisation that has sent events: when it last did, its usual volume, and whether it has gone quiet."""
    calendar = calendar or working_calendar()
    today = clock.today()
    window_start = today - dt.timedelta(days=LOOKBACK_WORKING_DAYS * 7 // 5 + 14)
    last = dict(
        Event.objects.values("organisation_id").annotate(last=Max("received_at")).values_list("organisation_id", "last")
    )
    recent = (
        Event.objects.filter(received_at__date__gte=window_start)
        .annotate(day=TruncDate("received_at", tzinfo=clock.LONDON))
        .values_list("organisation_id", "day")
        .annotate(count=Count("id"))
    )
    days: dict[uuid.UUID, set[dt.date]] = {}
    volume: dict[uuid.UUID, int] = {}
    for organisation_id, day, count in recent:
        days.setdefault(organisation_id, set()).add(day)
        volume[organisation_id] = volume.get(organisation_id, 0) + count
    organisations = Organisation.objects.in_bulk(list(last))
    reports = [
        SourceReport(
            organisation=organisations[organisation_id],
            last_received=last_received,
            events_in_window=volume.get(organisation_id, 0),
            status=assess_source(
                sending_days=days.get(organisation_id, set()),
                last_received=last_received.astimezone(clock.LONDON).date(),
                today=today,
                calendar=calendar,
            ),
        )
        for organisation_id, last_received in last.items()
    ]
    return sorted(reports, key=lambda r: (not r.status.quiet, r.organisation.name))


def quarantine_open() -> QuerySet[QuarantinedLine]:
    return QuarantinedLine.objects.filter(status=QuarantineStatus.OPEN).order_by("created_at")


def visibility_requests_waiting(*, actor: Actor) -> list[VisibilityChange]:
    """Requests to widen a sealed entry of the actor's organisation that this person may decide (not their own);
    each child named is audited."""
    if actor.organisation_id is None or not may_approve(actor.role):
        return []
    with transaction.atomic():
        waiting = list(
            VisibilityChange.objects.filter(
                status=VisibilityChangeStatus.PENDING, event__organisation_id=actor.organisation_id
            )
            .exclude(requested_by_user_id=actor.user_id)
            .select_related("event", "event__child")
            .order_by("created_at")
        )
        for child_id in sorted({change.event.child_id for change in waiting}):
            trail.record(
                actor=actor, action=AuditAction.VISIBILITY_REQUESTS_VIEWED, target_type="child", target_id=child_id,
                child_id=child_id,
            )  # fmt: skip
    return waiting


def visibility_history(*, event_id: uuid.UUID) -> list[VisibilityChange]:
    return list(VisibilityChange.objects.filter(event_id=event_id).order_by("created_at"))


def own_entry(*, actor: Actor, child_id: uuid.UUID, event_id: uuid.UUID) -> Event | None:
    """The child's active entry, if the actor's organisation recorded it: only it may change who reads it."""
    if actor.organisation_id is None:
        return None
    return (
        Event.objects.filter(id=event_id, child_id=child_id, organisation_id=actor.organisation_id, status="active")
        .select_related("organisation")
        .first()
    )
