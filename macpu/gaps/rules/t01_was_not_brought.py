"""T1 Was not brought: children depend on adults to take them to appointments.

Brief section 6, T1 [RCGP-WNB][Sussex-WNB]: one missed appointment for a child on a plan should raise
concern, and the code is "was not brought", not "did not attend".
"""

import datetime as dt
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit, listed

CARER_CANCELLED = ("cancelled_by_carer", "rescheduled")


@dataclass(frozen=True)
class WasNotBrought:
    id: str = "T1"
    name: str = "Was not brought"
    version: int = 1
    source: str = "Brief section 6, T1 [RCGP-WNB][Sussex-WNB]"
    thresholds: tuple[Threshold, ...] = (
        Threshold("window_days", 90, "The period looked back over, in days", Unit.DAYS),
        Threshold("was_not_brought", 2, "Appointments the child was not brought to, across any health services"),
        Threshold("carer_cancellations", 3, "Appointments cancelled or rescheduled by the carer"),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        since = facts.as_of - dt.timedelta(days=int(thresholds["window_days"]))
        recent = [r for r in facts.own("health_appointment") if since < r.occurred_on <= facts.as_of]
        missed = [r for r in recent if r.details.get("outcome") == "was_not_brought"]
        cancelled = [r for r in recent if r.details.get("outcome") in CARER_CANCELLED]
        why_any = _why_one_is_enough(facts, missed)
        findings = []
        if missed and (why_any or len(missed) >= thresholds["was_not_brought"]):
            reason = (
                f"{why_any}: any missed appointment matters"
                if why_any
                else f"{len(missed)} in {thresholds['window_days']:.0f} days"
            )
            findings.append(
                self._finding(facts, missed, f"Not brought to {_count(missed)} ({reason}): {listed(missed)}.")
            )
        if len(cancelled) >= thresholds["carer_cancellations"]:
            findings.append(
                self._finding(
                    facts,
                    cancelled,
                    f"Carers cancelled or moved {_count(cancelled)} in {thresholds['window_days']:.0f} days: "
                    f"{listed(cancelled)}.",
                )
            )
        return findings

    def _finding(self, facts: ChildFacts, evidence: list[GapRecord], explanation: str) -> Finding:
        recipients = (Recipient.RECORDING_SAFEGUARDING_LEAD, Recipient.GP, Recipient.LEAD_PRACTITIONER)
        return Finding(self.id, self.version, evidence[-1].occurred_on, tuple(evidence), explanation, recipients)


def _count(records: list[GapRecord]) -> str:
    return "1 health appointment" if len(records) == 1 else f"{len(records)} health appointments"


def _why_one_is_enough(facts: ChildFacts, missed: list[GapRecord]) -> str:
    """Why a single missed appointment is enough: a plan or enquiry open, or a baby under one when not brought
    (a baby's missed review stays a baby's after the first birthday)."""
    case = facts.case
    if case.plans.open_of("child_protection", "unborn_child_protection"):
        return "the child has a child protection plan"
    if case.plans.open_of("child_in_need"):
        return "the child has a child in need plan"
    if case.open_enquiry() is not None:
        return "a section 47 enquiry is open"
    ages = [facts.age_on(record.occurred_on) for record in missed]
    if any(age is not None and age < 1 for age in ages):
        return "the child was under one"
    return ""


RULE = WasNotBrought()
