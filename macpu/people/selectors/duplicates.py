"""Reads of probable duplicates for the people who resolve them (brief T16, issue 8): the review queue, and each pair
side by side with the explanation of its score and the warnings a reviewer must weigh.

Data quality officers and the MACPU see the pair whatever their organisation's involvement: resolving duplicates is
their function (the permission `DUPLICATES_RESOLVE`). Each read is audited, with the children it shows; a protected
address is shown as withheld, never where it is.
"""

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.db import transaction
from django.db.models import Q, QuerySet

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.scoping import restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import NotFound, NotPermitted
from macpu.core.models import Sensitivity
from macpu.people.models import (
    DuplicateStatus,
    IdentifierScheme,
    MergeStatus,
    Person,
    PersonKind,
    PersonMerge,
    PersonMergeStep,
    ProbableDuplicate,
)
from macpu.people.rules.duplicates import (
    NHS_NUMBERS_DIFFER,
    POSSIBLE_TWIN,
    RELATED_TO_EACH_OTHER,
    ExplainedField,
    explained_fields,
    nhs_numbers_conflict,
)
from macpu.people.rules.matching import Demographics, compare

LIVE = (MergeStatus.PROPOSED, MergeStatus.IN_FORCE, MergeStatus.UNDO_PROPOSED)


class QueueState(StrEnum):
    TO_REVIEW = "to_review"  # open, no link waiting for approval
    AWAITING_APPROVAL = "awaiting_approval"  # a link or an undo waits for a second person
    LINKED = "linked"
    DISTINCT = "distinct"


def require_resolver(actor: Actor) -> None:
    if not role_grants(actor.role, Permission.DUPLICATES_RESOLVE):
        raise NotPermitted("Only a data quality officer or the MACPU resolves probable duplicates")


def _unmerged(queryset: QuerySet[ProbableDuplicate]) -> QuerySet[ProbableDuplicate]:
    return queryset.filter(person__merged_into__isnull=True, candidate__merged_into__isnull=True)


@dataclass(frozen=True)
class QueuePage:
    pairs: list[ProbableDuplicate]
    count: int  # in the whole queue, not only this page


