"""Rows a batch of work creates, written together at its end: one INSERT per model instead of one per row.

Outside `together()` every row is written at once, so the same service code serves a
single form submission and a 250-line feed batch. Inside it, rows wait in memory until
the block ends (or until `flush`, for a rare step that must read them back from the
database). The code that defers rows is the code that must answer questions about them
from memory meanwhile; `is_pending` and `save` help it treat waiting rows correctly.
Foreign keys are checked at commit on both databases, so the order of the INSERTs
within the transaction does not matter.
"""

import contextlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from django.db import models
from django.utils import timezone

from macpu.core.database import insert_rows

Row = TypeVar("Row", bound=models.Model)


class DeferredInserts:
    def __init__(self) -> None:
        self._waiting: dict[type[models.Model], list[models.Model]] | None = None
        self._ids: set[uuid.UUID] = set()
        # Changes to rows already written, by model and the fields changed: one UPDATE statement each at the end.
        self._changed: dict[tuple[type[models.Model], tuple[str, ...]], dict[object, models.Model]] = {}

    @property
    def deferring(self) -> bool:
        return self._waiting is not None

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """Defer the rows created inside the block; write them when it ends without an error."""
        self._waiting, self._ids, self._changed = {}, set(), {}
        try:
            yield
            self.flush()
            self._write_changes()
        finally:
            self._waiting, self._ids, self._changed = None, set(), {}

    def add(self, row: Row) -> Row:
        if self._waiting is None:
            row.save(force_insert=True)
        else:
            self._waiting.setdefault(type(row), []).append(row)
            self._ids.add(row.pk)
        return row

    def is_pending(self, row: models.Model) -> bool:
        return row.pk in self._ids

    def save(self, row: models.Model, fields: Sequence[str]) -> None:
        """Save changed fields: a waiting row already carries them, and is written whole later."""
        if not self.is_pending(row):
            row.save(update_fields=[*fields, "updated_at"] if hasattr(row, "updated_at") else fields)

    def save_later(self, row: models.Model, fields: Sequence[str]) -> None:
        """Save changed fields with the batch's other writes, for a row the batch never reads back from the
        database (it keeps the row itself in memory); at once outside `together()`."""
        if self._waiting is None or self.is_pending(row):
            self.save(row, fields)
            return
        names = (*fields, "updated_at") if hasattr(row, "updated_at") else tuple(fields)
        self._changed.setdefault((type(row), names), {})[row.pk] = row

    def _write_changes(self) -> None:
        now = timezone.now()
        for (model, names), rows in self._changed.items():
            if "updated_at" in names:
                for row in rows.values():
                    row.updated_at = now  # type: ignore[attr-defined]  # checked by `names`
            model._default_manager.bulk_update(list(rows.values()), list(names))

    def pending(self, model: type[Row]) -> list[Row]:
        if self._waiting is None:
            return []
        return self._waiting.get(model, [])  # type: ignore[return-value]  # keyed by the rows' own type

    def discard(self, model: type[models.Model], drop: Callable[[models.Model], bool]) -> None:
        """Forget waiting rows of `model` that a later step replaces."""
        if self._waiting is not None and model in self._waiting:
            rows = self._waiting[model]
            dropped = {row.pk for row in rows if drop(row)}
            self._ids -= dropped
            self._waiting[model] = [row for row in rows if row.pk not in dropped]

    def flush(self, *models: type[models.Model]) -> None:
        """Write waiting rows now, of these models or of all: for a rare step that reads them through the database."""
        if not self._waiting:
            return
        for model in models or tuple(self._waiting):
            rows = self._waiting.pop(model, [])
            insert_rows(model, rows)
            self._ids -= {row.pk for row in rows}
