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
        "conference_report",
        "information_shared",
    }
)


# Where a step falls among the steps of the same day.
SAME_DAY_ORDER: dict[str, int] = {
    "transfer_in_notified": 0,
    "referral": 1,
    "referral_decision": 2,
    "referrer_feedback": 3,
    "allocation": 3,
    "strategy_discussion": 4,
    "information_shared": 5,
    "action_completed": 5,
    "section_47_outcome": 6,
    "assessment_completed": 6,
    "conference_report": 6,
    "conference": 7,
    "plan_started": 8,
    "core_group": 9,
    "visit": 9,
    "plan_ended": 10,
    "case_closed": 11,
}


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
    def order(self) -> tuple[dt.date, int, dt.datetime, dt.datetime, str]:
        """The pathway's order: the day it happened, then, for steps on the same day, the order the pathway takes
        them in (a referral before its decision, a conference before the plan it makes), then the time.

        Sources often give a referral a date alone but its decision a time, or record the referral the next
        morning: the day and the step's place in the pathway are what they agree on.
        """
        moment = self.occurred_at or self.recorded_at
        return (self.occurred_on, SAME_DAY_ORDER.get(self.type, 5), moment, self.recorded_at, self.id)


def in_order(records: list[StepRecord] | tuple[StepRecord, ...]) -> list[StepRecord]:
    return sorted(records, key=lambda record: record.order)
