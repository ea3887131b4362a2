"""Writes of users, memberships, involvement and professional networks, each audited."""

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from allauth.usersessions.models import UserSession
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
from macpu.access.permissions import Permission
from macpu.access.roles import API_CLIENT_ROLE, Role, role_grants
from macpu.access.rules.policy import ActorFacts, is_case_role, may_administer, roles_grantable_by
from macpu.access.selectors import (
    lead_practitioner_ids_by_child,
    memberships_active,
    safeguarding_lead_ids_by_organisation,
    staff_member_get,
    staff_membership_get,
)
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
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
def user_set_password(*, actor: Actor, user: User, password: str) -> User:
    """An operator gives a local account its password (checked by the password rules); every session ends."""
    try:
        validate_password(password, user)
    except ValidationError as invalid:
        raise InvalidInput({"password": invalid.messages}) from invalid
    user.set_password(password)
    user.save(update_fields=["password"])
    trail.record(actor=actor, action=AuditAction.PASSWORD_SET, target_type="user", target_id=user.id)
    sessions_end_all(actor=actor, user_id=user.id, reason="password_set")
    return user


@transaction.atomic
def membership_start(
    *, actor: Actor, user: User, organisation_id: uuid.UUID, role: Role, starts_on: dt.date, job_title: str = ""
) -> Membership:
    membership = Membership(
        user=user, organisation_id=organisation_id, role=role, starts_on=starts_on, job_title=job_title
    )
    try:
        membership.full_clean()
    except ValidationError as invalid:
        # A system administrator may name any organisation: one that does not exist is the caller's mistake.
        errors = dict(invalid.message_dict)
        if "organisation" in errors:
            errors["organisation_id"] = ["No such organisation"]
            del errors["organisation"]
        raise InvalidInput(errors) from invalid
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
    if membership.ended_at is not None:
        raise InvalidInput({"ends_on": "This role has already ended"})
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
    made, to_tell = _insert_involvements(made, to_tell, open_now)
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


def _insert_involvements(
    made: list[Involvement],
    to_tell: list[tuple[uuid.UUID, uuid.UUID, set[uuid.UUID]]],
    open_now: dict[tuple[uuid.UUID, uuid.UUID], Involvement],
) -> tuple[list[Involvement], list[tuple[uuid.UUID, uuid.UUID, set[uuid.UUID]]]]:
    """Insert the new involvements; one another writer made first (an organisation's first events about a child
    arriving at once) is kept as theirs, and only ours are audited and told about."""
    if not made:
        return made, to_tell
    Involvement.objects.bulk_create(made, ignore_conflicts=True)
    ours = set(Involvement.objects.filter(id__in=[row.id for row in made]).values_list("id", flat=True))
    if len(ours) == len(made):
        return made, to_tell
    lost = {(row.child_id, row.organisation_id) for row in made if row.id not in ours}
    found = 0
    for row in Involvement.objects.filter(child_id__in={child for child, _ in lost}, ended_at__isnull=True):
        if (row.child_id, row.organisation_id) in lost:
            open_now[(row.child_id, row.organisation_id)] = row
            found += 1
    if found != len(lost):
        # Neither ours nor another writer's: the row was refused for another reason. Never go on with a row that
        # does not exist.
        raise IntegrityError("an involvement could not be recorded")
    kept = [row for row in made if row.id in ours]
    return kept, [told for told in to_tell if (told[0], told[1]) not in lost]


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


def _check_administers(actor: Actor, permission: Permission, organisation_id: uuid.UUID) -> None:
    if actor.kind in (ActorKind.OPERATOR, ActorKind.SYSTEM):
        return  # at the server's command line
    decision = may_administer(ActorFacts(actor.role, actor.organisation_id, actor.user_id), permission, organisation_id)
    if not decision.allowed:
        raise NotPermitted(f"You may not look after this organisation: {decision.reason}.")


