"""T13 Children moving between areas, out of sight.

Brief section 6, T13 [NHS-CPIS-Service][Tees-Transfer], R54 and R55: an address change to another local authority
while a section 47 enquiry or child protection plan is open starts the transfer-in clock (15 working days, local
convention) and alerts both authorities; a child with any open plan taken off a school roll with no known
destination; a CP-IS access notification from an out-of-area setting.

Where the child lives is read from the `la_code` of the child's `address_change` records. The area's own code is
`home_la_code` (a number, as the DfE's 3-digit codes are): 0 until configured, when the authority of the child's
earliest known address stands in for it. The engine should set it from the `la_code` of the area's children's
social care organisation. A child is away while their addresses since the last one in the home authority are in
others; the finding names each move to another authority, and holds until the child is back, the enquiry or
plan has ended, or a transfer-in conference is recorded here. Organisations in macpu are the area's own, so an
access to the child's CP-IS record is from outside the child's area when the child lives in another authority;
a setting's own authority is not known to the rules (the engine could supply it to compare directly).
"""

import datetime as dt
from dataclasses import dataclass

from macpu.core.dates import in_words
from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit

PLAN_NAMES = {
    "child_protection": "a child protection plan",
    "unborn_child_protection": "an unborn child protection plan",
    "child_in_need": "a child in need plan",
    "looked_after": "a looked after child's plan",
}
CPIS_PLANS = ("child_protection", "unborn_child_protection", "looked_after")


@dataclass(frozen=True)
class MovedOutOfSight:
    id: str = "T13"
    name: str = "Moved out of sight"
    version: int = 1
    source: str = "Brief section 6, T13 [NHS-CPIS-Service][Tees-Transfer]; R54, R55"
    thresholds: tuple[Threshold, ...] = (
        Threshold(
            "home_la_code",
            0,
            "The area's own local authority code (0: that of the child's earliest address)",
            Unit.LA_CODE,
        ),
        Threshold(
            "transfer_in_working_days",
            15,
            "Working days for the receiving authority's transfer-in conference",
            Unit.WORKING_DAYS,
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        moves = _moves_away(facts, thresholds)
        findings = [self._moved(facts, thresholds, moves)] if moves else []
        findings += self._left_school(facts)
        findings += self._cpis(facts, moves)
        return [finding for finding in findings if finding is not None]

    def _moved(self, facts: ChildFacts, thresholds: Thresholds, moves: list[GapRecord]) -> Finding | None:
        open_work = _open_work(facts)
        transferred = any(
            c.details.get("kind") == "transfer_in" and c.occurred_on >= moves[0].occurred_on
            for c in facts.case.conferences
        )
        if not open_work or transferred:
            return None
        latest = moves[-1]
        due = facts.calendar.add(latest.occurred_on, int(thresholds["transfer_in_working_days"]))
        explanation = (
            f"Moved to another local authority ({_where(latest)}) on {latest.on}, as {latest.by} recorded"
            f"{_earlier(moves)}, while {' and '.join(name for name, _ in open_work)} is open. Tell the receiving "
            "authority: "
            f"its transfer-in conference is due by {in_words(due)} ({thresholds['transfer_in_working_days']:g} working "
            "days, local convention), and this area stays responsible until it is held."
        )
        arose_on = max(moves[0].occurred_on, *(started for _, started in open_work))
        recipients = (Recipient.LEAD_PRACTITIONER, Recipient.RECEIVING_LA)
        return Finding(self.id, self.version, arose_on, tuple(moves), explanation, recipients)

    def _left_school(self, facts: ChildFacts) -> list[Finding]:
        rolls = facts.own("school_roll")
        left = rolls[-1] if rolls and rolls[-1].details.get("change") == "left" else None
        plans = facts.case.plans.open_plans()
        if left is None or left.details.get("destination_known") is True or not plans:
            return []
        names = " and ".join(dict.fromkeys(PLAN_NAMES.get(p.plan_type, "a plan") for p in plans))
        explanation = (
            f"{left.by} took the child off its roll on {left.on} with no known destination, while the child has "
            f"{names}: find where the child is living and whether they are in education."
        )
        arose_on = max(left.occurred_on, min(p.started_on for p in plans))
        recipients = (Recipient.LEAD_PRACTITIONER, Recipient.RECORDING_SAFEGUARDING_LEAD)
        return [Finding(self.id, self.version, arose_on, (left,), explanation, recipients)]

    def _cpis(self, facts: ChildFacts, moves: list[GapRecord]) -> list[Finding]:
        if not moves or facts.case.plans.open_of(*CPIS_PLANS) is None:
            return []
        accesses = [a for a in facts.own("cpis_access") if a.occurred_on >= moves[0].occurred_on]
        latest = moves[-1]
        recipients = (Recipient.LEAD_PRACTITIONER, Recipient.RECEIVING_LA)
        return [
            Finding(
                self.id,
                self.version,
                access.occurred_on,
                (*moves, access),
                f"{access.by}{_setting(access)} looked up the child's child protection record on CP-IS on "
                f"{access.on}, while the child's last known address is in another local authority "
                f"({_where(latest)}, since {latest.on}, as {latest.by} recorded): the child may be out of sight of "
                "the authority responsible.",
                recipients,
            )
            for access in accesses
        ]


def _la(record: GapRecord) -> str:
    return str(record.details.get("la_code") or "").strip()


def _moves_away(facts: ChildFacts, thresholds: Thresholds) -> list[GapRecord]:
    """Each move to another authority since the child last lived in the home one (none: the child is at home)."""
    addresses = [r for r in facts.own("address_change") if _la(r)]
    if not addresses:
        return []
    configured = int(thresholds["home_la_code"])
    home = str(configured) if configured else _la(addresses[0])
    away: list[GapRecord] = []
    for address in addresses:
        if _la(address) == home:
            away = []
        elif not away or _la(away[-1]) != _la(address):
            away.append(address)
    return away


def _open_work(facts: ChildFacts) -> list[tuple[str, dt.date]]:
    """The open section 47 enquiry and child protection plan, with when each started."""
    work = []
    enquiry = facts.case.open_enquiry()
    if enquiry is not None:
        work.append(("a section 47 enquiry", enquiry.started_on))
    plan = facts.case.plans.open_of("child_protection", "unborn_child_protection")
    if plan is not None:
        work.append((PLAN_NAMES[plan.plan_type], plan.started_on))
    return work


def _where(address: GapRecord) -> str:
    """The authority, and the postcode when the move's content is standard (never a sealed refuge's)."""
    postcode = str(address.details.get("postcode") or "") if address.sensitivity == "standard" else ""
    return f"LA {_la(address)}" + (f", postcode {postcode}" if postcode else "")


def _earlier(moves: list[GapRecord]) -> str:
    if len(moves) == 1:
        return ""
    return ", after moving to " + " and ".join(f"LA {_la(m)} on {m.on}" for m in moves[:-1])


def _setting(access: GapRecord) -> str:
    setting = str(access.details.get("setting") or "")
    return f" ({setting})" if setting else ""


RULE = MovedOutOfSight()
