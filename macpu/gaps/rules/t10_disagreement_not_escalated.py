"""T10 Failure to challenge or escalate: a professional disagreement left open at one stage.

Brief section 6, T10 [Tees-Challenge][NSPCC-FamilyM], 2.6, R52 and R53: partnerships escalate a disagreement from
practitioner to manager, senior manager and partnership stage; one left unresolved at a stage beyond the locally
set number of working days (for example 5) prompts the next stage, to the managers of both organisations.

A disagreement is a chain of `disagreement` events: each names the decision disputed in `ref` (or the earlier
disagreement event it follows), and carries its `stage` and `status` (raised, escalated, resolved). The chain is
open while its latest event is not `resolved`; its clock starts at the first event at the stage it has reached.
The prompt to let a practitioner record "concern not addressed" against a decision is the forms' job, not a rule's.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from macpu.core.dates import in_words
from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit

STAGES = ("practitioner", "manager", "senior_manager", "partnership")
STAGE_NAMES = {
    "practitioner": "practitioner",
    "manager": "manager",
    "senior_manager": "senior manager",
    "partnership": "partnership",
}
TYPE_NAMES = {
    "referral_decision": "decision on a referral",
    "strategy_discussion": "strategy discussion",
    "section_47_outcome": "section 47 outcome",
    "assessment_completed": "assessment",
    "conference": "conference",
    "case_closed": "case closure",
    "plan_ended": "ending of the plan",
}


@dataclass(frozen=True)
class DisagreementNotEscalated:
    id: str = "T10"
    name: str = "Disagreement not resolved or escalated"
    version: int = 1
    source: str = "Brief section 6, T10 [Tees-Challenge][NSPCC-FamilyM]; 2.6; R52, R53"
    thresholds: tuple[Threshold, ...] = (
        Threshold(
            "working_days_at_stage", 5, "Working days a disagreement may stay open at one stage", Unit.WORKING_DAYS
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        findings = []
        for chain in _chains(facts).values():
            finding = self._check(facts, thresholds, chain)
            if finding is not None:
                findings.append(finding)
        return findings

    def _check(self, facts: ChildFacts, thresholds: Thresholds, chain: list[GapRecord]) -> Finding | None:
        latest = chain[-1]
        if latest.details.get("status") == "resolved":
            return None
        stage = str(latest.details.get("stage", ""))
        at_stage = _since_stage_reached(chain, stage)
        days = int(thresholds["working_days_at_stage"])
        due = facts.calendar.add(at_stage.occurred_on, days)
        if facts.as_of <= due:
            return None
        explanation = (
            f"{_what(chain[0], facts)} has been open at {STAGE_NAMES.get(stage, stage or 'an unknown')} stage since "
            f"{at_stage.on} ({at_stage.by}), more than {days} working days: it was due to be resolved or escalated "
            f"by {in_words(due)}. {_next_step(stage)}"
        )
        recipients = (Recipient.RECORDING_SAFEGUARDING_LEAD, Recipient.DUTY_MANAGER)
        evidence = _with_disputed(chain, facts)
        return Finding(self.id, self.version, due + dt.timedelta(days=1), evidence, explanation, recipients)


def _chains(facts: ChildFacts) -> dict[str, list[GapRecord]]:
    """The child's disagreements, each the events that follow one another about one decision, oldest first."""
    chains: dict[str, list[GapRecord]] = defaultdict(list)
    for record in sorted(facts.own("disagreement"), key=lambda r: (r.occurred_on, r.recorded_at)):
        chains[_root(record, facts)].append(record)
    return chains


def _root(record: GapRecord, facts: ChildFacts) -> str:
    """What a disagreement is about: the decision disputed, reached through any earlier disagreement it follows."""
    seen = {record.id}
    while record.ref:
        earlier = facts.record(record.ref)
        if earlier is None or earlier.type != "disagreement" or earlier.id in seen:
            return f"ref:{record.ref}"
        seen.add(earlier.id)
        record = earlier
    return f"own:{record.org}:{record.details.get('about') or record.id}"


def _since_stage_reached(chain: list[GapRecord], stage: str) -> GapRecord:
    """The first event of the run at the stage the disagreement is at now."""
    first = chain[-1]
    for record in reversed(chain):
        if record.details.get("stage") != stage:
            break
        first = record
    return first


def _disputed(chain: list[GapRecord], facts: ChildFacts) -> GapRecord | None:
    refs = [r.ref for r in chain if r.ref]
    found = [facts.record(ref) for ref in refs]
    return next((r for r in found if r is not None and r.type != "disagreement"), None)


def _with_disputed(chain: list[GapRecord], facts: ChildFacts) -> tuple[GapRecord, ...]:
    """The chain, and the decision disputed when macpu holds it (so both organisations' leads are told)."""
    disputed = _disputed(chain, facts)
    return (disputed, *chain) if disputed is not None else tuple(chain)


def _what(first: GapRecord, facts: ChildFacts) -> str:
    about = str(first.details.get("about") or "")
    quoted = f' ("{about}")' if about else ""
    disputed = _disputed([first], facts)
    if disputed is None:
        return f"A disagreement {first.by} raised on {first.on}{quoted}"
    kind = TYPE_NAMES.get(disputed.type, disputed.type.replace("_", " "))
    return f"A disagreement {first.by} raised on {first.on} with the {kind} of {disputed.on} by {disputed.by}{quoted}"


def _next_step(stage: str) -> str:
    if stage in STAGES[:-1]:
        following = STAGES[STAGES.index(stage) + 1]
        return f"Escalate it to {STAGE_NAMES[following]} stage, telling the managers of both organisations."
    if stage == STAGES[-1]:
        return "It is at the last stage of the escalation procedure: the partnership must resolve it."
    return "Record its stage and escalate it, telling the managers of both organisations."


RULE = DisagreementNotEscalated()