@dataclass(frozen=True)
class Joiner:
    """Someone starting a role in an organisation: a new account, or a new role for an existing one (a mover)."""

    username: str
    role: Role
    starts_on: dt.date
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    job_title: str = ""
    password: str | None = None

    @classmethod
    def of(cls, given: Mapping[str, Any]) -> "Joiner":
        """From a form's or a request's cleaned fields (blank ones as not given)."""
        return cls(
            username=given["username"],
            role=Role(given["role"]),
            starts_on=given["starts_on"],
            first_name=given.get("first_name", ""),
            last_name=given.get("last_name", ""),
            email=given.get("email", ""),
            job_title=given.get("job_title", ""),
            password=given.get("password") or None,
        )


@transaction.atomic
def staff_join(*, actor: Actor, organisation_id: uuid.UUID, joiner: Joiner) -> Membership:
    """A joiner (new account and role) or a mover (an existing account's new role), checked as the actor may."""
    _check_administers(actor, Permission.STAFF_MANAGE, organisation_id)
    by_a_person = actor.kind == ActorKind.USER
    if by_a_person and joiner.role not in roles_grantable_by(actor.role):
        raise InvalidInput({"role": "Only a system administrator can give this role"})
    if by_a_person and joiner.password and role_grants(joiner.role, Permission.CHILD_VIEW):
        # Whoever chose the password could sign in as them: people who see children's records sign in with
        # their organisation's account, or are given a password by an operator (`macpu users set-password`).
        raise InvalidInput(
            {"password": "People who see children's records sign in with their organisation's account: leave blank"}
        )
    user = User.objects.filter(username__iexact=joiner.username.strip()).first()
    if user is not None and by_a_person:
        _check_may_give_role_to(actor, user, organisation_id)
    if user is None:
        missing = {
            field: f"Enter the person's {label}"
            for field, label in (("first_name", "first name"), ("last_name", "last name"), ("email", "email address"))
            if not getattr(joiner, field).strip()
        }
        if missing:
            raise InvalidInput(missing)
        if User.objects.filter(email__iexact=joiner.email.strip(), is_active=True).exists():
            # Single sign-on matches people by email: a second account with it would lock the first one out.
            raise InvalidInput({"email": "Another account has this email address"})
        user = _new_account(actor, joiner)
    elif Membership.objects.filter(
        user=user, organisation_id=organisation_id, role=joiner.role, ended_at__isnull=True, ends_on__isnull=True
    ).exists():
        raise InvalidInput({"role": f"{user.get_username()} already holds this role here"})
    return membership_start(
        actor=actor,
        user=user,
        organisation_id=organisation_id,
        role=joiner.role,
        starts_on=joiner.starts_on,
        job_title=joiner.job_title.strip(),
    )


def _new_account(actor: Actor, joiner: Joiner) -> User:
    """The account of a joiner; an initial password must pass the password rules (none: single sign-on only)."""
    candidate = User(username=joiner.username.strip(), first_name=joiner.first_name, last_name=joiner.last_name)
    try:
        if joiner.password:
            validate_password(joiner.password, candidate)
        return user_create(
            actor=actor,
            username=joiner.username.strip(),
            first_name=joiner.first_name.strip(),
            last_name=joiner.last_name.strip(),
            email=joiner.email.strip(),
            password=joiner.password or None,
        )
    except ValidationError as invalid:
        errors = invalid.message_dict if hasattr(invalid, "error_dict") else {"password": invalid.messages}
        raise InvalidInput(errors) from invalid


def _check_may_give_role_to(actor: Actor, user: User, organisation_id: uuid.UUID) -> None:
    """Nobody gives themselves a role, and an organisation's administrator gives roles only to its own people: an
    account working elsewhere is moved by a system administrator."""
    if user.id == actor.user_id:
        raise InvalidInput({"username": "You cannot give yourself a role: ask another administrator"})
    if actor.role != Role.SYSTEM_ADMINISTRATOR and (
        user.memberships.exclude(organisation_id=organisation_id).exists() or not user.memberships.exists()
    ):
        raise InvalidInput(
            {"username": "This account works for another organisation: a system administrator can move them"}
        )


