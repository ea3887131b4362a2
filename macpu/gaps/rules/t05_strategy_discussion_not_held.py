"""T5 Strategy discussion not held when it should have been.

Brief section 6, T5 [CC-2022a][WP-2022a]: Arthur's case. A referral whose concern is on the area's list of
significant harm indicators, decided "no further action", "signposted", "early help" or "assessment" (section 17),
or closed with no decision, with no strategy discussion held after it (before the child's next referral) and no
manager's rationale for that (a `rationale` on a decision with `manager_reviewed`). The finding ends when a
strategy discussion is held.

The list of indicators is configured as switches (1 on, 0 off), so an area can add categories: by default physical
abuse with an injury, sexual abuse, and a police incident recorded as a crime against the child. A police incident
is tied to the first referral from the same police force received within `police_referral_days` of it (macpu's
default, 7 days: the police notify children's social care of an offence against a child at once).
"""

import datetime as dt
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit
from macpu.pathway.rules.case import Referral

CATEGORIES = ("physical_abuse", "sexual_abuse", "emotional_abuse", "neglect", "domestic_abuse", "exploitation")
ON_BY_DEFAULT = frozenset({"physical_abuse_with_injury", "sexual_abuse", "crime_against_child"})
ROUTED = {
    "no_further_action": "no further action",
    "signposted": "signposted",
    "early_help": "early help",
    "assessment": "an assessment (section 17)",
}


def _switch(name: str, what: str) -> Threshold:
    return Threshold(
        f"indicator_{name}",
        int(name in ON_BY_DEFAULT),
        f"1 to treat {what} as a significant harm indicator",
        Unit.SWITCH,
    )


@dataclass(frozen=True)
class StrategyDiscussionNotHeld:
    id: str = "T5"
    name: str = "Strategy discussion not held"
    version: int = 1
    source: str = "Brief section 6, T5 [CC-2022a][WP-2022a]"
    thresholds: tuple[Threshold, ...] = (
        _switch("physical_abuse_with_injury", "a referral about physical abuse with an injury"),
        _switch("crime_against_child", "a police incident recorded as a crime against the child"),
        *(_switch(c, f"a referral about {c.replace('_', ' ')}") for c in CATEGORIES),
        Threshold(
            "police_referral_days", 7, "Days from a police incident to the police's referral about it", Unit.DAYS
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        findings = []
        referrals = facts.case.referrals
        for index, referral in enumerate(referrals):
            record = facts.record(referral.record.id)
            later = referrals[index + 1] if index + 1 < len(referrals) else None
            if record is None or _discussed(facts, referral, later):
                continue
            incidents = _police_incidents(facts, record, thresholds)
            indicators = _indicators(record, thresholds) + [
                f"a crime against the child reported by {i.org_name} on {i.on}" for i in incidents
            ]
            ending = _ending(facts, referral)
            if indicators and ending is not None and not _manager_rationale(ending):
                findings.append(self._finding(record, ending, indicators, incidents))
        return findings

    def _finding(
        self, referral: GapRecord, ending: GapRecord, indicators: list[str], incidents: list[GapRecord]
    ) -> Finding:
        if ending.type == "case_closed":
            what = f"the case was closed on {ending.on} with no decision recorded"
        else:
            what = f"it was decided {ROUTED[str(ending.details.get('outcome'))]} on {ending.on}"
        explanation = (
            f"The referral received on {referral.on} by {referral.by} was about {' and '.join(indicators)}, "
            f"a sign of significant harm, but {what}, with no strategy discussion held and no manager's "
            "rationale recorded."
        )
        evidence = (*incidents, referral, ending)
        recipients = (Recipient.DUTY_MANAGER, Recipient.MACPU)
        return Finding(self.id, self.version, ending.occurred_on, evidence, explanation, recipients)


def _indicators(referral: GapRecord, thresholds: Thresholds) -> list[str]:
    categories = [str(c) for c in referral.details.get("categories", ())]
    found = []
    injured = "physical_abuse" in categories and referral.details.get("injury")
    if injured and thresholds["indicator_physical_abuse_with_injury"]:
        found.append("physical abuse with an injury")
        categories.remove("physical_abuse")
    found.extend(c.replace("_", " ") for c in categories if c in CATEGORIES and thresholds.get(f"indicator_{c}", 0))
    return found


def _police_incidents(facts: ChildFacts, referral: GapRecord, thresholds: Thresholds) -> list[GapRecord]:
    """Crimes against the child the police reported in this referral: their incidents in the days before it."""
    if not thresholds["indicator_crime_against_child"]:
        return []
    days = dt.timedelta(days=int(thresholds["police_referral_days"]))
    return [
        incident
        for incident in facts.own("police_incident")
        if incident.details.get("crime_against_child")
        and incident.org == referral.details.get("referrer_org")
        and incident.occurred_on <= referral.occurred_on <= incident.occurred_on + days
    ]


def _discussed(facts: ChildFacts, referral: Referral, later: Referral | None) -> bool:
    """Whether a strategy discussion was held after the referral, before the child's next referral."""
    return any(
        d.record.order > referral.record.order and (later is None or d.record.order < later.record.order)
        for d in facts.case.discussions
    )


def _ending(facts: ChildFacts, referral: Referral) -> GapRecord | None:
    """The decision that routed the referral away from a strategy discussion, or the closure that ended it undecided."""
    if referral.decision is not None:
        return facts.record(referral.decision.id) if referral.outcome in ROUTED else None
    closures = [
        e.closed_by
        for e in facts.case.episodes
        if e.closed_by is not None and e.opened_by.order <= referral.record.order < e.closed_by.order
    ]
    return facts.record(closures[0].id) if closures else None


def _manager_rationale(ending: GapRecord) -> bool:
    """A rationale a manager stands behind: reviewed on a decision, signed off on a closure."""
    signed = ending.details.get("manager_reviewed") or ending.details.get("manager_sign_off")
    return bool(str(ending.details.get("rationale", "")).strip()) and bool(signed)


RULE = StrategyDiscussionNotHeld()
