"""Folding one person's record into another's, and putting it back exactly, row by row.

Every foreign key to a person, in whatever app holds the row, is found from the models themselves (as retention
finds a child's record), and each has a declared way to follow a merge (`POLICIES`): a key with none stops the merge,
and a test fails, so a future model cannot be forgotten. Each field changed is written to the merge's ledger
(`PersonMergeMove`, in order), and undoing the merge sets exactly those fields back, in reverse order, where they
still hold what the merge put there. Nothing is deleted.
"""

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models

from macpu.core import clock
from macpu.people.models import Person, PersonMerge, PersonMergeMove

_CHUNK = 500


class Follow(StrEnum):
    MOVE = "move"  # point at the survivor; a row that would clash with one of the survivor's stays where it was
    MOVE_ENDED = "move_ended"  # as MOVE, but a row that would clash is ended first, then moved (involvements)
    KEEP = "keep"  # history of the record as it was (frozen versions, grants, exports): stays with the folded record
    DERIVED = "derived"  # an index made from the record (search keys): made again for both records, not moved


# Every foreign key to a person, as "app.Model.field", and how it follows a merge.
POLICIES: dict[str, Follow] = {
    "people.Person.merged_into": Follow.KEEP,
    "people.PersonLink.person": Follow.MOVE,
    "people.PersonName.person": Follow.MOVE,
    "people.Identifier.person": Follow.MOVE,
    "people.Address.person": Follow.MOVE,
    "people.Relationship.person": Follow.MOVE,
    "people.Relationship.relative": Follow.MOVE,
    "people.ProbableDuplicate.person": Follow.MOVE,
    "people.ProbableDuplicate.candidate": Follow.MOVE,
    "people.SearchKey.person": Follow.DERIVED,
    "people.PersonMerge.survivor": Follow.KEEP,
    "people.PersonMerge.folded": Follow.KEEP,
    "events.Event.child": Follow.MOVE,
    "events.EventPerson.person": Follow.MOVE,
    "events.EventMove.from_child": Follow.KEEP,
    "events.EventMove.to_child": Follow.KEEP,
    "access.Involvement.child": Follow.MOVE_ENDED,
    "access.NetworkMember.child": Follow.MOVE,
    "access.BreakGlassGrant.child": Follow.KEEP,
    "notifications.Notification.child": Follow.MOVE,
    "exports.ExportJob.child": Follow.KEEP,
    "chronology.ChronologyVersion.child": Follow.KEEP,
    "pathway.PathwayReminder.child": Follow.MOVE,
    "gaps.GapFinding.child": Follow.MOVE,
    "retention.LegalHold.child": Follow.MOVE,
}

Model = type[models.Model]
AnyField = models.Field[Any, Any]
AnyKey = models.ForeignKey[Any, Any]


@dataclass
class FoldSummary:
    moved: dict[str, int] = field(default_factory=dict)
    ended: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # rows that would have clashed, left with the folded record

    def count(self, bucket: dict[str, int], label: str, number: int = 1) -> None:
        if number:
            bucket[label] = bucket.get(label, 0) + number


def references_to_person() -> list[tuple[Model, AnyKey]]:
    """Every foreign key (one-to-one too) of every installed model that points at a person."""
    return [
        (model, key)
        for model in apps.get_models()
        for key in model._meta.concrete_fields
        if isinstance(key, models.ForeignKey) and key.related_model is Person
    ]


def reference_name(model: Model, key: AnyField) -> str:
    return f"{model._meta.label}.{key.name}"


