import uuid

import pytest

from macpu.access.permissions import Permission
from macpu.access.roles import CASE_ROLES, ORGANISATION_SCOPED_PERMISSIONS, ROLE_PERMISSIONS, Role
from macpu.access.rules.policy import ActorFacts, ChildFacts, decide, may_administer, roles_grantable_by

MY_ORG, OTHER_ORG = uuid.uuid4(), uuid.uuid4()
CHILD_WITH_MY_ORG = ChildFacts(frozenset({MY_ORG, OTHER_ORG}))
CHILD_ELSEWHERE = ChildFacts(frozenset({OTHER_ORG}))


@pytest.mark.parametrize("role", sorted(CASE_ROLES))
def test_case_roles_see_a_child_their_organisation_is_involved_with(role: Role) -> None:
    decision = decide(ActorFacts(role, MY_ORG), Permission.CHILD_VIEW, CHILD_WITH_MY_ORG)
    assert decision.allowed
    assert decision.reason == "the actor's organisation is involved with the child"


@pytest.mark.parametrize("role", sorted(CASE_ROLES))
def test_case_roles_do_not_see_a_child_their_organisation_is_not_involved_with(role: Role) -> None:
    decision = decide(ActorFacts(role, MY_ORG), Permission.CHILD_VIEW, CHILD_ELSEWHERE)
    assert not decision.allowed
    assert decision.reason == "the actor's organisation is not involved with the child"


@pytest.mark.parametrize("role", sorted(set(Role) - CASE_ROLES))
def test_non_case_roles_see_no_child_even_when_their_organisation_is_involved(role: Role) -> None:
    assert not decide(ActorFacts(role, MY_ORG), Permission.CHILD_VIEW, CHILD_WITH_MY_ORG).allowed


def test_a_system_administrator_manages_organisations_but_sees_no_case_content() -> None:
    admin = ActorFacts(Role.SYSTEM_ADMINISTRATOR, MY_ORG)
    assert decide(admin, Permission.ORGANISATION_MANAGE).allowed
    assert not decide(admin, Permission.CHILD_SEARCH).allowed


def test_a_partnership_analyst_cannot_search_for_children() -> None:
    assert not decide(ActorFacts(Role.PARTNERSHIP_ANALYST, MY_ORG), Permission.CHILD_SEARCH).allowed


def test_an_unknown_role_is_refused_everything() -> None:
    for permission in Permission:
        assert not decide(ActorFacts("", MY_ORG), permission).allowed


def test_an_actor_without_an_organisation_sees_no_child() -> None:
    assert not decide(ActorFacts(Role.SOCIAL_WORKER, None), Permission.CHILD_VIEW, CHILD_WITH_MY_ORG).allowed


from macpu.access.rules.policy import ReaderFacts, RecordFacts, may_read_content  # noqa: E402

POLICE, SCHOOL, MACPU = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_restricted_content_is_for_the_recording_sector_and_the_macpu_only() -> None:
    record = RecordFacts(POLICE, "police", "restricted")
    assert may_read_content(ReaderFacts(POLICE, "police", False), record)
    assert may_read_content(ReaderFacts(uuid.uuid4(), "police", False), record)
    assert may_read_content(ReaderFacts(MACPU, "multi_agency", True), record)
    assert not may_read_content(ReaderFacts(SCHOOL, "education", False), record)


def test_sealed_content_is_for_the_recording_organisation_only() -> None:
    record = RecordFacts(POLICE, "police", "sealed")
    assert may_read_content(ReaderFacts(POLICE, "police", False), record)
    assert not may_read_content(ReaderFacts(uuid.uuid4(), "police", False), record)
    assert not may_read_content(ReaderFacts(MACPU, "multi_agency", True), record)


def test_standard_content_is_for_everyone_who_may_see_the_child() -> None:
    assert may_read_content(ReaderFacts(SCHOOL, "education", False), RecordFacts(POLICE, "police", "standard"))


def test_an_organisation_administrator_manages_only_their_own_organisations_tokens() -> None:
    it_admin = ActorFacts(Role.ORGANISATION_ADMINISTRATOR, MY_ORG)
    assert may_administer(it_admin, Permission.API_CLIENTS_MANAGE, MY_ORG).allowed
    refused = may_administer(it_admin, Permission.API_CLIENTS_MANAGE, OTHER_ORG)
    assert not refused.allowed
    assert refused.reason == "the actor administers another organisation"
    assert not decide(it_admin, Permission.CHILD_SEARCH).allowed


def test_a_system_administrator_manages_any_organisations_tokens_and_case_roles_none() -> None:
    assert may_administer(ActorFacts(Role.SYSTEM_ADMINISTRATOR, MY_ORG), Permission.STAFF_MANAGE, OTHER_ORG).allowed
    for role in CASE_ROLES:
        assert not may_administer(ActorFacts(role, MY_ORG), Permission.STAFF_MANAGE, MY_ORG).allowed


def test_an_organisation_administrator_gives_case_roles_and_their_own_never_area_wide_ones() -> None:
    grantable = roles_grantable_by(Role.ORGANISATION_ADMINISTRATOR)
    assert Role.SOCIAL_WORKER in grantable
    assert Role.ORGANISATION_ADMINISTRATOR in grantable
    assert not grantable & {
        Role.SYSTEM_ADMINISTRATOR,
        Role.AUDITOR,
        Role.INFORMATION_GOVERNANCE_OFFICER,
        Role.TEAM_MANAGER,
        Role.MACPU_MEMBER,
    }
    for role in grantable:  # no permission reaching beyond the organisation's own work
        assert ROLE_PERMISSIONS[role] <= ORGANISATION_SCOPED_PERMISSIONS, role
    assert roles_grantable_by(Role.SYSTEM_ADMINISTRATOR) == frozenset(Role)
    assert roles_grantable_by(Role.SOCIAL_WORKER) == frozenset()
