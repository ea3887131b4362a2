"""Who keeps a practice profile: the organisation's own safeguarding leads, for it and its teams.

A system administrator may also publish any organisation's profile, to set an organisation up before its leads use
macpu; an operator at the command line (the demo load) may too. Nobody else may, whatever their role elsewhere:
a profile says how one organisation works, and only that organisation speaks for it.
"""

import uuid

from macpu.access.permissions import Permission
from macpu.access.roles import Role, role_grants


def may_maintain_profile(
    *, role: str, is_operator: bool, actor_organisation_id: uuid.UUID | None, organisation_id: uuid.UUID
) -> bool:
    """Whether someone acting in `role` for `actor_organisation_id` may publish `organisation_id`'s profile."""
    if is_operator or role == Role.SYSTEM_ADMINISTRATOR:
        return True
    return role_grants(role, Permission.PRACTICE_PROFILE_MAINTAIN) and actor_organisation_id == organisation_id


def may_manage_glossary(*, role: str, is_operator: bool) -> bool:
    return is_operator or role_grants(role, Permission.GLOSSARY_MANAGE)
