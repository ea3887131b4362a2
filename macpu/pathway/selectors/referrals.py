"""A referring organisation follows its referrals: received, decided (and what), and whether it was told (R13)."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core.actor import Actor
from macpu.events.models import Event, EventStatus
from macpu.pathway.rules.case import Referral, case_of
from macpu.pathway.selectors.records import records_of_children
from macpu.people.models import Person

OUTCOME_LABELS = {
    "no_further_action": "No further action",
    "signposted": "Signposted to other services",
    "early_help": "Early help",
    "assessment": "A child and family assessment",
    "strategy_discussion": "A strategy discussion",
}


@dataclass(frozen=True)
class ReferralMade:
    child_id: uuid.UUID
    child_name: str
    received_on: dt.date
    decided_on: dt.date | None
    outcome: str
    told_on: dt.date | None

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, self.outcome) if self.outcome else "Waiting for a decision"

    def as_dict(self) -> dict[str, object]:
        return {
            "child_id": self.child_id,
            "child_name": self.child_name,
            "received_on": self.received_on,
            "decided_on": self.decided_on,
            "outcome": self.outcome,
            "outcome_label": self.outcome_label,
            "told_on": self.told_on,
        }


def _made(referral: Referral, child: Person) -> ReferralMade:
    return ReferralMade(
        child_id=child.id,
        child_name=child.full_name,
        received_on=referral.record.occurred_on,
        decided_on=referral.decision.occurred_on if referral.decision else None,
        outcome=referral.outcome,
        told_on=referral.feedback.occurred_on if referral.feedback else None,
    )


def referrals_made(*, actor: Actor, limit: int = 500) -> list[ReferralMade]:
    """The referrals the actor's organisation made, newest first, with where each stands.

    A referrer knows the child it referred, so each is listed whether or not the organisation is still
    involved; only the decision and feedback are shown, and each child listed is audited.
    """
    code = actor.organisation_code
    if not code:
        return []
    with transaction.atomic():
        ids = set(
            Event.objects.filter(type="referral", status=EventStatus.ACTIVE, details__referrer_org=code)
            .order_by("-occurred_on")
            .values_list("id", flat=True)[:limit]
        )
        child_ids = set(Event.objects.filter(id__in=ids).values_list("child_id", flat=True))
        children = {child.id: child for child in Person.objects.filter(id__in=child_ids)}
        made = [
            _made(referral, children[child_id])
            for child_id, rows in records_of_children(child_ids).items()
            for referral in case_of(rows).referrals
            if uuid.UUID(referral.record.id) in ids
        ]
        for child_id in sorted(child_ids, key=str):
            trail.record(
                actor=actor,
                action=AuditAction.REFERRALS_FOLLOWED,
                target_type="child",
                target_id=child_id,
                child_id=child_id,
            )
    return sorted(made, key=lambda r: (r.received_on, r.child_name), reverse=True)
