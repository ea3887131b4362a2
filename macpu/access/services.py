"""Writes of users, memberships, involvement and professional networks, each audited."""

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable

from django.db import transaction

from macpu.access.models import ApiClient, Involvement, InvolvementBasis, Membership, NetworkMember, NetworkRole, User
from macpu.access.roles import Role
from macpu.access.selectors import lead_practitioner_ids_by_child, safeguarding_lead_ids_by_organisation
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import Outgoing, notifications_send


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


def _tell_about_claimed_involvements(claims: list[tuple[uuid.UUID, uuid.UUID, set[uuid.UUID]]]) -> None:
    """The lead practitioners and the involved safeguarding leads learn of each self-claimed relationship.

    `claims`: (child, organisation that claimed, organisations involved before it).
    """
    claims = [claim for claim in claims if claim[2]]  # the first to know of a child has no one else to tell
    if not claims:
        return
    leads = lead_practitioner_ids_by_child(child_ids={child for child, _, _ in claims})
    safeguarding_leads = safeguarding_lead_ids_by_organisation(
        organisation_ids=set().union(*(others for _, _, others in claims))
    )
    notifications_send(
        Outgoing(
            recipient_ids=leads.get(child_id, set()).union(*(safeguarding_leads.get(o, set()) for o in others)),
            kind=NotificationKind.CLAIMED_INVOLVEMENT,
            message="An organisation has recorded information about a child you work with and is now involved.",
            child_id=child_id,
            organisation_id=organisation_id,
        )
        for child_id, organisation_id, others in claims
    )


def involvements_record(
    *, actor: Actor, pairs: Iterable[tuple[uuid.UUID, uuid.UUID]], basis: InvolvementBasis
) -> dict[tuple[uuid.UUID, uuid.UUID], Involvement]:
    """Make each organisation involved with each child (child id, organisation id), if it is not already.

    A feed batch's pairs take a few queries whatever their number. Runs in the caller's transaction.
    Returns the open involvement of every pair.
    """
    wanted = list(dict.fromkeys(pairs))
    open_now = {
        (row.child_id, row.organisation_id): row
        for row in Involvement.objects.filter(child_id__in={child for child, _ in wanted}, ended_at__isnull=True)
    }
    involved: dict[uuid.UUID, set[uuid.UUID]] = {}
    for child_id, organisation_id in open_now:
        involved.setdefault(child_id, set()).add(organisation_id)
    claimed = basis == InvolvementBasis.RECORDED
    made: list[Involvement] = []
    to_tell: list[tuple[uuid.UUID, uuid.UUID, set[uuid.UUID]]] = []
    for child_id, organisation_id in wanted:
        if (child_id, organisation_id) in open_now:
            continue
        row = Involvement(
            child_id=child_id, organisation_id=organisation_id, basis=basis, claimed=claimed, started_at=clock.now()
        )
        open_now[(child_id, organisation_id)] = row
        made.append(row)
        already = involved.setdefault(child_id, set())
        if claimed:
            to_tell.append((child_id, organisation_id, set(already)))
        already.add(organisation_id)
    Involvement.objects.bulk_create(made)
    for row in made:
        trail.record(
            actor=actor,
            action=AuditAction.INVOLVEMENT_RECORDED,
            target_type="involvement",
            target_id=row.id,
            child_id=row.child_id,
            details={"organisation_id": str(row.organisation_id), "basis": str(basis), "claimed": claimed},
        )
    _tell_about_claimed_involvements(to_tell)
    return {pair: open_now[pair] for pair in wanted}


def involvement_record(
    *, actor: Actor, child_id: uuid.UUID, organisation_id: uuid.UUID, basis: InvolvementBasis
) -> Involvement:
    """Make the organisation involved with the child, if it is not already. Runs in the caller's transaction."""
    pair = (child_id, organisation_id)
    return involvements_record(actor=actor, pairs=[pair], basis=basis)[pair]


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
