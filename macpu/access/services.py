"""Writes of users, memberships, involvement and professional networks, each audited."""

import datetime as dt
import hashlib
import secrets
import uuid

from django.db import transaction

from macpu.access.models import ApiClient, Involvement, InvolvementBasis, Membership, NetworkMember, NetworkRole, User
from macpu.access.roles import Role
from macpu.access.selectors import network_members_current, safeguarding_lead_ids
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import notifications_send


@transaction.atomic
def user_create(
    *, actor: Actor, username: str, first_name: str, last_name: str, email: str, password: str | None
) -> User:
    """A person who can sign in. Without a password they can sign in only through single sign-on."""
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput({"username": f"The username {username} is already taken"})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    trail.record(actor=actor, action=AuditAction.USER_CREATED, target_type="user", target_id=user.id)
    return user


@transaction.atomic
def membership_start(
    *, actor: Actor, user: User, organisation_id: uuid.UUID, role: Role, starts_on: dt.date, job_title: str = ""
) -> Membership:
    membership = Membership(
        user=user, organisation_id=organisation_id, role=role, starts_on=starts_on, job_title=job_title
    )
    membership.full_clean()
    membership.save()
    trail.record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_STARTED,
        target_type="membership",
        target_id=membership.id,
        details={"user_id": str(user.id), "organisation_id": str(organisation_id), "role": str(role)},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, ends_on: dt.date) -> Membership:
    """End a membership: from the day after `ends_on` it grants nothing, on the next request."""
    if ends_on < membership.starts_on:
        raise InvalidInput({"ends_on": "The end date must be on or after the start date"})
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_ENDED,
        target_type="membership",
        target_id=membership.id,
        details={"ends_on": ends_on.isoformat()},
    )
    return membership


def _tell_about_claimed_involvement(*, child_id: uuid.UUID, organisation_id: uuid.UUID) -> None:
    """The lead practitioner and the involved safeguarding leads learn of a self-claimed relationship."""
    involved = set(
        Involvement.objects.filter(child_id=child_id, ended_at__isnull=True)
        .exclude(organisation_id=organisation_id)
        .values_list("organisation_id", flat=True)
    )
    if not involved:
        return  # the first organisation to know of the child: no one else to tell, and no network yet
    leads = set(
        network_members_current(child_id=child_id)
        .filter(network_role__in=[NetworkRole.LEAD_PRACTITIONER, NetworkRole.LEAD_CHILD_PROTECTION_PRACTITIONER])
        .values_list("user_id", flat=True)
    )
    notifications_send(
        recipient_ids=leads | safeguarding_lead_ids(organisation_ids=involved),
        kind=NotificationKind.CLAIMED_INVOLVEMENT,
        message="An organisation has recorded information about a child you work with and is now involved.",
        child_id=child_id,
        organisation_id=organisation_id,
    )


def involvement_record(
    *, actor: Actor, child_id: uuid.UUID, organisation_id: uuid.UUID, basis: InvolvementBasis
) -> Involvement:
    """Make the organisation involved with the child, if it is not already. Runs in the caller's transaction."""
    existing = Involvement.objects.filter(
        child_id=child_id, organisation_id=organisation_id, ended_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    claimed = basis == InvolvementBasis.RECORDED
    involvement = Involvement.objects.create(
        child_id=child_id, organisation_id=organisation_id, basis=basis, claimed=claimed, started_at=clock.now()
    )
    trail.record(
        actor=actor,
        action=AuditAction.INVOLVEMENT_RECORDED,
        target_type="involvement",
        target_id=involvement.id,
        child_id=child_id,
        details={"organisation_id": str(organisation_id), "basis": str(basis), "claimed": claimed},
    )
    if claimed:
        _tell_about_claimed_involvement(child_id=child_id, organisation_id=organisation_id)
    return involvement


@transaction.atomic
def network_member_add(
    *,
    actor: Actor,
    child_id: uuid.UUID,
    user: User,
    organisation_id: uuid.UUID,
    network_role: NetworkRole,
    started_on: dt.date,
) -> NetworkMember:
    """Name a professional in the child's network; their organisation becomes involved."""
    member = NetworkMember.objects.create(
        child_id=child_id, user=user, organisation_id=organisation_id, network_role=network_role, started_on=started_on
    )
    involvement_record(actor=actor, child_id=child_id, organisation_id=organisation_id, basis=InvolvementBasis.NETWORK)
    trail.record(
        actor=actor,
        action=AuditAction.NETWORK_MEMBER_ADDED,
        target_type="network_member",
        target_id=member.id,
        child_id=child_id,
        details={"user_id": str(user.id), "network_role": str(network_role)},
    )
    return member


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def api_client_issue(*, actor: Actor, organisation_id: uuid.UUID, name: str) -> tuple[ApiClient, str]:
    """Issue a token for an organisation's system; the token itself is returned once and never stored."""
    token = f"macpu_{secrets.token_urlsafe(32)}"
    client = ApiClient.objects.create(
        organisation_id=organisation_id,
        name=name,
        token_prefix=token[:12],
        token_hash=_token_hash(token),
        issued_by=actor.label,
    )
    trail.record(
        actor=actor,
        action=AuditAction.API_CLIENT_CREATED,
        target_type="api_client",
        target_id=client.id,
        details={"organisation_id": str(organisation_id), "name": name},
    )
    return client, token


@transaction.atomic
def api_client_revoke(*, actor: Actor, client: ApiClient) -> None:
    client.revoked_at = clock.now()
    client.save(update_fields=["revoked_at", "updated_at"])
    trail.record(actor=actor, action=AuditAction.API_CLIENT_REVOKED, target_type="api_client", target_id=client.id)


def api_client_for_token(token: str) -> ApiClient | None:
    """The live client a bearer token belongs to, or None."""
    client = (
        ApiClient.objects.filter(token_hash=_token_hash(token), revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    if client is not None:
        ApiClient.objects.filter(id=client.id).update(last_used_at=clock.now())
    return client
