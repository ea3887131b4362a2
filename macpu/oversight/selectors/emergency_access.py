"""Emergency access (break-glass): the uses waiting for an information governance officer's review, and the child
named by a search. No child's content here: a reviewer sees who, when, why and whose record."""

import uuid
from dataclasses import dataclass

from django.db import transaction

from macpu.access.models import BreakGlassGrant
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.people.models import Person, PersonKind


@dataclass(frozen=True)
class EmergencyUse:
    grant: BreakGlassGrant
    child_name: str


def is_a_child(child_id: uuid.UUID) -> bool:
    """Whether the id names a child: someone asking for emergency access has it from a search that found one."""
    return Person.objects.filter(id=child_id, kind=PersonKind.CHILD).exists()


def emergency_uses(*, actor: Actor, reviewed: bool, limit: int = 100) -> list[EmergencyUse]:
    """Uses waiting for review (oldest first), or those reviewed (newest first); each child named is audited, so
    the look shows in the child's own log."""
    with transaction.atomic():
        grants = list(
            BreakGlassGrant.objects.filter(reviewed_at__isnull=not reviewed)
            .select_related("user", "organisation")
            .order_by("-reviewed_at" if reviewed else "started_at")[:limit]
        )
        names = {p.id: p.full_name for p in Person.objects.filter(id__in={g.child_id for g in grants})}
        for child_id in sorted(names):
            trail.record(
                actor=actor, action=AuditAction.BREAK_GLASS_USES_VIEWED, target_type="child", target_id=child_id,
                child_id=child_id,
            )  # fmt: skip
    return [EmergencyUse(grant, names.get(grant.child_id, "")) for grant in grants]
