"""This app's entries for the child's chronology: birth, moves and household changes.

Pure over a ChildProfile that the caller has already read through access.
"""

from macpu.core.contracts import ChronologyEntry
from macpu.people.selectors.children import ChildProfile


def entries_for_profile(profile: ChildProfile) -> list[ChronologyEntry]:
    entries: list[ChronologyEntry] = []
    child = profile.child
    if child.date_of_birth:
        entries.append(ChronologyEntry(child.date_of_birth, "birth", "Born", ""))
    for address in profile.addresses:
        if address.valid_from:
            source = address.recorded_by.name if address.recorded_by else ""
            entries.append(ChronologyEntry(address.valid_from, "address", f"Moved to {address.postcode}", source))
    for entry in profile.relatives:
        relationship = entry.relationship
        source = ", ".join(entry.recorded_by)
        role = relationship.get_type_display().lower()
        if relationship.lives_with and relationship.valid_from:
            entries.append(
                ChronologyEntry(
                    relationship.valid_from,
                    "household",
                    f"{relationship.relative.full_name} ({role}) joined the household",
                    source,
                )
            )
        if relationship.lives_with and relationship.valid_to:
            entries.append(
                ChronologyEntry(
                    relationship.valid_to,
                    "household",
                    f"{relationship.relative.full_name} ({role}) left the household",
                    source,
                )
            )
    return sorted(entries, key=lambda e: e.occurred_on, reverse=True)
