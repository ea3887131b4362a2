"""Session events, audited: signing in and out, and choosing a role."""

from macpu.access.models import Membership
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor


def signed_in(*, actor: Actor) -> None:
    trail.record_alone(actor=actor, action=AuditAction.SIGNED_IN)


def signed_out(*, actor: Actor) -> None:
    trail.record_alone(actor=actor, action=AuditAction.SIGNED_OUT)


def role_selected(*, actor: Actor, membership: Membership) -> None:
    trail.record_alone(actor=actor, action=AuditAction.ROLE_SELECTED, target_type="membership", target_id=membership.id)