@transaction.atomic
def staff_leave(*, actor: Actor, membership_id: uuid.UUID, ends_on: dt.date) -> Membership:
    """A leaver or a mover's old role: ends on `ends_on` (today: at once, every session too if it was the last).
    A membership of an organisation the actor does not administer is missing; an ended one stays ended, an end
    date is only brought forward, and only a role the actor could give is ended by them."""
    membership = staff_membership_get(actor=actor, membership_id=membership_id)
    if membership.ended_at is not None:
        raise InvalidInput({"ends_on": "This role has already ended"})
    if actor.kind == ActorKind.USER and actor.role != Role.SYSTEM_ADMINISTRATOR:
        if membership.role not in roles_grantable_by(actor.role):
            raise InvalidInput({"ends_on": "Only a system administrator can end this role"})
        if membership.ends_on is not None and ends_on > membership.ends_on:
            raise InvalidInput(
                {"ends_on": f"The role already ends on {membership.ends_on:%-d %B %Y}: choose that day or earlier"}
            )
    return membership_end(actor=actor, membership=membership, ends_on=ends_on)


@transaction.atomic
def staff_sign_out_everywhere(*, actor: Actor, user_id: uuid.UUID) -> int:
    """A lost laptop or a suspicion: every session of the person ends, their account stays open. An organisation's
    administrator may do it only to someone whose every role they could give."""
    user = staff_member_get(actor=actor, user_id=user_id)
    if user.id == actor.user_id:
        raise InvalidInput({"user_id": "To end your own sessions, use Where you are signed in"})
    if actor.kind == ActorKind.USER and actor.role != Role.SYSTEM_ADMINISTRATOR:
        roles = set(memberships_active(user_id=user.id).values_list("role", flat=True))
        if not roles <= {role.value for role in roles_grantable_by(actor.role)}:
            raise NotPermitted("This person holds a role only a system administrator looks after")
    return sessions_end_all(actor=actor, user_id=user.id, reason="ended_by_administrator")


@transaction.atomic
def staff_close_account(*, actor: Actor, user_id: uuid.UUID) -> User:
    """Close an account, whichever organisations it works for: a system administrator's decision only."""
    if actor.kind == ActorKind.USER and actor.role != Role.SYSTEM_ADMINISTRATOR:
        raise NotPermitted("Only a system administrator can close an account")
    if user_id == actor.user_id:
        raise InvalidInput({"user_id": "Another system administrator closes your account"})
    return user_deactivate(actor=actor, user=staff_member_get(actor=actor, user_id=user_id))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", errors="replace")).hexdigest()


def _new_token() -> str:
    return f"macpu_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_client_issue(*, actor: Actor, organisation_id: uuid.UUID, name: str) -> tuple[ApiClient, str]:
    """Issue a token for an organisation's system; the token itself is returned once and never stored."""
    _check_administers(actor, Permission.API_CLIENTS_MANAGE, organisation_id)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput({"name": "Enter the name of the system that will use the token"})
    if len(name) > 120:
        raise InvalidInput({"name": "The system's name must be 120 characters or fewer"})
    if ApiClient.objects.filter(organisation_id=organisation_id, name__iexact=name, revoked_at__isnull=True).exists():
        raise InvalidInput({"name": f"This organisation already has a live token named {name}"})
    token = _new_token()
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
        details={"organisation_id": str(organisation_id), "name": name, "token_prefix": client.token_prefix},
    )
    return client, token


