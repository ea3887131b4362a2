"""Probable duplicates resolved by people (issue 8, point 2): link with a second person's approval, undo exactly,
or mark distinct; every step audited; the people who work with the child told."""

import datetime as dt
from typing import Any

import pytest

from macpu.access.models import Involvement, InvolvementBasis, NetworkRole, User
from macpu.access.roles import Role
from macpu.access.services import involvement_record, network_member_add
from macpu.audit.actions import AuditAction
from macpu.audit.models import AuditEvent
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotPermitted
from macpu.events.models import Event
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.gaps.models import FindingStatus, GapFinding
from macpu.gaps.services import gaps_evaluate
from macpu.notifications.models import Notification, NotificationKind
from macpu.organisations.models import Organisation
from macpu.people.models import (
    DuplicateStatus,
    Identifier,
    IdentifierScheme,
    MergeStatus,
    Person,
    ProbableDuplicate,
    SearchKey,
)
from macpu.people.rules.duplicates import NHS_NUMBERS_DIFFER, POSSIBLE_TWIN
from macpu.people.selectors.duplicates import QueueState, duplicate_review, duplicates_queue, known_distinct
from macpu.people.services.duplicates import distinct_mark, link_decide, link_propose, undo_decide, undo_propose
from macpu.people.services.merging import references_to_person, unhandled_references
from tests.builders import actor_of
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MAISY = {**MAISIE, "given_name": "Maisy"}


def _officer(organisation: Organisation, username: str, role: Role = Role.DATA_QUALITY_OFFICER) -> Actor:
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role.value)
    return actor_of(user)


@pytest.fixture
def dana(macpu_team: Organisation) -> Actor:
    return _officer(macpu_team, "dq.dana")


@pytest.fixture
def morgan(macpu_team: Organisation) -> Actor:
    return _officer(macpu_team, "macpu.morgan", Role.MACPU_MEMBER)


@pytest.fixture
def flag(operator: Actor, school: Organisation, gp_practice: Organisation) -> ProbableDuplicate:
    """The school knows Maisie; the GP's "Maisy", same date of birth and postcode, is flagged, not linked."""
    record(operator, feed_event("CPOMS-1", school.code))
    record(operator, feed_event("GP-1", gp_practice.code, subject=MAISY))
    return ProbableDuplicate.objects.get()


def _snapshot(*people: Person) -> dict[tuple[str, object], dict[str, Any]]:
    """Every row of every model that points at these people, with all its fields."""
    ids = [p.id for p in people]
    rows: dict[tuple[str, object], dict[str, Any]] = {}
    for model, key in references_to_person():
        for row in model._base_manager.filter(**{f"{key.attname}__in": ids}).values():
            if model is SearchKey:  # an index made again from the record: compared by what it holds
                rows[("people.SearchKey", (row["key"], row["person_id"]))] = {}
            else:
                rows[(model._meta.label, row["id"])] = row
    for person in Person.objects.filter(id__in=ids).values():
        rows[("people.Person", person["id"])] = dict(person)
    return rows


def test_every_foreign_key_to_a_person_has_a_merge_policy() -> None:
    # A new model pointing at a person must say how it follows a link (people.services.merging.POLICIES)
    assert unhandled_references() == []


def test_a_link_waits_for_a_second_person_then_folds_every_row(
    flag: ProbableDuplicate, dana: Actor, morgan: Actor, school: Organisation, gp_practice: Organisation
) -> None:
    older, newer = flag.candidate, flag.person
    newer_keys = set(SearchKey.objects.filter(person=newer).values_list("key", flat=True))
    merge = link_propose(actor=dana, duplicate_id=flag.id, reason="Same child: the GP confirmed the spelling")
    assert (merge.status, merge.survivor, merge.folded) == (MergeStatus.PROPOSED, older, newer)
    assert Event.objects.get(record_id="GP-1").child == newer  # nothing moves before approval

    with pytest.raises(NotPermitted):
        link_decide(actor=dana, merge_id=merge.id, approve=True, reason="I agree with myself")

    link_decide(actor=morgan, merge_id=merge.id, approve=True, reason="Checked: same address and school")

    merge.refresh_from_db()
    newer.refresh_from_db()
    flag.refresh_from_db()
    assert merge.status == MergeStatus.IN_FORCE
    assert newer.merged_into == older
    assert flag.status == DuplicateStatus.LINKED
    assert {e.record_id for e in Event.objects.filter(child=older)} == {"CPOMS-1", "GP-1"}
    assert set(
        Involvement.objects.filter(child=older, ended_at__isnull=True).values_list("organisation", flat=True)
    ) == {
        school.id,
        gp_practice.id,
    }
    assert {n.given_name for n in older.names.all()} == {"Maisie", "Maisy"}
    assert Person.objects.filter(id=newer.id).exists()  # nothing deleted
    assert duplicates_queue(actor=dana).count == 0
    # search finds the survivor by the folded record's names too
    assert newer_keys
    assert newer_keys <= set(SearchKey.objects.filter(person=older).values_list("key", flat=True))


