"""Reads of memberships and involvement, and the building of the Actor for a request."""

import datetime as dt
import uuid
from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db.models import F, Q, QuerySet

from macpu.access.models import ApiClient, BreakGlassGrant, Involvement, Membership, NetworkMember, NetworkRole, User
from macpu.access.permissions import Permission
from macpu.access.roles import Role, role_grants
from macpu.access.rules.policy import ChildFacts
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import NotFound


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


# Whoever holds one of these today needs two-factor authentication for a local sign-in: they see children's
# records, or they give roles and tokens that do.
MFA_PERMISSIONS = (
    Permission.CHILD_VIEW,
    Permission.DUPLICATES_RESOLVE,  # compares two children's records side by side
    Permission.STAFF_MANAGE,
    Permission.API_CLIENTS_MANAGE,
)


def mfa_required_for(*, user_id: uuid.UUID) -> bool:
    """Whether the user holds, today, a role that can see a child's record or give access to one: their local
    sign-in then needs MFA."""
    roles = memberships_active(user_id=user_id).values_list("role", flat=True)
    return any(role_grants(role, permission) for role in roles for permission in MFA_PERMISSIONS)


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


def organisation_ids_administered(*, actor: Actor, permission: Permission) -> frozenset[uuid.UUID] | None:
    """The organisations whose people or systems the actor looks after: None for every one (system administrators
    and operators at the server), else their own organisation or none (`rules/policy.may_administer` as a query)."""
    if actor.kind in (ActorKind.OPERATOR, ActorKind.SYSTEM) or (
        actor.role == Role.SYSTEM_ADMINISTRATOR and role_grants(actor.role, permission)
    ):
        return None
    if actor.organisation_id is None or not role_grants(actor.role, permission):
        return frozenset()
    return frozenset({actor.organisation_id})


def api_clients_manageable(*, actor: Actor) -> QuerySet[ApiClient]:
    """The systems' tokens the actor looks after: their own organisation's, or every one for a system administrator."""
    clients = ApiClient.objects.select_related("organisation").order_by("organisation__name", "revoked_at", "name")
    administered = organisation_ids_administered(actor=actor, permission=Permission.API_CLIENTS_MANAGE)
    return clients if administered is None else clients.filter(organisation_id__in=administered)


def api_client_get(*, actor: Actor, client_id: uuid.UUID) -> ApiClient:
    """One token the actor looks after; another organisation's is as missing as one that does not exist."""
    client = api_clients_manageable(actor=actor).filter(id=client_id).first()
    if client is None:
        raise NotFound("No such API token")
    return client


def staff_memberships(*, actor: Actor, organisation_id: uuid.UUID) -> QuerySet[Membership]:
    """Everyone who holds or held a role in an organisation the actor administers: in force first, then by name."""
    administered = organisation_ids_administered(actor=actor, permission=Permission.STAFF_MANAGE)
    if administered is not None and organisation_id not in administered:
        raise NotFound("No such organisation")
    return (
        Membership.objects.filter(organisation_id=organisation_id)
        .select_related("user", "organisation")
        .order_by(F("ended_at").desc(nulls_first=True), "user__last_name", "user__first_name", "starts_on")
    )


def staff_membership_get(*, actor: Actor, membership_id: uuid.UUID) -> Membership:
    membership = Membership.objects.select_related("user", "organisation").filter(id=membership_id).first()
    administered = organisation_ids_administered(actor=actor, permission=Permission.STAFF_MANAGE)
    if membership is None or (administered is not None and membership.organisation_id not in administered):
        raise NotFound("No such membership")
    return membership


STAFF_RECENTLY_LEFT_DAYS = 30


def staff_member_get(*, actor: Actor, user_id: uuid.UUID) -> User:
    """A person who holds a role in an organisation the actor administers, or left it recently."""
    administered = organisation_ids_administered(actor=actor, permission=Permission.STAFF_MANAGE)
    users = User.objects.filter(id=user_id)
    if administered is not None:
        # Someone working here now, or who left in the last weeks: not everyone who ever did.
        recently = clock.now() - dt.timedelta(days=STAFF_RECENTLY_LEFT_DAYS)
        users = users.filter(
            Q(memberships__ended_at__isnull=True) | Q(memberships__ended_at__gte=recently),
            memberships__organisation_id__in=administered,
        )
    user = users.distinct().first()
    if user is None:
        raise NotFound("No such person")
    return user
