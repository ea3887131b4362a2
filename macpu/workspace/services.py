"""Session events, audited: signing in and out (and failing to), choosing a role, and two-factor set-up."""

from allauth.socialaccount.models import SocialAccount
from django.db import transaction

from macpu.access.models import Membership, User
from macpu.audit import trail
from macpu.audit.actions import AuditAction, Outcome
from macpu.core.actor import Actor, ActorKind


def _someone(username: str) -> Actor:
    """The actor of an attempt by someone not (yet) signed in: the username they gave, or the provider used."""
    return Actor(kind=ActorKind.USER, label=(username or "anonymous")[:150])


def signed_in(*, actor: Actor, method: str = "password") -> None:
    trail.record_alone(actor=actor, action=AuditAction.SIGNED_IN, details={"method": method})


def signed_out(*, actor: Actor) -> None:
    trail.record_alone(actor=actor, action=AuditAction.SIGNED_OUT)


def sign_in_failed(*, username: str, reason: str = "wrong_credentials") -> None:
    """A failed sign-in: wrong password, or an identity provider's answer that did not verify."""
    trail.record_alone(
        actor=_someone(username), action=AuditAction.SIGN_IN_FAILED, outcome=Outcome.FAILED, details={"reason": reason}
    )


def sign_in_locked_out(*, username: str) -> None:
    trail.record_alone(actor=_someone(username), action=AuditAction.SIGN_IN_LOCKED_OUT, outcome=Outcome.DENIED)


def sign_in_refused(*, username: str, reason: str) -> None:
    """Someone who proved who they are but may not use macpu: unknown to it, or with no role in force."""
    trail.record_alone(
        actor=_someone(username), action=AuditAction.SIGN_IN_REFUSED, outcome=Outcome.DENIED, details={"reason": reason}
    )


@transaction.atomic
def single_sign_on_link(*, user: User, account: SocialAccount) -> None:
    """Remember that this identity at this provider is this user, matched by the verified email the provider gave."""
    account.user = user
    account.save()
    trail.record(
        actor=Actor(kind=ActorKind.USER, label=user.get_username(), user_id=user.id),
        action=AuditAction.SINGLE_SIGN_ON_LINKED,
        target_type="user",
        target_id=user.id,
        details={"provider": account.provider},
    )


def role_selected(*, actor: Actor, membership: Membership) -> None:
    trail.record_alone(actor=actor, action=AuditAction.ROLE_SELECTED, target_type="membership", target_id=membership.id)


def two_factor_changed(*, actor: Actor, action: AuditAction) -> None:
    """An authenticator app added or removed, or new recovery codes made."""
    trail.record_alone(actor=actor, action=action, target_type="user", target_id=actor.user_id)