@transaction.atomic
def api_client_rotate(*, actor: Actor, client: ApiClient) -> tuple[ApiClient, str]:
    """Replace a live client's token: the old one stops working at once, the new one is returned once."""
    _check_administers(actor, Permission.API_CLIENTS_MANAGE, client.organisation_id)
    client = ApiClient.objects.select_for_update().select_related("organisation").get(id=client.id)
    if not client.is_live:
        raise InvalidInput({"token": "A revoked token cannot be rotated; issue a new one"})
    token = _new_token()
    previous_prefix = client.token_prefix
    client.token_prefix, client.token_hash, client.rotated_at = token[:12], _token_hash(token), clock.now()
    client.save(update_fields=["token_prefix", "token_hash", "rotated_at", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.API_CLIENT_ROTATED,
        target_type="api_client",
        target_id=client.id,
        details={"previous_token_prefix": previous_prefix, "token_prefix": client.token_prefix},
    )
    return client, token


@transaction.atomic
def api_client_revoke(*, actor: Actor, client: ApiClient) -> ApiClient:
    """Stop a client's token working, at once and for good; revoking twice changes nothing."""
    _check_administers(actor, Permission.API_CLIENTS_MANAGE, client.organisation_id)
    client = ApiClient.objects.select_for_update().select_related("organisation").get(id=client.id)
    if not client.is_live:
        return client
    client.revoked_at, client.revoked_by = clock.now(), actor.label
    client.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    trail.record(actor=actor, action=AuditAction.API_CLIENT_REVOKED, target_type="api_client", target_id=client.id)
    return client


def _client_actor(client: ApiClient | None) -> Actor:
    if client is None:
        return Actor(kind=ActorKind.API_CLIENT, label="api:unknown token", role=API_CLIENT_ROLE)
    return Actor(
        kind=ActorKind.API_CLIENT,
        label=f"api:{client.name}"[:150],
        organisation_id=client.organisation_id,
        role=API_CLIENT_ROLE,
        display_name=client.name,
        organisation_name=client.organisation.name,
        organisation_code=client.organisation.code,
        organisation_sector=client.organisation.sector,
        organisation_type=client.organisation.type,
    )


# Refused tokens audited per address and minute, at most: beyond, a flood of made-up tokens is refused unrecorded
# rather than filling the append-only log and holding its chain lock (the counts are in the cache).
REFUSED_TOKENS_AUDITED_PER_MINUTE = 20


def _refusal_worth_recording(client_address: str) -> bool:
    key = f"macpu-token-refused:{client_address}"
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key) <= REFUSED_TOKENS_AUDITED_PER_MINUTE
    except ValueError:  # expired between add and incr
        return True


def api_client_authenticate(*, token: str, method: str, path: str, client_address: str = "") -> Actor | None:
    """The actor of a live client's token, or None; every use and every refused token is audited on its own
    (refusals up to a rate per address)."""
    client = ApiClient.objects.filter(token_hash=_token_hash(token)).select_related("organisation").first()
    request = {"method": method, "path": path[:200]}
    if (client is None or not client.is_live) and not _refusal_worth_recording(client_address):
        return None
    with transaction.atomic():
        if client is None or not client.is_live:
            # Only what looks like the start of one of macpu's tokens is kept: never a stray secret's.
            shown = (
                token[:12]
                if token.startswith("macpu_") and token[:12].replace("_", "").replace("-", "").isalnum()
                else ""
            )
            trail.record(
                actor=_client_actor(client),
                action=AuditAction.API_CLIENT_REFUSED,
                outcome=Outcome.DENIED,
                target_type="api_client",
                target_id=client.id if client is not None else "",
                details={**request, "token_prefix": shown, "revoked": client is not None},
            )
            return None
        ApiClient.objects.filter(id=client.id).update(last_used_at=clock.now())
        actor = _client_actor(client)
        trail.record(
            actor=actor,
            action=AuditAction.API_CLIENT_USED,
            target_type="api_client",
            target_id=client.id,
            details=request,
        )
    return actor


# Enough for a sentence a reviewer can judge (security target C1), not "urgent".
BREAK_GLASS_REASON_MIN_LENGTH = 20


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
    if len(reason.strip()) < BREAK_GLASS_REASON_MIN_LENGTH:
        errors["reason"] = (
            f"Say what the emergency is, in a sentence others will read (at least {BREAK_GLASS_REASON_MIN_LENGTH} "
            "characters)"
        )
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
