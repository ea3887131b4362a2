"""T7 Information held but not shared.

Brief section 6, T7 [WP-2022a][Hansard-2022]: barriers to sharing featured in almost half of all reviews. A record
another agency marks safeguarding-relevant is flagged, while it is still unshared, when:

- it was added during the section 47 enquiry or child protection plan open now and was not shared within
  `share_working_days` (1) working day of being added, or
- a strategy discussion or initial child protection conference in the open case was held while the agency held
  it, dated in the `meeting_lookback_days` (90) days before the meeting.

"Shared" is an `information_shared` (not a decision not to share) naming the record in `ref` and sent to the lead practitioner's organisation or
to children's social care, or the record's own `shared_with` naming one of them. "Another agency" is any but the
lead practitioner's; with no lead practitioner allocated, any but children's social care. A record is "added" on
the later of its date and the day (UK time) it was recorded. One finding per record, with the meetings held
without it: a further meeting is new evidence. It ends when the record is shared, even late, since the lead
practitioner then has it.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from macpu.core.dates import in_words
from macpu.events.rules.information_shared import is_disclosure
from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit
from macpu.organisations.rules.vocabulary import Sector
from macpu.pathway.rules.case import CHILD_PROTECTION_PLANS, Case

UK = ZoneInfo("Europe/London")
SOCIAL_CARE = Sector.SOCIAL_CARE.value
RECIPIENTS = (Recipient.RECORDING_SAFEGUARDING_LEAD, Recipient.LEAD_PRACTITIONER)


@dataclass(frozen=True)
class InformationNotShared:
    id: str = "T7"
    name: str = "Information held but not shared"
    version: int = 1
    source: str = "Brief section 6, T7 [WP-2022a][Hansard-2022]"
    thresholds: tuple[Threshold, ...] = (
        Threshold(
            "share_working_days", 1, "Working days to share a record with the lead practitioner", Unit.WORKING_DAYS
        ),
        Threshold(
            "meeting_lookback_days", 90, "Days before a strategy discussion or conference a record counts", Unit.DAYS
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        lead = facts.case.lead_practitioner()
        sectors = {r.org: r.sector for r in facts.records}
        receivers = {org for org, sector in sectors.items() if sector == SOCIAL_CARE} | ({lead.org} if lead else set())
        protected_since = _protected_since(facts.case, facts.as_of)
        meetings = _meetings(facts)
        findings = []
        for record in facts.own():
            from_other = record.org != lead.org if lead else record.sector != SOCIAL_CARE
            if not record.safeguarding_relevant or record.type == "information_shared" or not from_other:
                continue
            if _shared(facts, record, receivers):
                continue
            added = _added_on(record)
            due = facts.calendar.add(added, int(thresholds["share_working_days"]))
            late = protected_since is not None and added >= protected_since and facts.as_of > due
            lookback = dt.timedelta(days=int(thresholds["meeting_lookback_days"]))
            held = [m for m in meetings if added <= m.occurred_on and m.occurred_on - lookback < record.occurred_on]
            if late or held:
                findings.append(self._finding(record, due if late else None, held, lead.name if lead else ""))
        return findings

    def _finding(self, record: GapRecord, due: dt.date | None, held: list[GapRecord], lead: str) -> Finding:
        to = f"the lead practitioner ({lead})" if lead else "children's social care"
        explanation = f"{record.by}'s {record.type.replace('_', ' ')} of {record.on}, marked safeguarding-relevant, "
        explanation += f"has not been shared with {to}"
        if due is not None:
            explanation += (
                f" (due by {in_words(due)}, while the child is under a section 47 enquiry or protection plan)"
            )
        if held:
            explanation += "; " + " and ".join(f"the {_meeting(m)} on {m.on} went ahead without it" for m in held)
        arose = [*(m.occurred_on for m in held), *([due + dt.timedelta(days=1)] if due else [])]
        evidence = (record, *held)
        return Finding(self.id, self.version, max(arose), evidence, explanation + ".", RECIPIENTS)


def _meeting(record: GapRecord) -> str:
    return "strategy discussion" if record.type == "strategy_discussion" else "initial child protection conference"


def _added_on(record: GapRecord) -> dt.date:
    return max(record.occurred_on, record.recorded_at.astimezone(UK).date())


def _shared(facts: ChildFacts, record: GapRecord, receivers: set[str]) -> bool:
    if receivers & {str(o) for o in record.details.get("shared_with", ())}:
        return True
    return any(
        share.ref == record.id and receivers & {str(o) for o in share.details.get("with", ())}
        for share in facts.of_type("information_shared")
        if is_disclosure(share.details)
    )


def _meetings(facts: ChildFacts) -> list[GapRecord]:
    """Strategy discussions and initial conferences in the open case."""
    case = facts.case
    steps = [d.record for d in case.discussions] + [c for c in case.conferences if c.details.get("kind") == "initial"]
    found = [facts.record(s.id) for s in steps if case.in_open_episode(s)]
    return sorted((m for m in found if m is not None), key=lambda m: (m.occurred_on, m.recorded_at))


def _protected_since(case: Case, as_of: dt.date) -> dt.date | None:
    """The start of the run of section 47 enquiries and child protection plans open on `as_of`, if one is."""
    spans: list[tuple[dt.date, dt.date | None]] = [
        (p.started_on, p.ended_on) for p in case.plans.periods if p.plan_type in CHILD_PROTECTION_PLANS
    ]
    for enquiry in case.enquiries:
        if enquiry.initial_conference is not None:
            end: dt.date | None = enquiry.initial_conference.occurred_on
        elif enquiry.outcome is not None and enquiry.outcome.details.get("outcome") != "icpc_required":
            end = enquiry.outcome.occurred_on
        else:
            end = None  # open, or concluded needing a conference not yet held
        spans.append((enquiry.started_on, end))
    return _run_start(spans, as_of)


def _run_start(spans: list[tuple[dt.date, dt.date | None]], as_of: dt.date) -> dt.date | None:
    """Walk back from a span open on `as_of` through the spans that touch it."""
    current = [s for s in spans if s[0] <= as_of and (s[1] is None or s[1] > as_of)]
    if not current:
        return None
    start = min(s[0] for s in current)
    while True:
        earlier = [s[0] for s in spans if s[0] < start and s[1] is not None and s[1] >= start]
        if not earlier:
            return start
        start = min(earlier)


RULE = InformationNotShared()
