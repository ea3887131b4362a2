"""Probable duplicates resolved by people (brief T16, issue 8; ADR 0007): link two records of one child, with a
second person's approval (security targets C4), undo such a link the same way, or decide they are different people.

- A link is proposed with a reason by one person and takes effect only when a second person with the same
  permission (a data quality officer or the MACPU, never the proposer) approves it. Two records whose valid NHS
  numbers differ, or that are recorded as related to each other, are never linked.
- On approval the folded record's rows move to the survivor (`services.merging`), each move in the merge's ledger;
  the folded record stays, marked `merged_into` the survivor. Undo, proposed and approved the same way, puts back
  exactly the rows the ledger names.
- Different people: one person decides, with a reason; the pair is remembered and never raised again.

Every step is audited in its transaction; the involved organisations' safeguarding leads and the lead
practitioners are told when a link takes effect or is undone; the gap rules re-evaluate both children.
"""

import uuid

from django.db import transaction

from macpu.access.roles import Role
from macpu.access.selectors import (
    involvements_open,
    lead_practitioner_ids_by_child,
    member_ids_by_organisation,
    safeguarding_lead_ids_by_organisation,
)
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import Outgoing, notifications_done, notifications_send
from macpu.people.models import (
    DuplicateStatus,
    MergeStatus,
    MergeStepKind,
    Person,
    PersonMerge,
    PersonMergeStep,
    ProbableDuplicate,
)
from macpu.people.rules.duplicates import NHS_NUMBERS_DIFFER
from macpu.people.selectors.duplicates import live_merge, require_resolver, side_of, warnings_of
from macpu.people.services.merging import fold, unfold
from macpu.people.services.search_index import search_keys_refresh
from macpu.people.signals import tell_after_commit

_APPROVER_ROLES = (Role.DATA_QUALITY_OFFICER, Role.MACPU_MEMBER)


def _reason(reason: str, field: str = "reason") -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidInput({field: "Give the reason for your decision"})
    if len(text) > 500:
        raise InvalidInput({field: "The reason must be 500 characters or fewer"})
    return text


def _audit(
    actor: Actor, action: AuditAction, merge_or_flag: PersonMerge | ProbableDuplicate, **details: object
) -> None:
    """One entry under each record of the pair, so each child's access log shows it."""
    if isinstance(merge_or_flag, PersonMerge):
        people, target = (merge_or_flag.survivor, merge_or_flag.folded), ("person_merge", merge_or_flag.id)
    else:
        people, target = (merge_or_flag.person, merge_or_flag.candidate), ("probable_duplicate", merge_or_flag.id)
    for person in people:
        trail.record(
            actor=actor,
            action=action,
            target_type=target[0],
            target_id=target[1],
            child_id=person.audited_child_id,
            details={key: value if isinstance(value, (dict, int)) else str(value) for key, value in details.items()},
        )


def _step(actor: Actor, merge: PersonMerge, kind: MergeStepKind, reason: str) -> None:
    PersonMergeStep.objects.create(
        merge=merge,
        kind=kind,
        by=actor.display_name or actor.label,
        by_user_id=actor.user_id,
        role=actor.role,
        reason=reason,
    )


def _ask_a_second_person(actor: Actor, merge: PersonMerge, message: str) -> None:
    approvers: set[uuid.UUID] = set()
    for role in _APPROVER_ROLES:
        for members in member_ids_by_organisation(role=role).values():
            approvers |= members
    if actor.user_id is not None:
        approvers.discard(actor.user_id)  # a second person: never the one asking
    notifications_send(
        [
            Outgoing(
                recipient_ids=approvers,
                kind=NotificationKind.DUPLICATE_APPROVAL,
                message=message,
                child_id=merge.survivor.id if merge.survivor.kind == "child" else None,
                link=f"/duplicates/{merge.duplicate_id}/",
            )
        ]
    )


def _people_to_tell(children: list[Person]) -> set[uuid.UUID]:
    ids = {child.id for child in children if child.kind == "child"}
    organisations = {
        o for child_id in ids for o in involvements_open(child_id=child_id).values_list("organisation_id", flat=True)
    }
    told: set[uuid.UUID] = set()
    for leads in safeguarding_lead_ids_by_organisation(organisation_ids=organisations).values():
        told |= leads
    for leads in lead_practitioner_ids_by_child(child_ids=ids).values():
        told |= leads
    return told


