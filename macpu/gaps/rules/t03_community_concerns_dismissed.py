"""T3 Concerns from relatives or the community not acted on, or dismissed as malicious.

Brief section 6, T3 [CC-2022b][ITV-2022]: relatives of both Arthur and Star raised concerns that were closed, and
some were dismissed as malicious. Two findings:

- **Repeated and closed**: at least 2 referrals from family, friends, neighbours or anonymous referrers about
  the child or a brother or sister, received within the 6 calendar months up to the day evaluated, each decided
  "no further action". One finding per set of such referrals: a new referral closed the same way is new evidence.
- **Called malicious without review**: any referral decision about the child or a sibling marked malicious
  without a recorded manager review. It lasts until the decision is re-sent with `manager_reviewed`.

A child's own referral is matched to its decision by the pathway (`facts.case`); a sibling's or a probable
duplicate's by the decision's `ref`. The brief also asks for multi-agency checks before a referral is called
malicious: the feed has no record of such checks on a referral, so only the manager review is looked for.
"""

from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit, Whose
from macpu.pathway.rules.calendar_months import add_months

REFERRERS = {
    "family": "a family member",
    "friend": "a friend",
    "neighbour": "a neighbour",
    "anonymous": "an anonymous referrer",
}
OTHER_REFERRERS = {"professional": "a professional", "self": "the family themselves", "child": "the child"}
RECIPIENTS = (Recipient.DUTY_MANAGER, Recipient.MACPU)


@dataclass(frozen=True)
class CommunityConcernsDismissed:
    id: str = "T3"
    name: str = "Concerns from relatives or the community not acted on"
    version: int = 1
    source: str = "Brief section 6, T3 [CC-2022b][ITV-2022]"
    thresholds: tuple[Threshold, ...] = (
        Threshold("window_months", 6, "The period looked back over, in calendar months", Unit.MONTHS),
        Threshold(
            "closed_referrals",
            2,
            "Referrals from family, friends, neighbours or anonymous referrers, about the child or a sibling, "
            "each closed with no further action",
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        decided = [(r, decision_of(facts, r)) for r in facts.of_type("referral")]
        findings = []
        closed = self._closed(facts, thresholds, decided)
        if closed is not None:
            findings.append(closed)
        for referral, decision in decided:
            if (
                decision is not None
                and decision.details.get("malicious")
                and not decision.details.get("manager_reviewed")
            ):
                findings.append(_malicious(self, referral, decision))
        return findings

    def _closed(
        self, facts: ChildFacts, thresholds: Thresholds, decided: list[tuple[GapRecord, GapRecord | None]]
    ) -> Finding | None:
        months = int(thresholds["window_months"])
        closed = [
            (referral, decision)
            for referral, decision in decided
            if referral.details.get("referrer_type") in REFERRERS
            and add_months(referral.occurred_on, months) > facts.as_of
            and decision is not None
            and decision.details.get("outcome") == "no_further_action"
        ]
        if not closed or len(closed) < thresholds["closed_referrals"]:
            return None
        listing = ", ".join(f"{r.on} {_from(r)}" for r, _ in closed)
        explanation = (
            f"{len(closed)} referrals from family or community in {months} months were each closed with "
            f"no further action: {listing}."
        )
        evidence = sorted(
            {r.id: r for pair in closed for r in pair}.values(), key=lambda r: (r.occurred_on, r.recorded_at)
        )
        arose_on = max(decision.occurred_on for _, decision in closed)
        return Finding(self.id, self.version, arose_on, tuple(evidence), explanation, RECIPIENTS)


def decision_of(facts: ChildFacts, referral: GapRecord) -> GapRecord | None:
    """The decision on a referral: the pathway's match for the child's own, the decision's `ref` for the others'."""
    if referral.whose is Whose.CHILD:
        step = next((r.decision for r in facts.case.referrals if r.record.id == referral.id), None)
        return facts.record(step.id) if step is not None else None
    answers = [r for r in facts.of_type("referral_decision") if r.ref == referral.id]
    return answers[-1] if answers else None


def _from(referral: GapRecord) -> str:
    who = REFERRERS.get(str(referral.details.get("referrer_type")), "a referrer")
    return f"by {who}" + _whose(referral)


def _whose(record: GapRecord) -> str:
    if record.whose is Whose.SIBLING:
        return f" (about {record.subject_name}, a sibling)"
    if record.whose is Whose.DUPLICATE:
        return f" (the record of '{record.subject_name}', if that is this child)"
    return ""


def _malicious(rule: CommunityConcernsDismissed, referral: GapRecord, decision: GapRecord) -> Finding:
    kind = str(referral.details.get("referrer_type"))
    referrer = REFERRERS.get(kind) or OTHER_REFERRERS.get(kind, "a referrer")
    explanation = (
        f"The referral of {referral.on}{_whose(referral)}, from {referrer}, was recorded as malicious by "
        f"{decision.org_name} on {decision.on} with no manager review recorded."
    )
    return Finding(rule.id, rule.version, decision.occurred_on, (referral, decision), explanation, RECIPIENTS)


RULE = CommunityConcernsDismissed()
