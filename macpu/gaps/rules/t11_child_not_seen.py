"""T11 Voice of the child: a child not seen, or not seen alone, by those deciding about them.

Brief section 6, T11 [CC-2022a], R24: an assessment or section 47 enquiry concluded with no record of the child
being seen (and seen alone where age-appropriate) since the referral; or a child on a child protection plan not
seen within the locally set interval (local procedures use 3 to 4 weeks; macpu's default is the shorter, as for
the pathway's visit reminder).

"Seen" is a `visit` with outcome `seen` or `seen_alone`, by any agency, on the child's own record. "Age-appropriate"
is a threshold, `seen_alone_from_age`, default 5: from statutory school age a child can usually talk with a
practitioner away from their carers (school staff already see them apart every day), while a younger child is
often seen with a carer and observed. Areas that expect younger, verbal children to be seen alone can lower it.
The concluded assessment or enquiry stays flagged (what was decided was decided without the child); the plan's
visit gap holds until the child is seen.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit, Whose
from macpu.pathway.rules.plans import PlanPeriod

SEEN = ("seen", "seen_alone")
OUTCOMES = {
    "not_seen": "not seen",
    "no_access": "no access",
    "refused": "refused",
    "cancelled_by_family": "cancelled by the family",
    "seen": "seen, not alone",
}
RECIPIENTS = (Recipient.LEAD_PRACTITIONER_MANAGER, Recipient.CONFERENCE_CHAIR)


@dataclass(frozen=True)
class ChildNotSeen:
    id: str = "T11"
    name: str = "Child not seen"
    version: int = 1
    source: str = "Brief section 6, T11 [CC-2022a]; R24"
    thresholds: tuple[Threshold, ...] = (
        Threshold("seen_alone_from_age", 5, "Age in years from which the child must also be seen alone", Unit.YEARS),
        Threshold(
            "visit_interval_days", 21, "Days a child on a child protection plan may go without being seen", Unit.DAYS
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        findings = [
            finding
            for referral, concluded, kind in _conclusions(facts)
            if (finding := self._concluded_unseen(facts, thresholds, referral, concluded, kind)) is not None
        ]
        plan_gap = self._plan_unseen(facts, thresholds)
        return findings if plan_gap is None else [*findings, plan_gap]

    def _concluded_unseen(
        self, facts: ChildFacts, thresholds: Thresholds, referral: GapRecord, concluded: GapRecord, kind: str
    ) -> Finding | None:
        visits = [v for v in _visits(facts) if referral.occurred_on <= v.occurred_on <= concluded.occurred_on]
        seen = [v for v in visits if v.details.get("outcome") in SEEN]
        age = facts.age_on(concluded.occurred_on)
        alone_needed = age is not None and age >= thresholds["seen_alone_from_age"]
        if seen and (not alone_needed or any(v.details.get("outcome") == "seen_alone" for v in seen)):
            return None
        head = f"The {kind} concluded on {concluded.on} ({concluded.by})"
        since = f"since the {'referral' if referral.type == 'referral' else 'strategy discussion'} of {referral.on}"
        if not seen:
            what = f"{head} with no visit {since} recording the child as seen"
        else:
            what = f"{head} without the child (aged {age}) being seen alone at any visit {since}"
        explanation = f"{what}{_attempts(visits)}."
        evidence = (referral, *visits, concluded)
        return Finding(self.id, self.version, concluded.occurred_on, evidence, explanation, RECIPIENTS)

    def _plan_unseen(self, facts: ChildFacts, thresholds: Thresholds) -> Finding | None:
        plan = _plan(facts)
        started = facts.record(plan.start_record) if plan else None
        if plan is None or started is None:
            return None
        seen = [v for v in _visits(facts) if v.details.get("outcome") in SEEN and v.occurred_on >= plan.started_on]
        last = seen[-1] if seen else None
        since = last.occurred_on if last else plan.started_on
        interval = int(thresholds["visit_interval_days"])
        if (facts.as_of - since).days <= interval:
            return None
        attempts = [v for v in _visits(facts) if v.occurred_on > since and v.details.get("outcome") not in SEEN]
        when = f"last seen on {last.on} ({last.by})" if last else f"not seen since the plan started on {started.on}"
        explanation = (
            f"The child has a child protection plan and was {when}: {(facts.as_of - since).days} days ago, longer "
            f"than the {interval} days allowed{_attempts(attempts)}."
        )
        evidence = (started, last) if last else (started,)
        arose_on = since + dt.timedelta(days=interval + 1)
        return Finding(self.id, self.version, arose_on, evidence, explanation, RECIPIENTS)


def _visits(facts: ChildFacts) -> list[GapRecord]:
    """Visits on the child's own record: a probable duplicate's visit may not have seen this child."""
    return [v for v in facts.own("visit") if v.whose is Whose.CHILD]


def _conclusions(facts: ChildFacts) -> list[tuple[GapRecord, GapRecord, str]]:
    """Each concluded assessment or section 47 enquiry, with the referral it followed."""
    found: dict[str, tuple[GapRecord, GapRecord, str]] = {}
    case = facts.case
    for assessment in case.assessments:
        referral, concluded = facts.record(assessment.referral.id), assessment.completed
        done = facts.record(concluded.id) if concluded else None
        if referral is not None and done is not None:
            kind = "section 47 enquiry" if done.type == "section_47_outcome" else "assessment"
            found[done.id] = (referral, done, kind)
    for enquiry in case.enquiries:
        done = facts.record(enquiry.outcome.id) if enquiry.outcome else None
        if done is None or done.id in found:
            continue
        earlier = [r.record for r in case.referrals if r.record.occurred_on <= enquiry.started_on]
        start = facts.record(earlier[-1].id if earlier else enquiry.discussions[0].id)
        if start is not None:
            found[done.id] = (start, done, "section 47 enquiry")
    # An enquiry's outcome concludes the assessment, whose own record may follow: flag the first conclusion only.
    first: dict[str, tuple[GapRecord, GapRecord, str]] = {}
    for conclusion in sorted(found.values(), key=lambda c: (c[1].occurred_on, c[1].recorded_at)):
        first.setdefault(conclusion[0].id, conclusion)
    return list(first.values())


def _plan(facts: ChildFacts) -> PlanPeriod | None:
    """The open child protection plan of a child already born (an unborn child cannot be visited)."""
    plan = facts.case.plans.open_of("child_protection", "unborn_child_protection")
    if plan is None:
        return None
    born = facts.born is not None and facts.born <= facts.as_of
    return plan if plan.plan_type == "child_protection" or born else None


def _attempts(visits: list[GapRecord]) -> str:
    unseen = [v for v in visits if v.details.get("outcome") != "seen_alone"]
    if not unseen:
        return ""
    listed = ", ".join(
        f"{v.on} by {v.by} ({OUTCOMES.get(str(v.details.get('outcome')), 'outcome unknown')})" for v in unseen
    )
    return f"; visits: {listed}"


RULE = ChildNotSeen()
