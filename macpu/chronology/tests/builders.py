"""A child whom four agencies know, for chronology tests (unit and browser)."""

from django.db import transaction

from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person

VERIFIED = {"nhs_number": "9990000026", "nhs_number_verified": True}
MOTHER = {"given_name": "Dawn", "family_name": "Whitmore", "date_of_birth": "1990-01-01", "role": "mother"}


def _subject() -> dict[str, object]:
    return {**feed_event("x", "x")["subject"], **VERIFIED}


def a_child_four_agencies_know(
    operator: Actor, council: Organisation, school: Organisation, police_force: Organisation, gp_practice: Organisation
) -> Person:
    """A child whom four agencies know: a school concern, a police incident (restricted) naming the mother,
    a GP appointment (sealed), and a council referral with its decision."""
    with transaction.atomic():
        return _recorded(operator, council, school, police_force, gp_practice)


def _recorded(
    operator: Actor, council: Organisation, school: Organisation, police_force: Organisation, gp_practice: Organisation
) -> Person:
    subject = _subject()
    record(operator, feed_event("CPOMS-1", school.code, subject=subject, occurred_at="2026-01-10", summary="Bruise"))
    record(
        operator,
        feed_event(
            "NBP-7",
            police_force.code,
            type="police_incident",
            subject=subject,
            occurred_at="2026-02-01T22:15:00+00:00",
            sensitivity="restricted",
            summary="Domestic incident, child present",
            people=[MOTHER],
            details={"domestic_abuse": True, "child_present": True},
        ),
    )
    record(
        operator,
        feed_event(
            "GP-3",
            gp_practice.code,
            type="health_appointment",
            subject=subject,
            occurred_at="2026-03-05",
            sensitivity="sealed",
            summary="Sexual health",
            details={"service": "gp", "outcome": "attended"},
        ),
    )
    record(
        operator,
        feed_event(
            "REF-1",
            council.code,
            type="referral",
            subject=subject,
            occurred_at="2026-04-01",
            details={"referrer_type": "professional", "referrer_org": school.code},
        ),
    )
    record(
        operator,
        feed_event(
            "DEC-1",
            council.code,
            type="referral_decision",
            subject=subject,
            occurred_at="2026-04-02",
            ref="REF-1",
            details={"outcome": "no_further_action"},
        ),
    )
    return Event.objects.get(record_id="REF-1").child


def occurrences_told_twice(
    operator: Actor, council: Organisation, school: Organisation, police_force: Organisation
) -> None:
    """Besides, for the same child: a police incident the school was told of (Operation Encompass), the school's
    note of February's restricted incident, and a strategy discussion that both council and police record."""
    incident = {"domestic_abuse": True, "child_present": True}
    with transaction.atomic():
        for payload in (
            feed_event(
                "NBP-9",
                police_force.code,
                type="police_incident",
                subject=_subject(),
                occurred_at="2026-05-10T21:00:00+01:00",
                details=incident,
            ),
            feed_event(
                "CPOMS-ENC-9",
                school.code,
                type="police_incident",
                subject=_subject(),
                occurred_at="2026-05-11",
                ref={"org": police_force.code, "record_id": "NBP-9"},
                summary="Operation Encompass notification",
                details=incident,
            ),
            feed_event(
                "CPOMS-ENC-7",
                school.code,
                type="police_incident",
                subject=_subject(),
                occurred_at="2026-02-02",
                ref={"org": police_force.code, "record_id": "NBP-7"},
                details=incident,
            ),
            feed_event("SD-1", council.code, type="strategy_discussion", subject=_subject(), occurred_at="2026-05-12"),
            feed_event(
                "NBP-SD-1", police_force.code, type="strategy_discussion", subject=_subject(), occurred_at="2026-05-12"
            ),
        ):
            record(operator, payload)
