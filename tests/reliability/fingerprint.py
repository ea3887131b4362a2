"""A fingerprint of the whole database: what an import may change, and what a failed one must leave as it was.

Every table's row count (`apps.get_models`, many-to-many tables included), the sum of every edit version (so an
update that adds no row still shows), and the audit chain's head.
"""

from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Sum

from macpu.audit.verification import AuditHead, audit_head


@dataclass(frozen=True)
class Fingerprint:
    rows: dict[str, int]
    versions: dict[str, int]
    head: AuditHead

    def minus(self, before: "Fingerprint") -> "Delta":
        """What changed since `before`, as counts: only the tables that changed."""
        rows = Counter(self.rows)
        rows.subtract(before.rows)
        versions = Counter(self.versions)
        versions.subtract(before.versions)
        return Delta(
            rows={table: n for table, n in rows.items() if n},
            versions={table: n for table, n in versions.items() if n},
        )


@dataclass(frozen=True)
class Delta:
    rows: dict[str, int]
    versions: dict[str, int]

    def plus(self, **tables: int) -> "Delta":
        """This change and a few more rows, named by model label (`events.QuarantinedLine=1`)."""
        rows = Counter(self.rows)
        for label, n in tables.items():
            rows[apps.get_model(label.replace("__", "."))._meta.db_table] += n
        return Delta(rows={table: n for table, n in rows.items() if n}, versions=dict(self.versions))


def _tables() -> list[type[models.Model]]:
    seen: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen[meta.db_table] = model
    return [seen[table] for table in sorted(seen)]


def _versioned(model: type[models.Model]) -> bool:
    try:
        return isinstance(model._meta.get_field("version"), models.IntegerField)
    except FieldDoesNotExist:
        return False


def fingerprint() -> Fingerprint:
    rows: dict[str, int] = {}
    versions: dict[str, int] = {}
    for model in _tables():
        table = model._meta.db_table
        rows[table] = model._base_manager.count()
        if _versioned(model):
            versions[table] = model._base_manager.aggregate(total=Sum("version"))["total"] or 0
    return Fingerprint(rows, versions, audit_head())