def duplicates_queue(
    *,
    actor: Actor,
    state: QueueState = QueueState.TO_REVIEW,
    kind: str = "",
    min_score: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> QueuePage:
    """A page of probable duplicates, oldest first: by default those still to review. The page shows both people's
    names and dates of birth, so it is audited under each child it shows, in the transaction that reads it."""
    require_resolver(actor)
    waiting = PersonMerge.objects.filter(status__in=[MergeStatus.PROPOSED, MergeStatus.UNDO_PROPOSED])
    flags = ProbableDuplicate.objects.select_related("person", "candidate")
    if state is QueueState.TO_REVIEW:
        flags = _unmerged(flags.filter(status=DuplicateStatus.OPEN)).exclude(merges__in=waiting)
    elif state is QueueState.AWAITING_APPROVAL:
        flags = flags.filter(merges__in=waiting)
    else:
        flags = flags.filter(status=state.value)
    if kind in PersonKind.values:
        flags = flags.filter(person__kind=kind)
    if min_score is not None:
        flags = flags.filter(score__gte=min_score)
    flags = flags.distinct().order_by("created_at", "id")
    with transaction.atomic():
        pairs = list(flags[offset : offset + limit])
        shown = dict.fromkeys(p.audited_child_id for pair in pairs for p in (pair.person, pair.candidate))
        children: list[uuid.UUID | None] = [child_id for child_id in shown if child_id is not None] or [None]
        details = {"state": state.value, "kind": kind, "min_score": min_score, "shown": len(pairs)}
        for child_id in children:
            trail.record(
                actor=actor, action=AuditAction.DUPLICATES_LISTED, target_type="duplicates", child_id=child_id,
                details=details,
            )  # fmt: skip
        return QueuePage(pairs=pairs, count=flags.count())


@dataclass(frozen=True)
class IdentifierRow:
    scheme: str
    label: str
    value: str
    issuer: str
    verified: bool
    warning: str
    current: bool


@dataclass(frozen=True)
class Side:
    """One record of the pair, as a reviewer compares it."""

    person: Person
    names: list[tuple[str, str]]  # (name, kind with its source)
    identifiers: list[IdentifierRow]
    postcodes: list[str]
    organisations: list[str]
    event_count: int

    @property
    def nhs_numbers(self) -> list[str]:
        return [i.value for i in self.identifiers if i.scheme == IdentifierScheme.NHS_NUMBER]


@dataclass(frozen=True)
class Review:
    duplicate: ProbableDuplicate
    left: Side
    right: Side
    explanation: list[ExplainedField]
    warnings: list[str]
    may_link: bool
    merge: PersonMerge | None
    steps: list[PersonMergeStep] = field(default_factory=list)


def _organisation_name(organisations: dict[uuid.UUID, str], organisation_id: uuid.UUID | None) -> str:
    return organisations.get(organisation_id, "") if organisation_id else ""


def side_of(person: Person) -> Side:
    organisation_model = apps.get_model("organisations", "Organisation")  # a lower app, read by its label
    involvement_model = apps.get_model("access", "Involvement")
    event_model = apps.get_model("events", "Event")  # events sit above people: counted, never imported
    names = [
        (
            f"{n.given_name} {n.family_name}".strip(),
            f"{n.get_kind_display()}" + (" (from an agency)" if n.source_id else ""),
        )
        for n in person.names.order_by("created_at")
    ]
    identifiers = list(person.identifiers.order_by("scheme", "created_at"))
    links = person.links.filter(unlinked_at__isnull=True).select_related("source_record")
    known_by = {link.source_record.organisation_id for link in links}
    known_by |= set(
        involvement_model.objects.filter(child_id=person.id, ended_at__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    issuers = {i.issuer_id for i in identifiers if i.issuer_id is not None}
    organisations = dict(organisation_model.objects.filter(id__in={*known_by, *issuers}).values_list("id", "name"))
    return Side(
        person=person,
        names=names,
        identifiers=[
            IdentifierRow(
                i.scheme,
                i.get_scheme_display(),
                i.value,
                _organisation_name(organisations, i.issuer_id),
                i.verified,
                i.warning,
                i.valid_to is None or i.valid_to >= clock.today(),
            )
            for i in identifiers
        ],
        postcodes=[
            a.postcode if a.sensitivity == Sensitivity.STANDARD else "Withheld: a protected address"
            for a in person.addresses.order_by("-valid_from", "-created_at")
        ],
        organisations=sorted(organisations[o] for o in known_by if o in organisations),
        event_count=event_model.objects.filter(child_id=person.id, status="active").count(),
    )


def _related(left: Person, right: Person) -> bool:
    return left.relationships.filter(relative=right).exists() or right.relationships.filter(relative=left).exists()


def warnings_of(left: Side, right: Side) -> tuple[list[str], bool]:
    """What the reviewer must weigh, and whether linking is allowed at all."""
    warnings, may_link = [], True
    if nhs_numbers_conflict(left.nhs_numbers, right.nhs_numbers):
        warnings.append(NHS_NUMBERS_DIFFER)
        may_link = False
    if _related(left.person, right.person):
        warnings.append(RELATED_TO_EACH_OTHER)
        may_link = False
    a, b = left.person, right.person
    score = compare(
        Demographics(a.given_name, a.family_name, a.date_of_birth, a.sex),
        Demographics(b.given_name, b.family_name, b.date_of_birth, b.sex),
    )
    if score.possible_twin:
        warnings.append(POSSIBLE_TWIN)
    return warnings, may_link


def live_merge(duplicate: ProbableDuplicate) -> PersonMerge | None:
    return duplicate.merges.filter(status__in=LIVE).first()


def duplicate_review(*, actor: Actor, duplicate_id: uuid.UUID) -> Review:
    """The pair side by side. Audited under each child it shows."""
    require_resolver(actor)
    duplicate = ProbableDuplicate.objects.select_related("person", "candidate").filter(id=duplicate_id).first()
    if duplicate is None:
        raise NotFound
    with transaction.atomic():  # the two records are read and their view recorded together
        left, right = side_of(duplicate.person), side_of(duplicate.candidate)
        warnings, may_link = warnings_of(left, right)
        merge = live_merge(duplicate) or duplicate.merges.order_by("-created_at").first()
        for person in (duplicate.person, duplicate.candidate):
            trail.record(
                actor=actor,
                action=AuditAction.DUPLICATE_VIEWED,
                target_type="probable_duplicate",
                target_id=duplicate.id,
                child_id=person.audited_child_id,
            )
    return Review(
        duplicate=duplicate,
        left=left,
        right=right,
        explanation=explained_fields(duplicate.explanation),
        warnings=warnings,
        may_link=may_link,
        merge=merge,
        steps=list(merge.steps.order_by("created_at")) if merge else [],
    )


def merge_get(*, actor: Actor, merge_id: uuid.UUID) -> PersonMerge:
    require_resolver(actor)
    merge = PersonMerge.objects.select_related("duplicate", "survivor", "folded").filter(id=merge_id).first()
    if merge is None:
        raise NotFound
    return merge


def known_distinct(left_id: uuid.UUID, right_id: uuid.UUID) -> bool:
    """Whether a person decided that these two records are different people (either way round)."""
    return ProbableDuplicate.objects.filter(
        Q(person_id=left_id, candidate_id=right_id) | Q(person_id=right_id, candidate_id=left_id),
        status=DuplicateStatus.DISTINCT,
    ).exists()


def survivor_of(person_id: uuid.UUID) -> uuid.UUID | None:
    """The record a folded record is now part of (following folds of folds), or None for a record not folded."""
    current, seen = person_id, set()
    while True:
        merged_into = Person.objects.filter(id=current).values_list("merged_into_id", flat=True).first()
        if merged_into is None or merged_into in seen:
            return None if current == person_id else current
        seen.add(current)
        current = merged_into


def visible_survivor(*, actor: Actor, person_id: uuid.UUID) -> uuid.UUID | None:
    """For an old link to a folded record: the record it is now part of, if the actor may see that one (else None,
    so that a folded record the actor may not follow looks like any record they may not see)."""
    survivor = survivor_of(person_id)
    if survivor is None:
        return None
    visible = restrict_to_visible_children(Person.objects.filter(id=survivor), actor=actor)
    return survivor if visible.exists() else None