def unhandled_references() -> list[str]:
    """The foreign keys to a person that `POLICIES` does not say how to follow: must be none."""
    return sorted(name for name in (reference_name(m, k) for m, k in references_to_person()) if name not in POLICIES)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _chunks(values: list[object]) -> Iterator[list[object]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _other_person_keys(model: Model, key: AnyField) -> list[str]:
    return [other.attname for m, other in references_to_person() if m is model and other.name != key.name]


def _may_clash(model: Model, key: AnyField) -> bool:
    """Whether changing this key can break one of the model's constraints (then each row is checked first)."""
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            return True
        if isinstance(constraint, models.UniqueConstraint) and key.name in constraint.fields:
            return True
    return bool(model._meta.unique_together) or key.unique


def _clashes(row: models.Model, attname: str, survivor_id: uuid.UUID) -> bool:
    before = getattr(row, attname)
    setattr(row, attname, survivor_id)
    try:
        row.validate_constraints()
    except ValidationError:
        return True
    finally:
        setattr(row, attname, before)
    return False


class _Ledger:
    def __init__(self, merge: PersonMerge) -> None:
        self.merge = merge
        self.moves: list[PersonMergeMove] = []

    def note(self, model: Model, pk: object, attname: str, old: object, new: object) -> None:
        self.moves.append(
            PersonMergeMove(
                merge=self.merge,
                model=model._meta.label,
                row_pk=str(pk),
                field=attname,
                old_value=_text(old),
                new_value=_text(new),
            )
        )

    def write(self) -> None:
        PersonMergeMove.objects.bulk_create(self.moves)
        self.moves = []


def _fold_key(
    model: Model,
    key: AnyKey,
    follow: Follow,
    merge: PersonMerge,
    ledger: _Ledger,
    summary: FoldSummary,
) -> None:
    label, folded, survivor = model._meta.label, merge.folded_id, merge.survivor_id
    rows = model._base_manager.filter(**{key.attname: folded})
    for other in _other_person_keys(model, key):
        stays = rows.filter(**{other: survivor})  # a row about the two records themselves: naming one twice
        summary.count(summary.kept, label, stays.count())
        rows = rows.exclude(**{other: survivor})
    if not _may_clash(model, key):
        pks = list(rows.order_by("pk").values_list("pk", flat=True))
        for pk in pks:
            ledger.note(model, pk, key.attname, folded, survivor)
        for chunk in _chunks(pks):
            model._base_manager.filter(pk__in=chunk).update(**{key.attname: survivor})
        summary.count(summary.moved, label, len(pks))
        return
    for row in rows.order_by("pk"):
        if _clashes(row, key.attname, survivor):
            if follow is not Follow.MOVE_ENDED:
                summary.count(summary.kept, label)
                continue
            now = clock.now()
            ledger.note(model, row.pk, "ended_at", None, now)
            model._base_manager.filter(pk=row.pk).update(ended_at=now)
            summary.count(summary.ended, label)
        ledger.note(model, row.pk, key.attname, folded, survivor)
        model._base_manager.filter(pk=row.pk).update(**{key.attname: survivor})
        summary.count(summary.moved, label)


def fold(merge: PersonMerge, *, also: list[tuple[models.Model, str, object]] | None = None) -> FoldSummary:
    """Fold `merge.folded` into `merge.survivor`: every row that points at the folded record, as `POLICIES` says,
    then `also` (rows' fields to set, such as the duplicate flag's status), each change in the ledger. Runs in the
    caller's transaction."""
    missing = unhandled_references()
    if missing:
        raise ImproperlyConfigured(f"No merge policy for {', '.join(missing)}: add it to people.services.merging")
    ledger, summary = _Ledger(merge), FoldSummary()
    for model, key in references_to_person():
        follow = POLICIES[reference_name(model, key)]
        if follow in {Follow.MOVE, Follow.MOVE_ENDED}:
            _fold_key(model, key, follow, merge, ledger, summary)
    for row, attname, value in [(merge.folded, "merged_into_id", merge.survivor_id), *(also or [])]:
        ledger.note(type(row), row.pk, attname, getattr(row, attname), value)
        type(row)._base_manager.filter(pk=row.pk).update(**{attname: value})
        setattr(row, attname, value)
    ledger.write()
    return summary


def _value(model: Model, attname: str, text: str) -> object:
    key = next(f for f in model._meta.concrete_fields if f.attname == attname)
    if text == "" and key.null:
        return None
    target = key.target_field if isinstance(key, models.ForeignKey) else key
    return target.to_python(text)


def unfold(merge: PersonMerge) -> tuple[int, int]:
    """Set back every field the merge changed, newest first, where it still holds what the merge put there.
    Returns (rows set back, rows changed since and left as they are). Runs in the caller's transaction."""
    restored = changed = 0
    for move in merge.moves.order_by("-id"):
        model = apps.get_model(move.model)
        current = model._base_manager.filter(pk=move.row_pk).values_list(move.field, flat=True).first()
        if _text(current) != _text(_value(model, move.field, move.new_value)):
            changed += 1
            continue
        model._base_manager.filter(pk=move.row_pk).update(**{move.field: _value(model, move.field, move.old_value)})
        restored += 1
    return restored, changed
