"""Optimistic concurrency: an edit names the version it was made to, and a stale edit is refused."""

from collections.abc import Sequence

from django.db.models import F

from macpu.core import clock
from macpu.core.errors import StaleEdit
from macpu.core.models import VersionedModel


def save_versioned(instance: VersionedModel, *, expected_version: int, fields: Sequence[str]) -> None:
    """Write `fields` only if the stored version is still `expected_version`, and bump it.

    The compare-and-set is one UPDATE, so two editors of the same version cannot both win.
    """
    model = type(instance)
    values = {field: getattr(instance, field) for field in fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=F("version") + 1, updated_at=clock.now()
    )
    if updated == 0:
        current = model._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        raise StaleEdit(current_version=current or 0)
    instance.version = expected_version + 1
