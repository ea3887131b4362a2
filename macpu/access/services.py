"""Writes of users, memberships, involvement and professional networks, each audited."""

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import replace

from allauth.usersessions.models import UserSession
from django.db import transaction

from macpu.access.models import (
    ApiClient,
    BreakGlassGrant,
    BreakGlassReason,
    BreakGlassReview,
    Involvement,
    InvolvementBasis,
    Membership,
    NetworkMember,
    NetworkRole,
    User,
)
from macpu.access.roles import Role
from macpu.access.rules.policy import is_case_role
from macpu.access.selectors import (
    lead_practitioner_ids_by_child,
    memberships_active,
    safeguarding_lead_ids_by_organisation,
)
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
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
    """End a membership on `ends_on`, its last day.

    Ended today or earlier, it grants nothing from now, on the very next request, and if it was the user's
    last membership in force every session of theirs ends at once (a leaver). Ended on a later day, it grants
    nothing from the day after `ends_on`.
    """
    if ends_on < membership.starts_on:
        raise InvalidInput({"ends_on": "The end date must be on or after the start date"})
    now = clock.now()
    membership.ends_on = ends_on
    membership.ended_at = now if ends_on <= clock.today() else None
    membership.save(update_fields=["ends_on", "ended_at", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_ENDED,
        target_type="membership",
        target_id=membership.id,
        details={"ends_on": ends_on.isoformat(), "access_ended_now": membership.ended_at is not None},
    )
    if membership.ended_at is not None and not memberships_active(user_id=membership.user_id).exists():
        sessions_end_all(actor=actor, user_id=membership.user_id, reason="leaver")
    return membership


@transaction.atomic
def user_deactivate(*, actor: Actor, user: User) -> User:
    """A user who may no longer sign in at all: every session of theirs ends at once. Their records stay."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    trail.record(actor=actor, action=AuditAction.USER_DEACTIVATED, target_type="user", target_id=user.id)
    sessions_end_all(actor=actor, user_id=user.id, reason="deactivated")
    return user


def sessions_end_all(*, actor: Actor, user_id: uuid.UUID, reason: str, keep_session_key: str = "") -> int:
    """End every session of the user (but `keep_session_key`, the one they are using, if given).

    Runs in the caller's transaction; audited. Returns how many sessions ended.
    """
    ended = 0
    for session in UserSession.objects.filter(user_id=user_id).exclude(session_key=keep_session_key):
        session.end()
        ended += 1
    trail.record(
        actor=actor,
        action=AuditAction.SESSIONS_ENDED,
        target_type="user",
        target_id=user_id,
        details={"reason": reason, "sessions": ended, "kept_current": bool(keep_session_key)},
    )
    return ended


@transaction.atomic
def session_end(*, actor: Actor, user_id: uuid.UUID, session_id: int) -> None:
    """End one of the user's own sessions, e.g. one left open on another computer."""
    session = UserSession.objects.filter(user_id=user_id, id=session_id).first()
    if session is None:
        raise NotFound("No such session")
    session.end()
    trail.record(
        actor=actor,
        action=AuditAction.SESSION_ENDED,
        target_type="user_session",
        target_id=str(session_id),
        details={"user_id": str(user_id)},
    )


@transaction.atomic
def sessions_end_others(*, actor: Actor, user_id: uuid.UUID, current_session_key: str) -> int:
    """End every session of the user except the one they are using."""
    return sessions_end_all(actor=actor, user_id=user_id, reason="ended_by_user", keep_session_key=current_session_key)


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


def _break_glass_recipients(child_id: uuid.UUID) -> set[uuid.UUID]:
    """The child's lead practitioners and the safeguarding leads of the organisations involved with the child."""
    involved = set(
        Involvement.objects.filter(child_id=child_id, ended_at__isnull=True).values_list("organisation_id", flat=True)
    )
    leads = lead_practitioner_ids_by_child(child_ids={child_id}).get(child_id, set())
    safeguarding = safeguarding_lead_ids_by_organisation(organisation_ids=involved)
    return leads.union(*safeguarding.values())


@transaction.atomic
def break_glass_open(
    *, actor: Actor, child_id: uuid.UUID, reason_category: str, reason: str, hours: float
) -> BreakGlassGrant:
    """Emergency access to one child for `hours`, for someone in a case role whose organisation is not involved.
    The caller has found the child (by search) and made them sign in again. The reason goes into the audit trail as
    the purpose; the child's lead
    practitioner and the involved safeguarding leads are told at once; an IG officer reviews it later."""
    errors = {}
    if reason_category not in BreakGlassReason.values:
        errors["reason_category"] = "Choose the kind of emergency"
    if len(reason.strip()) < 10:
        errors["reason"] = "Say what the emergency is, in a sentence others will read"
    if errors:
        raise InvalidInput(errors)
    if actor.user_id is None or actor.organisation_id is None or not is_case_role(actor.role):
        raise NotPermitted("Only someone working on children's cases may use emergency access")
    if Involvement.objects.filter(
        child_id=child_id, organisation_id=actor.organisation_id, ended_at__isnull=True
    ).exists():
        raise InvalidInput(
            {"reason_category": "Your organisation is involved with this child: open the record as usual"}
        )
    now = clock.now()
    grant = BreakGlassGrant.objects.create(
        user_id=actor.user_id,
        organisation_id=actor.organisation_id,
        role=actor.role,
        child_id=child_id,
        reason_category=reason_category,
        reason=reason.strip(),
        started_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    purpose = f"Emergency access ({BreakGlassReason(reason_category).label.lower()}): {reason.strip()}"[:200]
    trail.record(
        actor=replace(actor, purpose=purpose),
        action=AuditAction.BREAK_GLASS_OPENED,
        target_type="child",
        target_id=child_id,
        child_id=child_id,
        details={"grant": str(grant.id), "category": reason_category, "expires_at": grant.expires_at.isoformat()},
    )
    notifications_send(
        [
            Outgoing(
                recipient_ids=_break_glass_recipients(child_id),
                kind=NotificationKind.BREAK_GLASS,
                message=f"{actor.display_name or actor.label} ({actor.organisation_name}) used emergency access to "
                "the record of a child you work with"[:300],
                child_id=child_id,
                organisation_id=actor.organisation_id,
                link=f"/children/{child_id}/access-log/",
            )
        ]
    )
    return grant


@transaction.atomic
def break_glass_review(*, actor: Actor, grant_id: uuid.UUID, outcome: str, note: str) -> BreakGlassGrant:
    """An information governance officer records whether an emergency access was justified."""
    errors = {}
    if outcome not in BreakGlassReview.values:
        errors["outcome"] = "Choose whether the emergency access was appropriate"
    if not note.strip():
        errors["note"] = "Say what you checked"
    if errors:
        raise InvalidInput(errors)
    grant = BreakGlassGrant.objects.select_for_update().filter(id=grant_id, reviewed_at__isnull=True).first()
    if grant is None:
        raise NotFound
    if grant.user_id == actor.user_id:
        raise NotPermitted("Someone else reviews your own emergency access")
    grant.reviewed_at, grant.reviewed_by = clock.now(), actor.display_name or actor.label
    grant.review_outcome, grant.review_note = outcome, note.strip()
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_outcome", "review_note", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.BREAK_GLASS_REVIEWED,
        target_type="break_glass",
        target_id=grant.id,
        child_id=grant.child_id,
        details={"outcome": outcome},
    )
    return grant
