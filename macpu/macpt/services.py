"""Writes of the MACP teams: a team established, a member added, a member's leaving recorded.

Only a role granted `macpt.manage_team` (team managers and system administrators) or an operator at the
command line may make them. Each is audited in the same transaction as the change
(`macpt.team_created`, `macpt.member_added`, `macpt.member_left`): the work and its audit event commit
together or not at all.
"""

import datetime as dt
import uuid
from typing import Any

from django.db import IntegrityError, transaction

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.rules.membership import NominatingBody, Place, leaving_date_error
from macpu.organisations.models import Area, Organisation

TEAM_NAME_MAX_LENGTH = MacpTeam._meta.get_field("name").max_length or 120
MEMBER_NAME_MAX_LENGTH = MacpTeamMember._meta.get_field("name").max_length or 150
ROLE_MAX_LENGTH = MacpTeamMember._meta.get_field("role").max_length or 150


def _require_team_manager(actor: Actor) -> None:
    if actor.kind != ActorKind.OPERATOR and not role_grants(actor.role, Permission.MACPT_MANAGE):
        raise NotPermitted("Only a team manager or a system administrator may change the MACPU team.")


def _text_error(value: str, *, what: str, max_length: int) -> str | None:
    if not value:
        return f"Enter {what}"
    if len(value) > max_length:
        return f"{what[0].upper()}{what[1:]} must be {max_length} characters or fewer"
    return None


def _errors(**problems: str | None) -> dict[str, str]:
    return {field: problem for field, problem in problems.items() if problem}


def _record(actor: Actor, action: AuditAction, target_type: str, target_id: uuid.UUID, details: dict[str, Any]) -> None:
    trail.record(actor=actor, action=action, target_type=target_type, target_id=target_id, details=details)


@transaction.atomic
def macp_team_create(*, actor: Actor, area: Area, name: str, established_on: dt.date, notes: str = "") -> MacpTeam:
    """Record a multi-agency child protection team the area's safeguarding partners established."""
    _require_team_manager(actor)
    name, notes = name.strip(), notes.strip()
    errors = _errors(name=_text_error(name, what="the team's name", max_length=TEAM_NAME_MAX_LENGTH))
    if not errors and MacpTeam.objects.filter(area=area, name__iexact=name).exists():
        errors["name"] = f"{area.name} already has a team called {name}"
    if errors:
        raise InvalidInput(errors)
    team = MacpTeam(area=area, name=name, established_on=established_on, notes=notes)
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError:
        # Another manager created a team of the same name a moment ago.
        raise InvalidInput({"name": f"{area.name} already has a team called {name}"}) from None
    details = {"area": area.la_code, "name": name, "established_on": established_on.isoformat()}
    _record(actor, AuditAction.MACPT_TEAM_CREATED, "macp_team", team.id, details)
    return team


def _choice_errors(membership: str, nominated_by: str) -> dict[str, str]:
    return _errors(
        membership=None if membership in set(Place) else "Choose the place on the team they fill",
        nominated_by=None if nominated_by in set(NominatingBody) else "Choose who nominated them",
    )


@transaction.atomic
def macp_member_add(
    *,
    actor: Actor,
    team: MacpTeam,
    name: str,
    role: str,
    organisation_id: uuid.UUID,
    membership: str,
    nominated_by: str,
    joined_on: dt.date,
) -> MacpTeamMember:
    """Add a member to `team`: who they are, where from, the place they fill and who nominated them."""
    _require_team_manager(actor)
    name, role = name.strip(), role.strip()
    organisation = Organisation.objects.filter(id=organisation_id).first()
    errors = _errors(
        name=_text_error(name, what="the member's name", max_length=MEMBER_NAME_MAX_LENGTH),
        role=_text_error(role, what="their role or job title", max_length=ROLE_MAX_LENGTH),
        organisation_id=None if organisation else "Choose the organisation they work for",
    )
    errors.update(_choice_errors(membership, nominated_by))
    if errors or organisation is None:
        raise InvalidInput(errors)
    member = MacpTeamMember.objects.create(
        team=team,
        name=name,
        role=role,
        organisation=organisation,
        membership=membership,
        nominated_by=nominated_by,
        joined_on=joined_on,
    )
    details = {
        "team": str(team.id),
        "membership": membership,
        "nominated_by": nominated_by,
        "organisation": organisation.code,
        "joined_on": joined_on.isoformat(),
    }
    _record(actor, AuditAction.MACPT_MEMBER_ADDED, "macp_team_member", member.id, details)
    return member


@transaction.atomic
def macp_member_leave(*, actor: Actor, member: MacpTeamMember, left_on: dt.date) -> MacpTeamMember:
    """Record that `member` left the team on `left_on`, the first day they are no longer on it."""
    _require_team_manager(actor)
    member = MacpTeamMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise InvalidInput({"left_on": f"{member.name} left the team on {member.left_on.day} {member.left_on:%B %Y}"})
    if problem := leaving_date_error(joined_on=member.joined_on, left_on=left_on):
        raise InvalidInput({"left_on": problem})
    member.left_on = left_on
    member.save(update_fields=["left_on", "updated_at"])
    details = {"team": str(member.team_id), "membership": member.membership, "left_on": left_on.isoformat()}
    _record(actor, AuditAction.MACPT_MEMBER_LEFT, "macp_team_member", member.id, details)
    return member
