"""Changing who may read an entry's content: which changes need a second person. Pure.

Sensitivity runs from `standard` (everyone who may see the child) through `restricted` (the recording sector and
the MACPU) to `sealed` (the recording organisation alone). Only the recording organisation changes its entry's:
narrowing, or widening a restricted entry, takes a recorded reason; widening a sealed entry (a refuge address,
police intelligence, a child's disclosure held back for a criminal investigation) takes a reason and a second
person's approval, a safeguarding lead or team manager of the same organisation who is not the one asking.
"""

from macpu.access.roles import Role

LEVEL = {"standard": 0, "restricted": 1, "sealed": 2}
APPROVERS = frozenset({Role.SAFEGUARDING_LEAD, Role.TEAM_MANAGER})


def widens(old: str, new: str) -> bool:
    return LEVEL[new] < LEVEL[old]


def needs_second_person(old: str, new: str) -> bool:
    """Widening a sealed entry: what one person alone may not do."""
    return old == "sealed" and widens(old, new)


def may_approve(role: str) -> bool:
    return role in APPROVERS
