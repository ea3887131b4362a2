"""T4 Repeat referrals below threshold, cases closed too soon, "starting again".

Brief section 6, T4 [RCGP-SCR][ITV-Calendar-2022b]: many children in serious case reviews had cases "closed too
soon", and repeated referrals were each judged afresh. Two findings, both asking the duty manager to review the
chronology before the next decision:

- **Repeatedly below threshold**: at least 3 referrals (a "contact" is a referral in the feed) received in the
  12 calendar months up to the day evaluated, each decided "no further action" or "signposted".
- **Re-referred after closure**: a referral that reopened the child's case within 12 calendar months of its
  closure (`case_closed`), named as closed too soon when within 30 days. It is shown for 12 months after the
  re-referral.

Only the child's own referrals (and those on a probable duplicate's record) are counted; siblings' are T3's.
Closures and re-referrals are read from the pathway's episodes, so a probable duplicate's closure is not seen.
"""

from dataclasses import dataclass
from itertools import pairwise

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit
from macpu.gaps.rules.t03_community_concerns_dismissed import decision_of
from macpu.pathway.rules.calendar_months import add_months

BELOW_THRESHOLD = {"no_further_action": "no further action", "signposted": "signposted"}
RECIPIENTS = (Recipient.DUTY_MANAGER,)
REVIEW = "Review the chronology before deciding."


@dataclass(frozen=True)
class RepeatReferrals:
    id: str = "T4"
    name: str = "Repeat referrals and re-referral after closure"
    version: int = 1
    source: str = "Brief section 6, T4 [RCGP-SCR][ITV-Calendar-2022b]"
    thresholds: tuple[Threshold, ...] = (
        Threshold("window_months", 12, "The period looked back over, in calendar months", Unit.MONTHS),
        Threshold("closed_referrals", 3, "Referrals ending with no further action or signposting"),
        Threshold(
            "rereferral_months", 12, "A referral within this many calendar months of the case's closure", Unit.MONTHS
        ),
        Threshold(
            "closed_too_soon_days", 30, "A referral within this many days of closure: closed too soon", Unit.DAYS
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        findings = []
        repeated = self._repeated(facts, thresholds)
        if repeated is not None:
            findings.append(repeated)
        findings.extend(self._rereferrals(facts, thresholds))
        return findings

    def _repeated(self, facts: ChildFacts, thresholds: Thresholds) -> Finding | None:
        months = int(thresholds["window_months"])
        closed: list[tuple[GapRecord, GapRecord]] = []
        for referral in facts.own("referral"):
            decision = decision_of(facts, referral)
            recent = add_months(referral.occurred_on, months) > facts.as_of
            if recent and decision is not None and decision.details.get("outcome") in BELOW_THRESHOLD:
                closed.append((referral, decision))
        if not closed or len(closed) < thresholds["closed_referrals"]:
            return None
        listing = ", ".join(f"{r.on} by {r.by} ({BELOW_THRESHOLD[str(d.details['outcome'])]})" for r, d in closed)
        explanation = (
            f"{len(closed)} referrals in {months} months each ended with no further action or signposting: "
            f"{listing}. {REVIEW}"
        )
        evidence = sorted(
            {r.id: r for pair in closed for r in pair}.values(), key=lambda r: (r.occurred_on, r.recorded_at)
        )
        arose_on = max(decision.occurred_on for _, decision in closed)
        return Finding(self.id, self.version, arose_on, tuple(evidence), explanation, RECIPIENTS)

    def _rereferrals(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        episodes = facts.case.episodes
        findings = []
        for before, after in pairwise(episodes):
            closure = facts.record(before.closed_by.id) if before.closed_by else None
            referral = facts.record(after.opened_by.id)
            if closure is None or referral is None or referral.type != "referral":
                continue
            shown = add_months(referral.occurred_on, int(thresholds["window_months"])) > facts.as_of
            days = (referral.occurred_on - closure.occurred_on).days
            soon = days <= thresholds["closed_too_soon_days"]
            within = referral.occurred_on <= add_months(closure.occurred_on, int(thresholds["rereferral_months"]))
            if shown and (soon or within):
                findings.append(self._rereferral(referral, closure, days, soon))
        return findings

    def _rereferral(self, referral: GapRecord, closure: GapRecord, days: int, soon: bool) -> Finding:
        after = f"{'only ' if soon else ''}{days} day{'' if days == 1 else 's'} after"
        explanation = (
            f"Referred again on {referral.on} ({referral.by}), {after} the case was closed on {closure.on} "
            f"by {closure.by}{': it may have been closed too soon' if soon else ''}. {REVIEW}"
        )
        return Finding(self.id, self.version, referral.occurred_on, (closure, referral), explanation, RECIPIENTS)


RULE = RepeatReferrals()
