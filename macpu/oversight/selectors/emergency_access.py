"""Emergency access (break-glass): the uses waiting for an information governance officer's review, and the child
named by a search. No child's content here: a reviewer sees who, when, why and whose record."""

import uuid
from dataclasses import dataclass

from macpu.access.models import BreakGlassGrant
from macpu.people.models import Person, PersonKind


@dataclass(frozen=True)
class EmergencyUse:
    grant: BreakGlassGrant
    child_name: str


def is_a_child(child_id: uuid.UUID) -> bool:
    """Whether the id names a child: someone asking for emergency access has it from a search that found one."""
    return Person.objects.filter(id=child_id, kind=PersonKind.CHILD).exists()


def emergency_uses(*, reviewed: bool, limit: int = 100) -> list[EmergencyUse]:
    """Uses waiting for review (oldest first), or those reviewed (newest first)."""
    grants = BreakGlassGrant.objects.filter(reviewed_at__isnull=not reviewed).select_related("user", "organisation")
    grants = grants.order_by("-reviewed_at" if reviewed else "started_at")[:limit]
    names = {p.id: p.full_name for p in Person.objects.filter(id__in={g.child_id for g in grants})}
    return [EmergencyUse(grant, names.get(grant.child_id, "")) for grant in grants]
