"""A pathway step as the pathway rules read it: one active event of a pathway type, without its free text.

The pathway is not stored apart from the events (ADR 0013): every step, whether recorded in macpu's
own forms or sent by an agency's system, is an event of the feed, and the pathway is worked out from
a child's events whenever it is read. This is the event as those rules need it, with nothing Django.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Every event type the pathway reads. The others (a GP appointment, a school's attendance) are the
# chronology's; the gap rules read those.
PATHWAY_TYPES: frozenset[str] = frozenset(
    {
        "referral",
        "referral_decision",
        "referrer_feedback",
        "strategy_discussion",
        "section_47_outcome",
        "assessment_completed",
        "conference",
        "core_group",
        "plan_started",
        "plan_ended",
        "allocation",
        "case_closed",
        "visit",
        "transfer_in_notified",
        "action_completed",
        "information_shared",
    }
)


@dataclass(frozen=True)
class StepRecord:
    """One event of the child's pathway.

    `id` is the event's id and `ref` the id of the event it answers (both as text, so that rules and
    tests need no database); `org` is the recording organisation's code.
    """

    id: str
    type: str
    org: str
    occurred_on: dt.date
    recorded_at: dt.datetime
    details: Mapping[str, Any] = field(default_factory=dict)
    occurred_at: dt.datetime | None = None
    ref: str | None = None
    record_id: str = ""  # the source's own id, for a new event's `ref` to name this one

    @property
    def order(self) -> tuple[dt.date, dt.datetime, str]:
        """The chronology's order: when it happened, then when it was recorded."""
        return (self.occurred_on, self.recorded_at, self.id)


def in_order(records: list[StepRecord] | tuple[StepRecord, ...]) -> list[StepRecord]:
    return sorted(records, key=lambda record: record.order)
