"""T2 Hidden or unknown adults: an adult around the child whom children's social care does not know or has not checked.

Brief section 6, T2 [Fatherhood-2021][BBC-2022]: "The Myth of Invisible Men" found services focus on mothers, and
Star's mother's partner's history was never checked. While the child has an open section 47 enquiry, assessment,
child in need plan or child protection plan, an adult any agency records as living with the child (or as a
parent's partner) who is not on children's social care's household composition, or has no police or agency checks
recorded, is flagged; so is an adult who joins the household during a plan, checked or not.

The household (`facts.household`) is what the engine worked out from every agency's records; the evidence is,
for each organisation that recorded the adult in the household, its first such record since the adult's stay
began, and any `household_change` that shows the adult joining during the plan. A further record from the same
organisation is not new evidence; a record from another organisation is.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.core.dates import in_words
from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, HouseholdAdult, Recipient, Threshold, Thresholds

HOUSEHOLD_ROLES = frozenset({"household_member", "parent_partner"})
RELATIONSHIPS = {
    "parent_partner": "a parent's partner",
    "household_member": "a household member",
    "mother": "the mother",
    "father": "the father",
    "relative": "a relative",
    "sibling": "a sibling",
}


@dataclass(frozen=True)
class OpenWork:
    """Why the child's household matters now, and since when."""

    what: str
    since: dt.date
    is_plan: bool = False


@dataclass(frozen=True)
class HiddenAdults:
    id: str = "T2"
    name: str = "Hidden or unknown adults"
    version: int = 1
    source: str = "Brief section 6, T2 [Fatherhood-2021][BBC-2022]"
    thresholds: tuple[Threshold, ...] = ()

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        work = _open_work(facts)
        if work is None:
            return []
        findings = []
        for adult in facts.household:
            if not adult.present_on(facts.as_of):
                continue
            unknown = [
                reason
                for reason, holds in (
                    ("is not on children's social care's household composition", not adult.known_to_social_care),
                    ("has no police or agency checks recorded", not adult.checked),
                )
                if holds
            ]
            joined = _joined_during(facts, adult, work.since) if work.is_plan else []
            evidence = _household_records(facts, adult, joined)
            if not evidence or not (unknown or joined):
                continue
            findings.append(self._finding(adult, work, unknown, joined, evidence))
        return findings

    def _finding(
        self,
        adult: HouseholdAdult,
        work: OpenWork,
        unknown: list[str],
        joined: list[GapRecord],
        evidence: list[GapRecord],
    ) -> Finding:
        explanation = f"{adult.name or 'An adult'} ({RELATIONSHIPS.get(adult.relationship, 'an adult')})"
        others = ", ".join(f"{r.by} on {r.on}" for r in evidence if r not in joined)
        if joined:
            explanation += (
                f" joined the household on {joined[-1].on} (recorded by {joined[-1].by}), "
                f"during the {work.what} that started on {in_words(work.since)}"
            )
            if unknown:
                explanation += ", and " + " and ".join(unknown)
            if others:
                explanation += f"; also recorded in the household by {others}"
        else:
            explanation += f", recorded in the child's household by {others}, " + " and ".join(unknown)
            explanation += f", while {'an' if work.what[0] in 'aeiou' else 'a'} {work.what} is open"
        recipients = (Recipient.LEAD_PRACTITIONER, Recipient.MACPU_POLICE)
        arose_on = max(evidence[-1].occurred_on, work.since)
        return Finding(self.id, self.version, arose_on, tuple(evidence), explanation + ".", recipients)


def _open_work(facts: ChildFacts) -> OpenWork | None:
    """The open work that makes an unknown adult matter, the most serious first: plan, enquiry, assessment."""
    case = facts.case
    for plan_type, what in (
        ("child_protection", "child protection plan"),
        ("unborn_child_protection", "unborn child protection plan"),
        ("child_in_need", "child in need plan"),
    ):
        plan = case.plans.open_of(plan_type)
        if plan is not None:
            return OpenWork(what, plan.started_on, is_plan=True)
    enquiry = case.open_enquiry()
    if enquiry is not None:
        return OpenWork("section 47 enquiry", enquiry.started_on)
    assessments = [a for a in case.assessments if a.completed is None and case.in_open_episode(a.referral)]
    if assessments:
        return OpenWork("assessment", assessments[-1].referral.occurred_on)
    return None


def _names(record: GapRecord, adult: HouseholdAdult) -> bool:
    return any(m.person_id == adult.person_id for m in record.people)


def _joined_during(facts: ChildFacts, adult: HouseholdAdult, plan_started: dt.date) -> list[GapRecord]:
    return [
        r
        for r in facts.own("household_change")
        if r.details.get("change") == "joined" and _names(r, adult) and r.occurred_on >= plan_started
    ]


def _household_records(facts: ChildFacts, adult: HouseholdAdult, joined: list[GapRecord]) -> list[GapRecord]:
    """Each organisation's first record placing the adult in the household since their stay began, and the joins."""
    first: dict[str, GapRecord] = {}
    for record in facts.own():
        if adult.since is not None and record.occurred_on < adult.since:
            continue
        in_household = (
            record.details.get("change") == "joined"
            if record.type == "household_change"
            else any(m.person_id == adult.person_id and m.role in HOUSEHOLD_ROLES for m in record.people)
        )
        if in_household and _names(record, adult):
            first.setdefault(record.org, record)
    chosen = {r.id: r for r in [*first.values(), *joined]}
    return sorted(chosen.values(), key=lambda r: (r.occurred_on, r.recorded_at))


RULE = HiddenAdults()
