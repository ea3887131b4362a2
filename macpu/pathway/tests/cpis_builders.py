"""Plan events for the CP-IS tests, sent as children's social care would send them, at a chosen moment."""

import datetime as dt
from typing import Any

import time_machine

from macpu.core.actor import Actor
from macpu.events.services.recording import RecordOutcome
from macpu.events.tests.builders import MAISIE, feed_event, record
from macpu.people.models import Identifier, IdentifierScheme

DAY_ONE = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

MAISIE_VERIFIED = {**MAISIE, "nhs_number": "9990000026", "nhs_number_verified": True}
TOM_UNTRACED = {"given_name": "Tom", "family_name": "Pike", "date_of_birth": "2020-01-02", "sex": "male"}
# The feed has no `nhs_number_verified` for a mother: her number arrives unverified (see `mother_traced`).
LUCY_HILL = {"given_name": "Lucy", "family_name": "Hill", "date_of_birth": "1998-10-04", "nhs_number": "9990000042"}
UNBORN_HILL = {"unborn": True, "expected_date": "2027-02-20", "mother": LUCY_HILL}


def plan_event(
    record_id: str,
    type: str,
    plan_type: str,
    occurred_at: str,
    subject: dict[str, Any],
    org: str = "873",
    **details: str,
) -> dict[str, Any]:
    return feed_event(
        record_id, org, type, occurred_at=occurred_at, subject=subject, details={"plan_type": plan_type, **details}
    )


def received_at(when: dt.datetime, actor: Actor, *payloads: dict[str, Any]) -> list[RecordOutcome]:
    """Record the events as received at `when`."""
    with time_machine.travel(when, tick=False):
        return [record(actor, payload) for payload in payloads]


def mother_traced(nhs_number: str) -> None:
    """The mother's NHS number traced against the national demographics service (no service records it yet)."""
    Identifier.objects.filter(scheme=IdentifierScheme.NHS_NUMBER, value=nhs_number).update(verified=True)
