"""T8 Domestic abuse or perpetrator history not assessed.

Brief section 6, T8 [BBC-2022][CC-2022b]: Star's case. An adult linked to the child (named in `people` on any of
the child's records) has a domestic abuse or violence history (`adult_history` of kind domestic abuse, violence,
restraining order, non-molestation order or MARAC), and the child's latest assessment or section 47 enquiry
concluded (`assessment_completed` or `section_47_outcome`) with no sign the history was weighed, that is none of:

- checks on that adult (`checks_completed` naming them) on or before the day it concluded;
- the concluding record itself naming the adult in its `people`;
- the history shared with the concluding organisation (`information_shared` with `ref` to it, not a decision not to
  share) by then.

One finding per adult. It lasts until a later assessment or enquiry concludes having weighed it (or is
acknowledged). Police domestic abuse incidents are not read as an adult's history: the feed does not say who in
an incident was the victim and who the perpetrator.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.events.rules.information_shared import is_disclosure
from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Mention, Recipient, Threshold, Thresholds

KINDS = {
    "domestic_abuse": "domestic abuse",
    "violence": "violence",
    "restraining_order": "a restraining order",
    "non_molestation_order": "a non-molestation order",
    "marac": "a MARAC referral",
}
CONCLUSIONS = ("assessment_completed", "section_47_outcome")
ROLES = {"parent_partner": "a parent's partner", "mother": "the mother", "father": "the father"}


@dataclass(frozen=True)
class DomesticAbuseNotAssessed:
    id: str = "T8"
    name: str = "Domestic abuse history not assessed"
    version: int = 1
    source: str = "Brief section 6, T8 [BBC-2022][CC-2022b]"
    thresholds: tuple[Threshold, ...] = ()

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        conclusions = facts.own(*CONCLUSIONS)
        if not conclusions:
            return []
        concluded = conclusions[-1]
        linked = {m.person_id for r in facts.own() for m in r.people}
        histories: dict[str, list[tuple[Mention, GapRecord]]] = {}
        for record in facts.of_type("adult_history"):
            if record.details.get("kind") in KINDS:
                for person in record.people:
                    if person.person_id in linked:
                        histories.setdefault(person.person_id, []).append((person, record))
        return [
            self._finding(held[0][0], [r for _, r in held], concluded)
            for person_id, held in histories.items()
            if not _weighed(facts, person_id, [r for _, r in held], concluded)
        ]

    def _finding(self, adult: Mention, history: list[GapRecord], concluded: GapRecord) -> Finding:
        who = f"{adult.name or 'An adult'}" + (f" ({ROLES[adult.role]})" if adult.role in ROLES else "")
        held = ", ".join(f"{KINDS[str(r.details['kind'])]} ({r.by}, {r.on})" for r in history)
        what = "assessment" if concluded.type == "assessment_completed" else "section 47 enquiry"
        explanation = (
            f"{who} has a history of {held}, but the {what} concluded on {concluded.on} by {concluded.by} "
            "recorded no checks on this adult and no consideration of it."
        )
        arose_on = max(concluded.occurred_on, *(r.occurred_on for r in history))
        recipients = (Recipient.LEAD_PRACTITIONER_MANAGER, Recipient.MACPU_POLICE)
        return Finding(self.id, self.version, arose_on, (*history, concluded), explanation, recipients)


def _weighed(facts: ChildFacts, person_id: str, history: list[GapRecord], concluded: GapRecord) -> bool:
    """Whether the adult was checked, named in the conclusion, or their history shared with its author, by then."""
    by: dt.date = concluded.occurred_on
    if any(m.person_id == person_id for m in concluded.people):
        return True
    checked = any(
        r.occurred_on <= by and any(m.person_id == person_id for m in r.people)
        for r in facts.of_type("checks_completed")
    )
    ids = {r.id for r in history}
    shared = any(
        r.occurred_on <= by and r.ref in ids and concluded.org in {str(o) for o in r.details.get("with", ())}
        for r in facts.of_type("information_shared")
        if is_disclosure(r.details)
    )
    return checked or shared


RULE = DomesticAbuseNotAssessed()
