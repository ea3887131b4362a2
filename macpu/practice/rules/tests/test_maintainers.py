"""Only an organisation's own safeguarding leads keep its profile (system administrators and operators set it up)."""

import uuid

import pytest

from macpu.access.roles import Role
from macpu.practice.rules.maintainers import may_maintain_profile, may_manage_glossary

OURS, THEIRS = uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    ("role", "organisation", "may"),
    [
        (Role.SAFEGUARDING_LEAD, OURS, True),
        (Role.SAFEGUARDING_LEAD, THEIRS, False),
        (Role.SYSTEM_ADMINISTRATOR, THEIRS, True),
        (Role.TEAM_MANAGER, OURS, False),
        (Role.PRACTITIONER, OURS, False),
        (Role.ORGANISATION_ADMINISTRATOR, OURS, False),
        (Role.PARTNERSHIP_ANALYST, OURS, False),
    ],
)
def test_who_may_publish_a_profile(role: Role, organisation: uuid.UUID, may: bool) -> None:
    assert (
        may_maintain_profile(role=role, is_operator=False, actor_organisation_id=OURS, organisation_id=organisation)
        is may
    )


def test_an_operator_may_publish_any_profile_and_change_the_glossary() -> None:
    assert may_maintain_profile(role="operator", is_operator=True, actor_organisation_id=None, organisation_id=OURS)
    assert may_manage_glossary(role="operator", is_operator=True)


@pytest.mark.parametrize(
    ("role", "may"),
    [(Role.PARTNERSHIP_ANALYST, True), (Role.SYSTEM_ADMINISTRATOR, True), (Role.SAFEGUARDING_LEAD, False)],
)
def test_who_may_change_the_glossary(role: Role, may: bool) -> None:
    assert may_manage_glossary(role=role, is_operator=False) is may
