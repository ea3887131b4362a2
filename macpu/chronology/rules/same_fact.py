"""When two agencies' records tell the same occurrence: the judgement, and the reason given for it.

A police domestic abuse incident notified to the school is recorded twice, by the police and by
the school. The chronology shows it once, with both sources, and says why it judged them the same.

Only occurrences that several agencies attend or are told of are joined: an incident, a hospital
attendance, a move, a change of household, a strategy discussion, a conference. Two agencies'
concerns on one day stay two entries: two professionals noticing something independently is itself
what a chronology must show. Records of one organisation are never joined (that organisation knows
whether they are one occurrence, and can retract one). A person who knows better splits a joining;
the split is kept and the rule never joins those two again.
"""

import datetime as dt
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from macpu.core.dates import in_words

# For each kind of occurrence that can be joined, the details two records of it must agree on.
SAME_FACT_TYPES: dict[str, tuple[str, ...]] = {
    "police_incident": ("domestic_abuse",),
    "unscheduled_care": ("setting",),
    "address_change": ("postcode",),
    "household_change": ("change",),
    "strategy_discussion": (),
    "conference": ("kind",),
}

# Two agencies' times of one occurrence differ: the police log the call, the school the notification.
CLOSE_IN_TIME = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Told:
    """One organisation's record of an occurrence, as the judgement needs it."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    org_name: str
    type: str
    what: str  # the entry's title, for the reason given
    occurred_on: dt.date
    occurred_at: dt.datetime | None
    recorded_at: dt.datetime
    ref_id: uuid.UUID | None
    agreed: tuple[object, ...]  # the values of the type's details in SAME_FACT_TYPES

    @property
    def order(self) -> tuple[dt.datetime, str]:
        return (self.recorded_at, str(self.id))


@dataclass(frozen=True)
class SameFact:
    """Records of one occurrence: the earliest recorded first. The reasons say why each other one was joined."""

    told: tuple[Told, ...]
    reasons: tuple[str, ...]

    @property
    def first(self) -> Told:
        return self.told[0]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def agreed_details(event_type: str, details: dict[str, object]) -> tuple[object, ...]:
    return tuple(details.get(name) for name in SAME_FACT_TYPES.get(event_type, ()))


def _minutes_apart(a: dt.datetime, b: dt.datetime) -> str:
    minutes = round(abs((a - b).total_seconds()) / 60)
    return "at the same time" if minutes == 0 else f"{minutes} minute{'s' if minutes != 1 else ''} apart"


def why_the_same(a: Told, b: Told) -> str | None:
    """Why two records tell one occurrence, or None when they may not be joined."""
    if a.organisation_id == b.organisation_id or a.type != b.type:
        return None
    if a.ref_id == b.id or b.ref_id == a.id:
        naming, named = (a, b) if a.ref_id == b.id else (b, a)
        return f"{naming.org_name}'s record names {named.org_name}'s record of it as its source."
    if a.type not in SAME_FACT_TYPES or a.occurred_on != b.occurred_on or a.agreed != b.agreed:
        return None
    if a.occurred_at is not None and b.occurred_at is not None:
        if abs(a.occurred_at - b.occurred_at) > CLOSE_IN_TIME:
            return None
        when = f"on {in_words(a.occurred_on)}, {_minutes_apart(a.occurred_at, b.occurred_at)}"
    else:
        when = f"on the same day, {in_words(a.occurred_on)}"
    return f"{a.org_name} and {b.org_name} both record “{a.what}” {when}."


def _pair(a: uuid.UUID, b: uuid.UUID) -> frozenset[uuid.UUID]:
    return frozenset((a, b))


def same_facts(told: Iterable[Told], split: Collection[frozenset[uuid.UUID]] = ()) -> list[SameFact]:
    """Join the records that tell one occurrence; a record joins the first group it matches and was not split from.

    Earliest recorded first, so the same records always make the same groups, and each group's first record is
    its earliest. Only groups of two or more records are returned.
    """
    groups: list[tuple[list[Told], list[str]]] = []
    for record in sorted(told, key=lambda t: t.order):
        for members, reasons in groups:
            if any(_pair(record.id, member.id) in split for member in members):
                continue
            reason = next((r for member in members if (r := why_the_same(member, record))), None)
            if reason is not None:
                members.append(record)
                reasons.append(reason)
                break
        else:
            groups.append(([record], []))
    return [SameFact(tuple(members), tuple(reasons)) for members, reasons in groups if len(members) > 1]
