"""Who has seen a child's record, and what a user has looked at: read from the audit trail, for those who may ask.

- The child's log: the child's lead practitioner, the safeguarding leads of the organisations involved with the
  child, and auditors and information governance officers (who may ask about any child). Anyone else is told the
  child is not found, as for any child they may not see.
- A user's log: auditors and information governance officers.
Every look at a log is itself audited, and so shows in the child's log.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from macpu.access.models import Involvement, NetworkMember, NetworkRole, User
from macpu.access.permissions import Permission
from macpu.access.roles import ROLE_LABELS, Role, role_grants
from macpu.access.scoping import restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.audit.selectors import AuditEntry, actions_recorded, audit_entries
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import NotFound
from macpu.organisations.models import Organisation
from macpu.oversight.rules.access_log import is_a_view, said
from macpu.people.models import Person, PersonKind
from macpu.people.selectors.search import person_id_by_reference

PAGE_SIZE = 50
_ROLE_WORDS = {role.value: label for role, label in ROLE_LABELS.items()}
LEADS = (NetworkRole.LEAD_PRACTITIONER, NetworkRole.LEAD_CHILD_PROTECTION_PRACTITIONER)


@dataclass(frozen=True)
class LoggedView:
    """One view or export: when, who (their role and organisation), what they did, and about whom."""

    when: dt.datetime
    who: str
    role: str
    organisation: str
    what: str
    refused: bool
    purpose: str
    child_id: str
    child_name: str = ""


@dataclass(frozen=True)
class AccessLog:
    entries: list[LoggedView]
    total: int
    page: int
    pages: int


def _is_auditor(actor: Actor) -> bool:
    """An auditor or IG officer, or the operator at the server's console (`macpu oversight`)."""
    return actor.kind == ActorKind.OPERATOR or role_grants(actor.role, Permission.AUDIT_VIEW)


def may_see_childs_log(actor: Actor, child_id: uuid.UUID) -> bool:
    """The child's lead practitioner, a safeguarding lead of an involved organisation, or an auditor."""
    if _is_auditor(actor):
        return Person.objects.filter(id=child_id, kind=PersonKind.CHILD).exists()
    if not restrict_to_visible_children(Person.objects.filter(id=child_id), actor=actor).exists():
        return False
    if actor.organisation_id is None or actor.user_id is None:
        return False
    if actor.role == Role.SAFEGUARDING_LEAD:
        return Involvement.objects.filter(
            child_id=child_id, organisation_id=actor.organisation_id, ended_at__isnull=True
        ).exists()
    today = clock.today()
    return NetworkMember.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today),
        child_id=child_id,
        user_id=actor.user_id,
        network_role__in=LEADS,
        started_on__lte=today,
    ).exists()


def _logged(entries: list[AuditEntry], with_children: bool) -> list[LoggedView]:
    names = dict(
        Organisation.objects.filter(id__in={e.organisation_id for e in entries if e.organisation_id}).values_list(
            "id", "name"
        )
    )
    people = {
        str(user.id): user.get_full_name() or user.username
        for user in User.objects.filter(id__in={e.actor_user_id for e in entries if e.actor_user_id})
    }
    children: dict[str, str] = {}
    if with_children:
        records = Person.objects.filter(id__in={e.child_id for e in entries if e.child_id})
        children = {str(person.id): person.full_name for person in records}
    return [
        LoggedView(
            when=entry.occurred_at,
            who=people.get(entry.actor_user_id, entry.actor_label),
            role=_ROLE_WORDS.get(entry.role, entry.role),
            organisation=names.get(uuid.UUID(entry.organisation_id), "") if entry.organisation_id else "",
            what=said(entry.action),
            refused=entry.outcome == "denied",
            purpose=entry.purpose,
            child_id=entry.child_id,
            child_name=children.get(entry.child_id, ""),
        )
        for entry in entries
    ]


def child_access_log(*, actor: Actor, child_id: uuid.UUID, page: int = 1) -> tuple[Person, AccessLog]:
    """Every view and export of the child's record, newest first; the look itself is audited."""
    with transaction.atomic():
        allowed = may_see_childs_log(actor, child_id)
        if not allowed:  # recorded, then refused as for a child that does not exist
            trail.record(
                actor=actor,
                action=AuditAction.ACCESS_DENIED,
                outcome=Outcome.DENIED,
                target_type="child",
                target_id=child_id,
                child_id=child_id if Person.objects.filter(id=child_id).exists() else None,
                details={"asked": "who has seen the record"},
            )
    if not allowed:
        raise NotFound
    with transaction.atomic():
        child = Person.objects.get(id=child_id)
        views = {action for action in actions_recorded(child_id=child_id) if is_a_view(action)}
        found = audit_entries(child_id=child_id, actions=views, page=page, size=PAGE_SIZE)
        trail.record(
            actor=actor,
            action=AuditAction.ACCESS_LOG_VIEWED,
            target_type="child",
            target_id=child_id,
            child_id=child_id,
            details={"page": found.page},
        )
    return child, AccessLog(_logged(found.entries, with_children=False), found.total, found.page, found.pages)


def user_access_log(*, actor: Actor, user_id: uuid.UUID, page: int = 1) -> tuple[User, AccessLog]:
    """Every child's record this user has seen or exported, newest first (auditors only); audited."""
    with transaction.atomic():
        user = User.objects.filter(id=user_id).first()
        if user is None or not _is_auditor(actor):
            raise NotFound
        views = {action for action in actions_recorded(user_id=user_id) if is_a_view(action)}
        found = audit_entries(user_id=user_id, actions=views, page=page, size=PAGE_SIZE)
        trail.record(
            actor=actor,
            action=AuditAction.USER_ACCESS_LOG_VIEWED,
            target_type="user",
            target_id=user_id,
            details={"page": found.page},
        )
        logged = _logged(found.entries, with_children=True)
        for child_id in sorted({entry.child_id for entry in logged if entry.child_name}):
            # The page names these children: the look shows in each one's own log too.
            trail.record(
                actor=actor,
                action=AuditAction.USER_ACCESS_LOG_VIEWED,
                target_type="user",
                target_id=user_id,
                child_id=child_id,
            )
    return user, AccessLog(logged, found.total, found.page, found.pages)


def user_named(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def child_for_audit(*, actor: Actor, reference: str) -> uuid.UUID:
    """The child an auditor names, by macpu id or NHS number: any child (auditing is their work)."""
    if not _is_auditor(actor):
        raise NotFound
    return person_id_by_reference(reference, kind=PersonKind.CHILD)
