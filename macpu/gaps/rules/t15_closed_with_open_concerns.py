"""T15 Case closed with open concerns: closing while others are still worried.

Brief section 6, T15 [ITV-Calendar-2022b]: closure while another agency recorded a concern in the last 30 days,
or while a family or community referral from the last 90 days is unresolved, requires a manager's sign-off
stating each was considered. The feed records the closure, not the request for it, so the rule reads the
`case_closed` that ended the child's latest episode: without `manager_sign_off` and a `rationale` it is flagged
with what was open. A concern is another organisation's `concern` record, or any of its records it marked
safeguarding-relevant; a referral is unresolved when it had no decision by the closure, or its decision started an
assessment not completed by then; "family or community" is every referrer who is not a professional. The finding
holds while the case stays closed.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit, Whose
from macpu.pathway.rules.case import Referral

TYPE_NAMES = {
    "concern": "a concern",
    "police_incident": "a police incident",
    "unscheduled_care": "an unscheduled care attendance",
    "health_appointment": "a health appointment",
}


@dataclass(frozen=True)
class ClosedWithOpenConcerns:
    id: str = "T15"
    name: str = "Case closed with open concerns"
    version: int = 1
    source: str = "Brief section 6, T15 [ITV-Calendar-2022b]"
    thresholds: tuple[Threshold, ...] = (
        Threshold("concern_days", 30, "Days before the closure in which another agency's concern counts", Unit.DAYS),
        Threshold(
            "referral_days", 90, "Days before the closure in which a family or community referral counts", Unit.DAYS
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        episodes = facts.case.episodes
        last = episodes[-1].closed_by if episodes else None
        closure = facts.record(last.id) if last else None
        if closure is None or _signed_off(closure):
            return []
        concerns = _concerns(facts, closure, int(thresholds["concern_days"]))
        referrals = _unresolved(facts, closure, int(thresholds["referral_days"]))
        if not concerns and not referrals:
            return []
        open_items = [f"{TYPE_NAMES.get(r.type, 'a safeguarding record')} on {r.on} by {r.by}" for r in concerns] + [
            f"a referral from {_referrer(r)} received on {r.on}, {why}" for r, why in referrals
        ]
        explanation = (
            f"{closure.by} closed the case on {closure.on} {_sign_off(closure)} stating that these were "
            f"considered: {'; '.join(open_items)}."
        )
        evidence = (closure, *concerns, *(r for r, _ in referrals))
        recipients = (Recipient.LEAD_PRACTITIONER_MANAGER,)
        return [Finding(self.id, self.version, closure.occurred_on, evidence, explanation, recipients)]


def _signed_off(closure: GapRecord) -> bool:
    return closure.details.get("manager_sign_off") is True and bool(str(closure.details.get("rationale") or "").strip())


def _sign_off(closure: GapRecord) -> str:
    if closure.details.get("manager_sign_off") is True:
        return "with a manager's sign-off but no rationale"
    return "without a manager's sign-off"


def _concerns(facts: ChildFacts, closure: GapRecord, days: int) -> list[GapRecord]:
    since = closure.occurred_on - dt.timedelta(days=days)
    return [
        r
        for r in facts.own()
        if r.whose is Whose.CHILD
        and r.org != closure.org
        and since <= r.occurred_on <= closure.occurred_on
        and (r.type == "concern" or r.safeguarding_relevant)
    ]


def _unresolved(facts: ChildFacts, closure: GapRecord, days: int) -> list[tuple[GapRecord, str]]:
    since = closure.occurred_on - dt.timedelta(days=days)
    found = []
    for referral in facts.case.referrals:
        received = facts.record(referral.record.id)
        if referral.professional or received is None or not since <= received.occurred_on <= closure.occurred_on:
            continue
        why = _why_unresolved(facts, referral, closure.occurred_on)
        if why:
            found.append((received, why))
    return found


def _why_unresolved(facts: ChildFacts, referral: Referral, closed_on: dt.date) -> str:
    decision = referral.decision
    if decision is None or decision.occurred_on > closed_on:
        return "with no decision"
    assessment = next((a for a in facts.case.assessments if a.referral.id == referral.record.id), None)
    if assessment is not None and (assessment.completed is None or assessment.completed.occurred_on > closed_on):
        return "its assessment not completed"
    return ""


def _referrer(received: GapRecord) -> str:
    kind = str(received.details.get("referrer_type") or "")
    return {"self": "a parent or carer", "child": "the child", "anonymous": "an anonymous referrer"}.get(
        kind, f"a {kind}" if kind else "an unnamed referrer"
    )


RULE = ClosedWithOpenConcerns()
