"""T9 Referrer not told the outcome: a professional who refers must hear what was decided.

Brief section 6, T9 [Millbrook-KCSIE][NSCB-Ack], R12 and R13: within 1 working day of receipt the referral is
decided and acknowledged (WT2023), and a professional referrer is told the outcome within 1 working day of the
decision. The rule reads the referrals of the child's pathway (`facts.case.referrals`, each with its decision and
feedback) and counts working days on `facts.calendar`. A referral with no decision 1 working day after receipt
cannot have been told its outcome, so it is flagged too; feedback recorded before the decision was only an
acknowledgement. The finding holds until the feedback is recorded.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.core.dates import in_words
from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit
from macpu.pathway.rules.case import Referral

OUTCOMES = {
    "no_further_action": "no further action",
    "signposted": "signposted",
    "early_help": "early help",
    "assessment": "an assessment",
    "strategy_discussion": "a strategy discussion",
}


@dataclass(frozen=True)
class ReferrerNotTold:
    id: str = "T9"
    name: str = "Referrer not told the outcome"
    version: int = 1
    source: str = "Brief section 6, T9 [Millbrook-KCSIE][NSCB-Ack]; R12, R13"
    thresholds: tuple[Threshold, ...] = (
        Threshold(
            "decision_working_days", 1, "Working days after receipt by which the referral is decided", Unit.WORKING_DAYS
        ),
        Threshold(
            "feedback_working_days",
            1,
            "Working days after the decision by which the referrer is told it",
            Unit.WORKING_DAYS,
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        findings = []
        for referral in facts.case.referrals:
            received = facts.record(referral.record.id)
            if not referral.professional or received is None:
                continue
            finding = self._check(facts, thresholds, referral, received)
            if finding is not None:
                findings.append(finding)
        return findings

    def _check(
        self, facts: ChildFacts, thresholds: Thresholds, referral: Referral, received: GapRecord
    ) -> Finding | None:
        decision = facts.record(referral.decision.id) if referral.decision else None
        if decision is None:
            due = facts.calendar.add(received.occurred_on, int(thresholds["decision_working_days"]))
            if facts.as_of <= due:
                return None
            what = f"no decision has been recorded (due by {in_words(due)}), so the referrer cannot have been told it"
            return self._finding(received, (received,), due, what, facts)
        told = referral.feedback
        if told is not None and told.occurred_on >= decision.occurred_on:
            return None
        due = facts.calendar.add(decision.occurred_on, int(thresholds["feedback_working_days"]))
        if facts.as_of <= due:
            return None
        outcome = OUTCOMES.get(str(decision.details.get("outcome", "")), "an outcome")
        what = f"it was decided on {decision.on} ({outcome}) and the referrer was to be told by {in_words(due)}"
        return self._finding(received, (received, decision), due, what, facts)

    def _finding(
        self, received: GapRecord, evidence: tuple[GapRecord, ...], due: dt.date, what: str, facts: ChildFacts
    ) -> Finding:
        explanation = (
            f"The professional referrer ({_referrer(received, facts)}) has not been told the outcome of the referral "
            f"{received.by} received on {received.on}: {what}."
        )
        arose_on = due + dt.timedelta(days=1)
        return Finding(self.id, self.version, arose_on, evidence, explanation, (Recipient.DUTY_MANAGER,))


def _referrer(received: GapRecord, facts: ChildFacts) -> str:
    """'Jo Bell, school nurse, Hillside Primary School': whatever the referral says of who made it."""
    details = received.details
    code = str(details.get("referrer_org") or "")
    org = next((r.org_name for r in facts.records if code and r.org == code), code)
    parts = [str(details.get(key) or "") for key in ("referrer_name", "referrer_role")] + [org]
    return ", ".join(part for part in parts if part) or "not named"


RULE = ReferrerNotTold()
