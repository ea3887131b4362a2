"""Everything that makes up one child's record in the database, found by following every foreign key that points
at it (whatever app holds the row), so that disposal leaves nothing behind and needs no list kept up to date.

A row that also belongs to a record that is kept (another child's event, another child's saved chronology) is
not removed: the child's disposal is refused and names the table, and the record waits until the other goes too.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from macpu.people.models import Person, PersonKind

_CHUNK = 500

# Rows that only link two records: they go with either end.
LINK_TABLES = frozenset(
    {"people.Relationship", "people.ProbableDuplicate", "events.EventMove", "chronology.SameFactSplit"}
)
# An adult's own details: an adult whose only remaining rows are these is named nowhere else and goes too.
ADULT_OWN_TABLES = frozenset(
    {
        "people.PersonName",
        "people.Identifier",
        "people.Address",
        "people.PersonLink",
        "people.ProbableDuplicate",
        "people.SearchKey",
    }
)

Model = type[models.Model]


@dataclass
class Collection:
    rows: dict[Model, set[object]] = field(default_factory=lambda: defaultdict(set))
    shared_with_kept: set[str] = field(default_factory=set)
    kept_children: set[object] = field(default_factory=set)  # whose kept records those rows also belong to

    def add(self, model: Model, pks: Iterable[object]) -> set[object]:
        new = set(pks) - self.rows[model]
        self.rows[model] |= new
        return new

    def counts(self) -> dict[str, int]:
        return {model._meta.label: len(pks) for model, pks in sorted(self.rows.items(), key=_label) if pks}

    def tables(self) -> set[str]:
        return {model._meta.label for model, pks in self.rows.items() if pks}


def _label(item: tuple[Model, object]) -> str:
    return item[0]._meta.label


def _chunks(values: Iterable[object]) -> Iterable[list[object]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _pointing_at(model: Model) -> list[models.ForeignObjectRel]:
    """Every one-to-many or one-to-one relation from any model to this one, hidden ones (related_name="+") too."""
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if isinstance(relation, models.ForeignObjectRel) and (relation.one_to_many or relation.one_to_one)
    ]


def collect(*roots: models.Model) -> Collection:
    """The roots and every row that refers to them, or to a row that does, transitively. A reference that is set
    to null when its target goes (an event answering one of this child's events) is left to the database."""
    collection = Collection()
    queue: list[tuple[Model, set[object]]] = [(type(root), collection.add(type(root), [root.pk])) for root in roots]
    while queue:
        model, pks = queue.pop()
        for relation in _pointing_at(model):
            if relation.on_delete is models.SET_NULL:
                continue
            related: Model = relation.related_model
            found: set[object] = set()
            for chunk in _chunks(pks):
                lookup = {f"{relation.field.name}__in": chunk}
                found |= set(related._base_manager.filter(**lookup).values_list("pk", flat=True))
            new = collection.add(related, found)
            if new:
                queue.append((related, new))
    _mark_shared(collection)
    return collection


def _child_owned(model: Model) -> bool:
    """A model whose rows each belong to one child's record: it has a `child` key to a person."""
    try:
        key = model._meta.get_field("child")
    except Exception:  # FieldDoesNotExist: not a child's row
        return False
    return isinstance(key, models.ForeignKey) and key.related_model is Person


def _mark_shared(collection: Collection) -> None:
    """Note each table with a row that also belongs to a kept record: it points at a row of another child's record
    that is not being disposed of."""
    for model, pks in list(collection.rows.items()):
        if model._meta.label in LINK_TABLES or not pks:
            continue
        for key in model._meta.concrete_fields:
            target = key.related_model if isinstance(key, models.ForeignKey) else None
            if target is None or target is model or not _child_owned(target):
                continue
            going = collection.rows.get(target, set())
            for chunk in _chunks(pks):
                values = set(model._base_manager.filter(pk__in=chunk).values_list(key.attname, flat=True))
                kept = {value for value in values if value is not None and value not in going}
                if kept:
                    collection.shared_with_kept.add(model._meta.label)
                    owners = target._base_manager.filter(pk__in=kept).values_list("child_id", flat=True)
                    collection.kept_children |= set(owners)


def named_elsewhere(collection: Collection) -> tuple[set[object], set[object]]:
    """The adults and agencies' source records that rows of the collection name (the adults in the child's events,
    their relatives): once the collection is gone, those named by nothing else go too."""
    people: set[object] = set()
    sources: set[object] = set()
    for model, pks in collection.rows.items():
        for key in model._meta.concrete_fields:
            if not isinstance(key, models.ForeignKey) or key.related_model is None:
                continue
            label = key.related_model._meta.label
            if label not in {"people.Person", "people.SourceRecord"}:
                continue
            bucket = people if label == "people.Person" else sources
            for chunk in _chunks(pks):
                bucket |= set(model._base_manager.filter(pk__in=chunk).values_list(key.attname, flat=True))
    people -= collection.rows.get(Person, set())
    return {pk for pk in people if pk is not None}, {pk for pk in sources if pk is not None}


def orphan_collection(root: models.Model) -> Collection | None:
    """The root with its own details, when nothing else refers to it (an adult named only in a disposed record, an
    agency's person record linked only to it); None when something still does."""
    if isinstance(root, Person) and root.kind != PersonKind.ADULT:
        return None
    collection = collect(root)
    allowed = ADULT_OWN_TABLES | {root._meta.label}
    return collection if collection.tables() <= allowed else None


def delete_order(collection: Collection) -> list[Model]:
    """The collected models, each before every model it points at, so no protected key is ever left dangling."""
    models_ = [model for model, pks in collection.rows.items() if pks]
    before: dict[Model, set[Model]] = {model: set() for model in models_}
    for model in models_:
        for key in model._meta.concrete_fields:
            target = key.related_model if isinstance(key, models.ForeignKey) else None
            if target in before and target is not model:
                before[target].add(model)  # model goes before target
    ordered: list[Model] = []
    while before:
        ready = sorted((m for m, waiting in before.items() if not waiting - set(ordered)), key=lambda m: m._meta.label)
        if not ready:
            raise RuntimeError("the record's tables refer to each other in a cycle; disposal would need a new rule")
        for model in ready:
            ordered.append(model)
            del before[model]
    return ordered


def delete(collection: Collection) -> None:
    for model in delete_order(collection):
        for chunk in _chunks(collection.rows[model]):
            model._base_manager.filter(pk__in=chunk).delete()