def test_undo_puts_back_exactly_the_rows_the_link_moved(
    flag: ProbableDuplicate, dana: Actor, morgan: Actor, operator: Actor, school: Organisation
) -> None:
    older, newer = flag.candidate, flag.person
    # both records known to the school: its two open involvements clash when folded
    involvement_record(actor=operator, child_id=newer.id, organisation_id=school.id, basis=InvolvementBasis.RECORDED)
    before = _snapshot(older, newer)

    # A reason longer than the ledger's ids and dates: it is kept there too, so that undo puts the flag back.
    reason = "Same child: the school and the GP both confirm the spelling of her name and her date of birth"
    merge = link_propose(actor=dana, duplicate_id=flag.id, reason=reason)
    link_decide(actor=morgan, merge_id=merge.id, approve=True, reason="Agreed")
    flag.refresh_from_db()
    assert flag.resolution_reason == reason
    assert Involvement.objects.filter(child=older, organisation=school, ended_at__isnull=True).count() == 1
    assert merge.moves.filter(field="ended_at").count() == 1

    undo_propose(actor=morgan, merge_id=merge.id, reason="The school says these are two children")
    with pytest.raises(NotPermitted):
        undo_decide(actor=morgan, merge_id=merge.id, approve=True, reason="Self")
    undo_decide(actor=dana, merge_id=merge.id, approve=True, reason="Agreed: two children")

    after = _snapshot(older, newer)
    assert {key: after[key] for key in before} == before
    created = {label for label, _ in after.keys() - before.keys()}
    assert created <= {"notifications.Notification", "people.PersonMerge"}
    merge.refresh_from_db()
    assert merge.status == MergeStatus.UNDONE
    flag.refresh_from_db()
    assert flag.status == DuplicateStatus.OPEN  # to be decided again


def test_a_rejected_link_changes_nothing_and_the_pair_stays_to_review(
    flag: ProbableDuplicate, dana: Actor, morgan: Actor
) -> None:
    before = _snapshot(flag.person, flag.candidate)
    merge = link_propose(actor=dana, duplicate_id=flag.id, reason="Same child")
    assert duplicates_queue(actor=dana, state=QueueState.AWAITING_APPROVAL).pairs == [flag]
    link_decide(actor=morgan, merge_id=merge.id, approve=False, reason="Different schools: not convinced")
    merge.refresh_from_db()
    assert merge.status == MergeStatus.REJECTED
    after = _snapshot(flag.person, flag.candidate)
    assert {key: after[key] for key in before} == before
    assert {label for label, _ in after.keys() - before.keys()} <= {"notifications.Notification", "people.PersonMerge"}
    assert duplicates_queue(actor=dana).pairs == [flag]
    listed = AuditEvent.objects.filter(action=AuditAction.DUPLICATES_LISTED).order_by("-sequence")[:2]
    assert {entry.child_id for entry in listed} == {str(flag.person.id), str(flag.candidate.id)}  # each child shown


def test_records_with_different_valid_nhs_numbers_are_never_linked(
    flag: ProbableDuplicate, dana: Actor, operator: Actor
) -> None:
    Identifier.objects.create(person=flag.person, scheme=IdentifierScheme.NHS_NUMBER, value="9990000018")
    Identifier.objects.create(person=flag.candidate, scheme=IdentifierScheme.NHS_NUMBER, value="9990000026")
    review = duplicate_review(actor=dana, duplicate_id=flag.id)
    assert NHS_NUMBERS_DIFFER in review.warnings
    assert not review.may_link
    with pytest.raises(InvalidInput) as refused:
        link_propose(actor=dana, duplicate_id=flag.id, reason="Same child")
    assert refused.value.errors == {"decision": [NHS_NUMBERS_DIFFER]}


def test_a_possible_twin_is_a_warning(
    operator: Actor, school: Organisation, gp_practice: Organisation, dana: Actor
) -> None:
    twin = ProbableDuplicate.objects.create(
        person=Person.objects.create(
            kind="child", given_name="Jasmine", family_name="Okoro", date_of_birth=dt.date(2019, 3, 27)
        ),
        candidate=Person.objects.create(
            kind="child", given_name="Tobi", family_name="Okoro", date_of_birth=dt.date(2019, 3, 27)
        ),
        score=15.0,
        reason="test",
    )
    assert POSSIBLE_TWIN in duplicate_review(actor=dana, duplicate_id=twin.id).warnings


def test_marked_distinct_is_remembered_and_never_raised_again(
    flag: ProbableDuplicate, dana: Actor, operator: Actor, gp_practice: Organisation
) -> None:
    distinct_mark(actor=dana, duplicate_id=flag.id, reason="Different children: different parents")
    flag.refresh_from_db()
    assert (flag.status, flag.resolution_reason) == (DuplicateStatus.DISTINCT, "Different children: different parents")
    assert known_distinct(flag.candidate_id, flag.person_id)
    assert duplicates_queue(actor=dana).count == 0
    with pytest.raises(InvalidInput):
        link_propose(actor=dana, duplicate_id=flag.id, reason="Changed my mind")


