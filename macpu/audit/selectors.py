"""Reads of the audit trail, for the pages that show who did what: no access check here (the callers decide who may
ask) and no audit of the read (the callers record that they asked)."""

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from macpu.audit.models import AuditEvent
from macpu.core.paging import pages_for


@dataclass(frozen=True)
class AuditEntry:
    """One audited action, as an access log shows it."""

    sequence: int
    occurred_at: dt.datetime
    action: str
    outcome: str
    actor_kind: str
    actor_label: str
    actor_user_id: str
    organisation_id: str
    role: str
    purpose: str
    child_id: str
    details: dict[str, Any]


_FIELDS = (
    "sequence", "occurred_at", "action", "outcome", "actor_kind", "actor_label", "actor_user_id", "organisation_id",
    "role", "purpose", "child_id", "details",
)  # fmt: skip


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int  # the page asked for, or the last when it was past the end
    pages: int


def audit_entries(
    *,
    child_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    target: tuple[str, uuid.UUID] | None = None,
    actions: Collection[str] | None = None,
    page: int = 1,
    size: int = 50,
) -> AuditPage:
    """A page of the entries about a child, by a user or about one target (each read by its own index), of these
    actions, newest first; a page past the end is the last."""
    rows = AuditEvent.objects.all()
    if child_id is not None:
        rows = rows.filter(child_id=str(child_id))
    if user_id is not None:
        rows = rows.filter(actor_user_id=str(user_id))
    if target is not None:
        rows = rows.filter(target_type=target[0], target_id=str(target[1]))
    if actions is not None:
        rows = rows.filter(action__in=list(actions))
    total = rows.count()
    pages = pages_for(total, size)
    page = min(max(1, page), pages)
    found = rows.order_by("-sequence").values_list(*_FIELDS)[(page - 1) * size : page * size]
    return AuditPage([AuditEntry(*row) for row in found], total, page, pages)


def actions_recorded(*, child_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None) -> set[str]:
    """Which actions the trail holds about a child or by a user: to choose those an access log shows."""
    rows = AuditEvent.objects.all()
    if child_id is not None:
        rows = rows.filter(child_id=str(child_id))
    if user_id is not None:
        rows = rows.filter(actor_user_id=str(user_id))
    return set(rows.values_list("action", flat=True).distinct())
