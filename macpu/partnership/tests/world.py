"""A small built world for the partnership's tests: Northbridge's four agencies and a month of their feed.

March 2026 in area 873:
- six children referred by the school: decided the same day to hold a strategy discussion, held the next day (the
  school invited but absent), the police completing their action on time, then an initial conference 15 working
  days later to which the GP sent a report; the GP answered a request for information in 2 working days;
- five children referred by their family, each referred before in June 2025 (re-referrals), decided 2 working days
  later (over the 1-day timescale): no further action;
- one child referred by the police on 25 March, still awaiting a decision (a count of 1: suppressed);
- five disagreements raised by the school at the practitioner stage, one of them escalated to the manager.
"""

import json
from dataclasses import dataclass

from macpu.core.actor import Actor
from macpu.events.services.importing import feed_import
from macpu.organisations.models import Area, Organisation
from tests.factories import AreaFactory, fake, next_nhs_number

CSC, POLICE, GP, SCHOOL = "873", "NBP", "Y01001", "123456"


@dataclass(frozen=True)
class World:
    area: Area
    lines: int


def _subject() -> dict[str, object]:
    return {
        "nhs_number": next_nhs_number(),
        "nhs_number_verified": True,
        "given_name": fake.first_name_female(),
        "family_name": fake.last_name(),
        "date_of_birth": "2018-05-14",
    }


def _event(org: str, record_id: str, kind: str, day: str, subject: dict[str, object], **extra: object) -> str:
    return json.dumps(
        {"record_id": record_id, "org": org, "type": kind, "occurred_at": day, "subject": subject, **extra}
    )


def _school_referred(n: int) -> list[str]:
    subject = _subject()
    everyone = [CSC, POLICE, GP, SCHOOL]
    attending = [{"org": CSC}, {"org": POLICE}, {"org": GP}]
    sd = f"SD-{n}"
    return [
        _event(
            CSC,
            f"REF-S{n}",
            "referral",
            "2026-03-02",
            subject,
            details={"referrer_type": "professional", "referrer_org": SCHOOL},
        ),
        _event(
            CSC,
            f"DEC-S{n}",
            "referral_decision",
            "2026-03-02",
            subject,
            ref=f"REF-S{n}",
            details={"outcome": "strategy_discussion"},
        ),
        _event(
            CSC,
            sd,
            "strategy_discussion",
            "2026-03-03",
            subject,
            details={
                "invited": everyone,
                "attendees": attending,
                "outcome": "section_47",
                "actions": [{"id": "checks", "action": "Police checks", "org": POLICE, "due": "2026-03-05"}],
            },
        ),
        _event(
            POLICE,
            f"ACT-{n}",
            "action_completed",
            "2026-03-04",
            subject,
            ref={"org": CSC, "record_id": sd},
            details={"action_id": "checks"},
        ),
        _event(
            GP,
            f"SHARE-{n}",
            "information_shared",
            "2026-03-06",
            subject,
            ref={"org": CSC, "record_id": sd},
            details={"with": [CSC], "lawful_basis": "public_task", "requested_on": "2026-03-04"},
        ),
        _event(GP, f"RPT-{n}", "conference_report", "2026-03-20", subject, details={"kind": "initial"}),
        _event(
            CSC,
            f"ICPC-{n}",
            "conference",
            "2026-03-24",
            subject,
            details={"kind": "initial", "invited": everyone, "attendees": attending},
        ),
    ]


def _family_referred(n: int) -> list[str]:
    subject = _subject()
    family = {"referrer_type": "family"}
    return [
        _event(CSC, f"REF-F{n}-OLD", "referral", "2025-06-02", subject, details=family),
        _event(
            CSC,
            f"DEC-F{n}-OLD",
            "referral_decision",
            "2025-06-02",
            subject,
            ref=f"REF-F{n}-OLD",
            details={"outcome": "signposted"},
        ),
        _event(CSC, f"REF-F{n}", "referral", "2026-03-10", subject, details=family),
        _event(
            CSC,
            f"DEC-F{n}",
            "referral_decision",
            "2026-03-12",
            subject,
            ref=f"REF-F{n}",
            details={"outcome": "no_further_action"},
        ),
        _event(
            SCHOOL,
            f"DIS-{n}",
            "disagreement",
            "2026-03-13",
            subject,
            ref={"org": CSC, "record_id": f"DEC-F{n}"},
            details={"stage": "practitioner", "status": "raised"},
        ),
    ]


def build_world(organisations: list[Organisation]) -> World:
    area = AreaFactory()
    area.organisations.add(*organisations)
    lines = [line for n in range(6) for line in _school_referred(n)]
    lines += [line for n in range(5) for line in _family_referred(n)]
    subject = _subject()
    lines.append(
        _event(
            CSC,
            "REF-P1",
            "referral",
            "2026-03-25",
            subject,
            details={"referrer_type": "professional", "referrer_org": POLICE},
        )
    )
    escalated = json.loads(lines[-2])
    lines.append(
        json.dumps(
            escalated
            | {
                "record_id": "DIS-0-ESC",
                "occurred_at": "2026-03-20",
                "details": {"stage": "manager", "status": "escalated"},
            }
        )
    )
    imported = feed_import(actor=Actor.operator("test"), lines=list(enumerate(lines, start=1)), source="world.jsonl")
    assert imported.bad_lines == 0, [str(problem) for problem in imported.problems]
    return World(area, len(lines))