def _tell(merge: PersonMerge, told: set[uuid.UUID], message: str) -> None:
    if merge.survivor.kind != "child":
        return
    notifications_send(
        [
            Outgoing(
                recipient_ids=told,
                kind=NotificationKind.RECORDS_LINKED,
                message=message,
                child_id=merge.survivor.id,
                link=f"/children/{merge.survivor.id}/",
            )
        ]
    )


def _open_flag(duplicate_id: uuid.UUID) -> ProbableDuplicate:
    flag = (
        ProbableDuplicate.objects.select_for_update()
        .select_related("person", "candidate")
        .filter(id=duplicate_id)
        .first()
    )
    if flag is None:
        raise NotFound
    if flag.status != DuplicateStatus.OPEN or flag.person.merged_into_id or flag.candidate.merged_into_id:
        raise InvalidInput({"decision": "This probable duplicate has already been resolved"})
    if live_merge(flag) is not None:
        raise InvalidInput({"decision": "A link of these records is already waiting for a second person"})
    return flag


def _refuse_if_never_the_same(left: Person, right: Person) -> None:
    warnings, may_link = warnings_of(side_of(left), side_of(right))
    if not may_link:
        refusal = next((w for w in warnings if w == NHS_NUMBERS_DIFFER), warnings[-1] if warnings else "")
        raise InvalidInput({"decision": refusal})


def link_propose(
    *, actor: Actor, duplicate_id: uuid.UUID, reason: str, survivor_id: uuid.UUID | None = None
) -> PersonMerge:
    """Propose that the pair is one person. The older record survives unless another is chosen."""
    require_resolver(actor)
    text = _reason(reason)
    with transaction.atomic():
        flag = _open_flag(duplicate_id)
        pair = sorted((flag.person, flag.candidate), key=lambda p: (p.created_at, str(p.id)))
        if survivor_id is not None:
            if survivor_id not in {p.id for p in pair}:
                raise InvalidInput({"survivor": "Choose one of the two records to keep"})
            pair.sort(key=lambda p: p.id != survivor_id)
        _refuse_if_never_the_same(*pair)
        merge = PersonMerge.objects.create(
            duplicate=flag,
            survivor=pair[0],
            folded=pair[1],
            reason=text,
            proposed_by=actor.display_name or actor.label,
            proposed_by_user_id=actor.user_id,
        )
        _step(actor, merge, MergeStepKind.PROPOSED, text)
        _audit(actor, AuditAction.DUPLICATE_LINK_PROPOSED, merge, merge=merge.id)
        _ask_a_second_person(actor, merge, "A link of two records of one person is proposed: it needs your approval")
    return merge


def _waiting(merge_id: uuid.UUID, status: MergeStatus) -> PersonMerge:
    merge = (
        PersonMerge.objects.select_for_update()
        .select_related("duplicate", "survivor", "folded")
        .filter(id=merge_id)
        .first()
    )
    if merge is None:
        raise NotFound
    if merge.status != status:
        raise InvalidInput({"decision": f"This link is not waiting for a decision: it is {merge.get_status_display()}"})
    if status != MergeStatus.PROPOSED and merge.survivor.merged_into_id:
        raise InvalidInput({"decision": "The kept record has since been linked into another: undo that link first"})
    return merge


def _second_person(actor: Actor, merge: PersonMerge, kind: MergeStepKind) -> None:
    asked = merge.steps.filter(kind=kind).order_by("-created_at").first()
    if actor.user_id is None or asked is None or asked.by_user_id == actor.user_id:
        raise NotPermitted("A second person must decide: not the one who proposed it")
    notifications_done(recipient_id=actor.user_id, link=f"/duplicates/{merge.duplicate_id}/")


