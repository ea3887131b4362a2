"""Reads of memberships and involvement, and the building of the Actor for a request."""

import datetime as dt
import uuid
from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db.models import Q, QuerySet

from macpu.access.models import BreakGlassGrant, Involvement, Membership, NetworkMember, NetworkRole, User
from macpu.access.permissions import Permission
from macpu.access.roles import Role, role_grants
from macpu.access.rules.policy import ChildFacts
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind


def memberships_active(*, user_id: uuid.UUID, on: dt.date | None = None) -> QuerySet[Membership]:
    """The user's memberships in force on the date (today by default), in a stable order.

    A membership ended today or earlier (`ended_at` set) is in force no longer, from the moment it was ended.
    """
    day = on or clock.today()
    return (
        Membership.objects.filter(user_id=user_id, starts_on__lte=day, ended_at__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )


def actor_for_user(*, user: User, membership_id: uuid.UUID | None) -> Actor | None:
    """The actor for a signed-in user in the chosen membership, or their first; None when they have none in force.

    A leaver's memberships have ended, so they get no actor and reach nothing.
    """
    memberships = list(memberships_active(user_id=user.id))
    if not user.is_active or not memberships:
        return None
    chosen = next((m for m in memberships if m.id == membership_id), memberships[0])
    return Actor(
        kind=ActorKind.USER,
        label=user.get_username(),
        user_id=user.id,
        membership_id=chosen.id,
        organisation_id=chosen.organisation_id,
        role=chosen.role,
        display_name=user.get_full_name() or user.get_username(),
        organisation_name=chosen.organisation.name,
        organisation_code=chosen.organisation.code,
        organisation_sector=chosen.organisation.sector,
        organisation_type=chosen.organisation.type,
    )


def child_facts(*, child_id: uuid.UUID) -> ChildFacts:
    """What the access policy needs to know about a child: the organisations involved, and who holds emergency
    access to the child now (the same facts `scoping.restrict_to_visible_children` reads)."""
    involved = Involvement.objects.filter(child_id=child_id, ended_at__isnull=True)
    granted = BreakGlassGrant.objects.filter(child_id=child_id, expires_at__gt=clock.now())
    return ChildFacts(
        involved_organisation_ids=frozenset(involved.values_list("organisation_id", flat=True)),
        break_glass=frozenset(granted.values_list("user_id", "organisation_id", "role")),
    )


def involvements_open(*, child_id: uuid.UUID) -> QuerySet[Involvement]:
    """The organisations now involved with a child, with their contact numbers (not case content)."""
    return (
        Involvement.objects.filter(child_id=child_id, ended_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def network_members_current(*, child_id: uuid.UUID) -> QuerySet[NetworkMember]:
    today = clock.today()
    return (
        NetworkMember.objects.filter(child_id=child_id, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("user", "organisation")
        .order_by("network_role", "organisation__name")
    )


def lead_practitioner_ids_by_child(*, child_ids: set[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each child's lead practitioners (lead child protection practitioners included) today."""
    today = clock.today()
    leads = (
        NetworkMember.objects.filter(
            child_id__in=child_ids,
            network_role__in=[NetworkRole.LEAD_PRACTITIONER, NetworkRole.LEAD_CHILD_PROTECTION_PRACTITIONER],
            started_on__lte=today,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("child_id", "user_id")
    )
    by_child: dict[uuid.UUID, set[uuid.UUID]] = {}
    for child_id, user_id in leads:
        by_child.setdefault(child_id, set()).add(user_id)
    return by_child


def member_ids_by_organisation(
    *, role: Role, organisation_ids: Iterable[uuid.UUID] | None = None, organisation_type: str = ""
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """The users who hold `role` today in each organisation: of these organisations, or of this type, or in any."""
    today = clock.today()
    memberships = Membership.objects.filter(role=role, starts_on__lte=today, ended_at__isnull=True).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=list(organisation_ids))
    if organisation_type:
        memberships = memberships.filter(organisation__type=organisation_type)
    by_organisation: dict[uuid.UUID, set[uuid.UUID]] = {}
    for organisation_id, user_id in memberships.values_list("organisation_id", "user_id"):
        by_organisation.setdefault(organisation_id, set()).add(user_id)
    return by_organisation


def safeguarding_lead_ids_by_organisation(*, organisation_ids: set[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
    """The users who are safeguarding leads of each of these organisations today."""
    return member_ids_by_organisation(role=Role.SAFEGUARDING_LEAD, organisation_ids=organisation_ids)


def child_ids_in_network_of(*, user_id: uuid.UUID) -> QuerySet[NetworkMember]:
    """The children for whom the user is a named professional today."""
    today = clock.today()
    return NetworkMember.objects.filter(user_id=user_id, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def mfa_required_for(*, user_id: uuid.UUID) -> bool:
    """Whether the user holds, today, a role that can see a child's record: their local sign-in then needs MFA."""
    roles = memberships_active(user_id=user_id).values_list("role", flat=True)
    return any(role_grants(role, Permission.CHILD_VIEW) for role in roles)


def has_authenticator_app(*, user_id: uuid.UUID) -> bool:
    """Whether the user has set up an authenticator app (TOTP) for two-factor authentication."""
    return bool(Authenticator.objects.filter(user_id=user_id, type=Authenticator.Type.TOTP).exists())


def sessions_of(*, user_id: uuid.UUID) -> list[UserSession]:
    """The user's open sessions, the most recently used first (sessions that have expired are cleared away)."""
    user = User.objects.get(id=user_id)
    return sorted(UserSession.objects.purge_and_list(user), key=lambda session: session.last_seen_at, reverse=True)


def users_with_email(*, emails: Iterable[str]) -> QuerySet[User]:
    """The active users whose email is one of these (ignoring case): whom a single sign-on may be matched to."""
    matching = Q(pk__in=[])
    for email in emails:
        matching |= Q(email__iexact=email)
    return User.objects.filter(matching, is_active=True).exclude(email="").order_by("id")
