"""T14 Disguised compliance, avoidance, no access: visits in a row that do not get in.

Brief section 6, T14 [ITV-2022][Sussex-WNB]: 2 or more consecutive no-access or refused visits, by any agencies,
within 30 days, for a child with an open section 47 enquiry, child protection plan or child in need plan. A visit
cancelled by the family counts as one that did not get in. The run is the child's latest visits that did not get
in, with no visit between them that did (any other outcome, `not_seen` included, breaks it); the finding holds
until a visit gets in or the enquiry and plans have ended. The core group is told through the lead practitioner;
the agencies turned away are told through their safeguarding leads.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit

NO_ACCESS = {"no_access": "no access", "refused": "refused", "cancelled_by_family": "cancelled by the family"}


@dataclass(frozen=True)
class NoAccess:
    id: str = "T14"
    name: str = "No access"
    version: int = 1
    source: str = "Brief section 6, T14 [ITV-2022][Sussex-WNB]"
    thresholds: tuple[Threshold, ...] = (
        Threshold("visits", 2, "Consecutive visits by any agencies that did not get in"),
        Threshold("window_days", 30, "Days within which they fall", Unit.DAYS),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        why = _open_work(facts)
        run = _trailing_run(facts.own("visit"))
        if not why or not run:
            return []
        since = run[-1].occurred_on - dt.timedelta(days=int(thresholds["window_days"]))
        recent = [v for v in run if v.occurred_on >= since]
        if len(recent) < thresholds["visits"]:
            return []
        explanation = (
            f"{len(recent)} visits in a row did not get in to see the child within "
            f"{thresholds['window_days']:g} days, while {why} is open: "
            + ", ".join(f"{v.on} by {v.by} ({NO_ACCESS[str(v.details.get('outcome'))]})" for v in recent)
            + ". Consider with the core group whether the family is avoiding agencies."
        )
        recipients = (
            Recipient.LEAD_PRACTITIONER,
            Recipient.LEAD_PRACTITIONER_MANAGER,
            Recipient.RECORDING_SAFEGUARDING_LEAD,
        )
        return [Finding(self.id, self.version, recent[-1].occurred_on, tuple(recent), explanation, recipients)]


def _trailing_run(visits: list[GapRecord]) -> list[GapRecord]:
    """The latest visits that did not get in, back to the last one that did."""
    run: list[GapRecord] = []
    for visit in reversed(visits):
        if visit.details.get("outcome") not in NO_ACCESS:
            break
        run.insert(0, visit)
    return run


def _open_work(facts: ChildFacts) -> str:
    case = facts.case
    if case.plans.open_of("child_protection", "unborn_child_protection"):
        return "a child protection plan"
    if case.open_enquiry() is not None:
        return "a section 47 enquiry"
    if case.plans.open_of("child_in_need"):
        return "a child in need plan"
    return ""


RULE = NoAccess()
