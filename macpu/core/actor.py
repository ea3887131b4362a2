"""Who is acting: a signed-in user in one organisational role, an operator at the command line, or macpu itself."""

import getpass
import uuid
from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    USER = "user"
    OPERATOR = "operator"
    API_CLIENT = "api_client"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """The identity every service and selector is given, and every audit event records.

    A user acts in one membership at a time (one organisation and one role), as NHS
    smartcard users select a role: every decision and audit entry names that role.
    """

    kind: ActorKind
    label: str
    user_id: uuid.UUID | None = None
    membership_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None
    role: str = ""
    purpose: str = ""
    display_name: str = ""
    organisation_name: str = ""
    organisation_code: str = ""
    organisation_sector: str = ""
    organisation_type: str = ""

    @classmethod
    def operator(cls, name: str) -> "Actor":
        """An operator running a `macpu` command on the server, audited under their login name."""
        return cls(kind=ActorKind.OPERATOR, label=name, role="operator")

    @classmethod
    def current_operator(cls) -> "Actor":
        """The operator running this process, by their login name on the server."""
        return cls.operator(getpass.getuser())

    @classmethod
    def system(cls, process: str) -> "Actor":
        """macpu itself (a scheduled job), named by the process acting."""
        return cls(kind=ActorKind.SYSTEM, label=process, role="system")
