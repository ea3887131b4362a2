"""Builders of ChildFacts for the rules' tests: records as an agency would send them, the case folded from them."""

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from macpu.gaps.rules.base import ChildFacts, GapRecord, HouseholdAdult, Mention, Registered, Whose
from macpu.pathway.rules.case import case_of
from macpu.pathway.rules.records import PATHWAY_TYPES, StepRecord
from macpu.workingdays.rules.bank_holidays import bank_holiday_calendar

ENGLAND = bank_holiday_calendar()
SECTORS = {"873": "social_care", "NBP": "police", "Y01001": "health", "RNB": "health", "123456": "education"}
NAMES = {
    "873": "Northbridge Children's Services",
    "NBP": "Northbridge Police",
    "Y01001": "Riverside Medical Practice",
    "RNB": "Northbridge Hospitals",
    "123456": "Hillside Primary School",
}
_ids = itertools.count(1)


def rec(
    event_type: str,
    day: dt.date,
    /,
    org: str = "873",
    *,
    ref: str | None = None,
    whose: Whose = Whose.CHILD,
    people: tuple[Mention, ...] = (),
    safeguarding_relevant: bool = False,
    subject_name: str = "",
    **details: Any,
) -> GapRecord:
    number = next(_ids)
    return GapRecord(
        id=f"e{number}",
        org=org,
        org_name=NAMES.get(org, org),
        sector=SECTORS.get(org, "health"),
        record_id=f"{org}-{number}",
        type=event_type,
        occurred_on=day,
        recorded_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC) + dt.timedelta(seconds=number),
        details=details,
        safeguarding_relevant=safeguarding_relevant,
        people=people,
        ref=ref,
        whose=whose,
        subject_name=subject_name,
    )


def facts(
    records: list[GapRecord],
    as_of: dt.date,
    *,
    born: dt.date | None = dt.date(2019, 3, 27),
    household: tuple[HouseholdAdult, ...] = (),
    gp_org: str = "Y01001",
    organisations: Mapping[str, Registered] | None = None,
) -> ChildFacts:
    """The child's facts as at `as_of`: only what occurred by then, the pathway folded from the child's own steps."""
    known = sorted((r for r in records if r.occurred_on <= as_of), key=lambda r: (r.occurred_on, r.recorded_at))
    steps = [
        StepRecord(r.id, r.type, r.org, r.occurred_on, r.recorded_at, r.details, ref=r.ref, record_id=r.record_id)
        for r in known
        if r.type in PATHWAY_TYPES and r.whose is Whose.CHILD
    ]
    return ChildFacts(
        child_id="child-1",
        born=born,
        as_of=as_of,
        calendar=ENGLAND,
        records=tuple(known),
        case=case_of(steps),
        household=household,
        gp_org=gp_org,
        organisations=organisations or {},
    )
