"""The access policy, as a pure function of facts: who may do what to which child's record.

Need to know: a person in a case role sees a child's shared record when their
organisation is involved with the child, because it has recorded something
about the child or was added to the child's professional network, or when they
hold emergency access to that child (break-glass, for a few hours). Everyone
else may learn only that a child is known to macpu and whom to contact.
`access.scoping` applies the same rule to querysets; a property test keeps
the two in agreement.
"""

import uuid
from dataclasses import dataclass

from macpu.access.permissions import Permission
from macpu.access.roles import CASE_ROLES, ORGANISATION_GRANTABLE_ROLES, Role, role_grants


@dataclass(frozen=True)
class ActorFacts:
    role: str
    organisation_id: uuid.UUID | None
    user_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ChildFacts:
    involved_organisation_ids: frozenset[uuid.UUID]
    # Who holds emergency access to the child now (break-glass, not expired): (user, organisation, role).
    break_glass: frozenset[tuple[uuid.UUID, uuid.UUID, str]] = frozenset()


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str


def is_case_role(role: str) -> bool:
    return role in {r.value for r in CASE_ROLES}


def decide(actor: ActorFacts, permission: Permission, child: ChildFacts | None = None) -> Decision:
    """Allow or refuse, with the reason, one condition per line."""
    if not role_grants(actor.role, permission):
        return Decision(False, f"the role {actor.role or 'none'} does not allow {permission}")
    if child is None:
        return Decision(True, f"the role {actor.role} allows {permission}")
    if not is_case_role(actor.role):
        return Decision(False, f"the role {actor.role} does not work on children's records")
    if actor.organisation_id is not None and actor.organisation_id in child.involved_organisation_ids:
        return Decision(True, "the actor's organisation is involved with the child")
    if (actor.user_id, actor.organisation_id, actor.role) in child.break_glass:
        return Decision(True, "the actor holds emergency access (break-glass) to the child")
    return Decision(False, "the actor's organisation is not involved with the child")


@dataclass(frozen=True)
class RecordFacts:
    """Whose record it is and how sensitive: what decides who may read its content."""

    organisation_id: uuid.UUID
    sector: str
    sensitivity: str


@dataclass(frozen=True)
class ReaderFacts:
    organisation_id: uuid.UUID | None
    sector: str
    is_macpu: bool


def may_read_content(reader: ReaderFacts, record: RecordFacts) -> bool:
    """Standard: everyone who may see the child. Restricted: the recording sector and the MACPU. Sealed: the recorder.

    Those who may not read the content still learn that the entry exists, its date, and whom to ask.
    """
    if record.sensitivity == "sealed":
        return reader.organisation_id == record.organisation_id
    if record.sensitivity == "restricted":
        return reader.organisation_id == record.organisation_id or reader.sector == record.sector or reader.is_macpu
    return True


def may_administer(actor: ActorFacts, permission: Permission, organisation_id: uuid.UUID) -> Decision:
    """An organisation's administrators look after its own people and systems; system administrators any's."""
    if not role_grants(actor.role, permission):
        return Decision(False, f"the role {actor.role or 'none'} does not allow {permission}")
    if actor.role == Role.SYSTEM_ADMINISTRATOR:
        return Decision(True, "system administrators look after every organisation")
    if actor.organisation_id == organisation_id:
        return Decision(True, "the actor administers this organisation")
    return Decision(False, "the actor administers another organisation")


def roles_grantable_by(role: str) -> frozenset[Role]:
    """The roles someone in `role` may give: none, their organisation's own, or (system administrators) any."""
    if role == Role.SYSTEM_ADMINISTRATOR:
        return frozenset(Role)
    if role_grants(role, Permission.STAFF_MANAGE):
        return ORGANISATION_GRANTABLE_ROLES
    return frozenset()


__all__ = [
    "ActorFacts",
    "ChildFacts",
    "Decision",
    "ReaderFacts",
    "RecordFacts",
    "Role",
    "decide",
    "is_case_role",
    "may_administer",
    "may_read_content",
    "roles_grantable_by",
]
