"""Who a child lives with on a given date, from relationships with from/to dates (R7)."""

import datetime as dt
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class DatedRelationship:
    relative_id: uuid.UUID
    type: str
    lives_with: bool
    valid_from: dt.date | None
    valid_to: dt.date | None

    def in_force_on(self, on: dt.date) -> bool:
        """Open-ended at either end; the end date is the last day in force."""
        started = self.valid_from is None or self.valid_from <= on
        not_ended = self.valid_to is None or on <= self.valid_to
        return started and not_ended


def household_on(relationships: list[DatedRelationship], on: dt.date) -> list[DatedRelationship]:
    """The relationships that put someone in the child's household on the date, one per person."""
    members: dict[uuid.UUID, DatedRelationship] = {}
    for relationship in relationships:
        if relationship.lives_with and relationship.in_force_on(on):
            members.setdefault(relationship.relative_id, relationship)
    return list(members.values())
