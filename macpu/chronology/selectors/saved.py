"""The saved versions of a child's chronology as a list: names, dates and authors, no content.

For selectors that have already let the actor see the child (the chronology page, the versions API).
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from macpu.chronology.models import ChronologyVersion
from macpu.chronology.selectors.entries import role_label


@dataclass(frozen=True)
class VersionSummary:
    id: uuid.UUID
    name: str
    saved_at: dt.datetime
    author_name: str
    author_role: str
    organisation: str
    record_count: int
    filters: list[tuple[str, str]]


def version_summary(version: ChronologyVersion) -> VersionSummary:
    return VersionSummary(
        version.id,
        version.name,
        version.created_at,
        version.author_name,
        role_label(version.author_role),
        version.organisation.name,
        version.record_count,
        [(str(name), str(value)) for name, value in version.filters],
    )


def saved_versions(child_id: uuid.UUID) -> list[VersionSummary]:
    """Newest first."""
    versions = ChronologyVersion.objects.filter(child_id=child_id).select_related("organisation")
    return [version_summary(version) for version in versions]