def link_decide(*, actor: Actor, merge_id: uuid.UUID, approve: bool, reason: str) -> PersonMerge:
    """A second person approves the proposed link (it takes effect now) or rejects it (the pair stays open)."""
    require_resolver(actor)
    text = _reason(reason)
    with transaction.atomic():
        merge = _waiting(merge_id, MergeStatus.PROPOSED)
        _second_person(actor, merge, MergeStepKind.PROPOSED)
        if not approve:
            merge.status = MergeStatus.REJECTED
            merge.save(update_fields=["status", "updated_at"])
            _step(actor, merge, MergeStepKind.REJECTED, text)
            _audit(actor, AuditAction.DUPLICATE_LINK_REJECTED, merge, merge=merge.id)
            return merge
        if merge.survivor.merged_into_id or merge.folded.merged_into_id:
            raise InvalidInput({"decision": "One of the records has since been linked into another: reject this"})
        _refuse_if_never_the_same(merge.survivor, merge.folded)
        told = _people_to_tell([merge.survivor, merge.folded])
        flag = merge.duplicate
        now = clock.now()
        summary = fold(
            merge,
            also=[
                (flag, "status", DuplicateStatus.LINKED.value),
                (flag, "resolved_at", now),
                (flag, "resolved_by", (actor.display_name or actor.label)[:150]),
                (flag, "resolution_reason", merge.reason[:500]),
            ],
        )
        search_keys_refresh([merge.survivor.id, merge.folded.id])  # the survivor is found by the folded one's names
        merge.status, merge.applied_at = MergeStatus.IN_FORCE, now
        merge.save(update_fields=["status", "applied_at", "updated_at"])
        _step(actor, merge, MergeStepKind.APPROVED, text)
        _audit(actor, AuditAction.DUPLICATE_LINKED, merge, merge=merge.id, moved=summary.moved, ended=summary.ended)
        _tell(merge, told | _people_to_tell([merge.survivor]), "Two records of a child you work with were linked")
        tell_after_commit([merge.survivor.audited_child_id, merge.folded.audited_child_id])
    return merge


def undo_propose(*, actor: Actor, merge_id: uuid.UUID, reason: str) -> PersonMerge:
    """Propose undoing a link in force: it waits for a second person."""
    require_resolver(actor)
    text = _reason(reason)
    with transaction.atomic():
        merge = _waiting(merge_id, MergeStatus.IN_FORCE)
        merge.status = MergeStatus.UNDO_PROPOSED
        merge.save(update_fields=["status", "updated_at"])
        _step(actor, merge, MergeStepKind.UNDO_PROPOSED, text)
        _audit(actor, AuditAction.DUPLICATE_UNDO_PROPOSED, merge, merge=merge.id)
        _ask_a_second_person(
            actor, merge, "Undoing a link of two records of one person is proposed: it needs your approval"
        )
    return merge


def undo_decide(*, actor: Actor, merge_id: uuid.UUID, approve: bool, reason: str) -> PersonMerge:
    """A second person approves the undo (exactly the rows the link moved go back) or rejects it (the link stays)."""
    require_resolver(actor)
    text = _reason(reason)
    with transaction.atomic():
        merge = _waiting(merge_id, MergeStatus.UNDO_PROPOSED)
        _second_person(actor, merge, MergeStepKind.UNDO_PROPOSED)
        if not approve:
            merge.status = MergeStatus.IN_FORCE
            merge.save(update_fields=["status", "updated_at"])
            _step(actor, merge, MergeStepKind.UNDO_REJECTED, text)
            _audit(actor, AuditAction.DUPLICATE_UNDO_REJECTED, merge, merge=merge.id)
            return merge
        told = _people_to_tell([merge.survivor])
        restored, changed = unfold(merge)
        search_keys_refresh([merge.survivor.id, merge.folded.id])
        merge.folded.refresh_from_db()
        merge.status, merge.undone_at = MergeStatus.UNDONE, clock.now()
        merge.save(update_fields=["status", "undone_at", "updated_at"])
        _step(actor, merge, MergeStepKind.UNDO_APPROVED, text)
        _audit(
            actor, AuditAction.DUPLICATE_LINK_UNDONE, merge, merge=merge.id, restored=restored, changed_since=changed
        )
        told |= _people_to_tell([merge.survivor, merge.folded])
        _tell(merge, told, "A link of two records of a child you work with was undone: they are apart again")
        tell_after_commit([merge.survivor.audited_child_id, merge.folded.audited_child_id])
    return merge


def distinct_mark(*, actor: Actor, duplicate_id: uuid.UUID, reason: str) -> ProbableDuplicate:
    """Decide that the two records are different people: remembered, so the pair is never raised again."""
    require_resolver(actor)
    text = _reason(reason)
    with transaction.atomic():
        flag = _open_flag(duplicate_id)
        flag.status = DuplicateStatus.DISTINCT
        flag.resolved_at = clock.now()
        flag.resolved_by = (actor.display_name or actor.label)[:150]
        flag.resolution_reason = text
        flag.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_reason", "updated_at"])
        _audit(actor, AuditAction.DUPLICATE_MARKED_DISTINCT, flag)
        tell_after_commit([flag.person.audited_child_id, flag.candidate.audited_child_id])
    return flag