def test_every_step_is_audited_under_both_children(flag: ProbableDuplicate, dana: Actor, morgan: Actor) -> None:
    merge = link_propose(actor=dana, duplicate_id=flag.id, reason="Same child")
    link_decide(actor=morgan, merge_id=merge.id, approve=True, reason="Agreed")
    undo_propose(actor=dana, merge_id=merge.id, reason="Wrong")
    undo_decide(actor=morgan, merge_id=merge.id, approve=False, reason="No: it is right")
    for action in (
        "person.duplicate_link_proposed",
        "person.duplicate_linked",
        "person.duplicate_undo_proposed",
        "person.duplicate_undo_rejected",
    ):
        entries = AuditEvent.objects.filter(action=action, target_id=str(merge.id))
        assert {e.child_id for e in entries} == {str(flag.person_id), str(flag.candidate_id)}, action


def test_the_people_who_work_with_the_child_are_told_of_a_link(
    flag: ProbableDuplicate, dana: Actor, morgan: Actor, operator: Actor, school: Organisation, dsl_dev: User
) -> None:
    lead = UserFactory(username="gp.lead")
    network_member_add(
        actor=operator,
        child_id=flag.person_id,
        user=lead,
        organisation_id=school.id,
        network_role=NetworkRole.LEAD_PRACTITIONER,
        started_on=dt.date(2026, 1, 1),
    )
    merge = link_propose(actor=dana, duplicate_id=flag.id, reason="Same child")
    approvals = Notification.objects.filter(kind=NotificationKind.DUPLICATE_APPROVAL)
    assert {n.recipient.username for n in approvals} == {"macpu.morgan"}  # never the proposer
    link_decide(actor=morgan, merge_id=merge.id, approve=True, reason="Agreed")
    told = {n.recipient.username for n in Notification.objects.filter(kind=NotificationKind.RECORDS_LINKED)}
    assert told == {"dsl.dev", "gp.lead"}


def test_only_resolvers_read_the_queue(flag: ProbableDuplicate, sw_amara: User, dana: Actor, morgan: Actor) -> None:
    assert duplicates_queue(actor=dana).pairs == [flag]
    assert duplicates_queue(actor=morgan).pairs == [flag]
    with pytest.raises(NotPermitted):
        duplicates_queue(actor=actor_of(sw_amara))
    with pytest.raises(NotPermitted):
        duplicate_review(actor=actor_of(sw_amara), duplicate_id=flag.id)


def test_intake_never_raises_a_pair_marked_distinct_again(
    flag: ProbableDuplicate, dana: Actor, operator: Actor, police_force: Organisation
) -> None:
    distinct_mark(actor=dana, duplicate_id=flag.id, reason="Different children")
    # the police's "Maisy" is a third record; the GP's and the school's stay apart, and no pair is flagged twice
    record(operator, feed_event("NBP-1", police_force.code, subject=MAISY))
    pairs = [frozenset((d.person_id, d.candidate_id)) for d in ProbableDuplicate.objects.all()]
    assert len(pairs) == len(set(pairs))


def test_the_gap_rules_look_again_and_t16_closes_once_linked(
    flag: ProbableDuplicate, dana: Actor, morgan: Actor, operator: Actor, django_capture_on_commit_callbacks: Any
) -> None:
    gaps_evaluate(actor=operator, child_ids=[flag.person_id, flag.candidate_id], notify=False)
    assert GapFinding.objects.filter(rule="T16", status=FindingStatus.OPEN).exists()
    merge = link_propose(actor=dana, duplicate_id=flag.id, reason="Same child")
    with django_capture_on_commit_callbacks(execute=True):
        link_decide(actor=morgan, merge_id=merge.id, approve=True, reason="Agreed")
    assert not GapFinding.objects.filter(rule="T16", status=FindingStatus.OPEN).exists()


def test_a_link_whose_survivor_was_linked_again_is_undone_last_first(
    flag: ProbableDuplicate, dana: Actor, morgan: Actor, operator: Actor, police_force: Organisation
) -> None:
    first = link_propose(actor=dana, duplicate_id=flag.id, reason="Same child")
    link_decide(actor=morgan, merge_id=first.id, approve=True, reason="Agreed")
    third = Person.objects.create(
        kind="child", given_name="Maisie", family_name="Whitmore", date_of_birth=dt.date(2019, 3, 27)
    )
    again = ProbableDuplicate.objects.create(person=flag.candidate, candidate=third, score=20.0, reason="test")
    second = link_propose(actor=dana, duplicate_id=again.id, reason="Same child", survivor_id=third.id)
    link_decide(actor=morgan, merge_id=second.id, approve=True, reason="Agreed")
    with pytest.raises(InvalidInput):
        undo_propose(actor=dana, merge_id=first.id, reason="Wrong")
    undo_propose(actor=dana, merge_id=second.id, reason="Wrong")
    undo_decide(actor=morgan, merge_id=second.id, approve=True, reason="Agreed")
    undo_propose(actor=dana, merge_id=first.id, reason="Wrong too")
    undo_decide(actor=morgan, merge_id=first.id, approve=True, reason="Agreed")
    assert Event.objects.get(record_id="GP-1").child_id == flag.person_id
    assert Event.objects.get(record_id="CPOMS-1").child_id == flag.candidate_id
