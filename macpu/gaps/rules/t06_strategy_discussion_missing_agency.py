"""T6 Strategy discussion missing a core agency, or an agency that holds an open record on the child.

Brief section 6, T6 [Bucks-Strategy]; Working Together 2023 requires social care, health and the police at a
strategy discussion as a minimum (brief 2.2). The child's latest strategy discussion in the open case is
flagged when:

- no attendee came from children's social care, the police or health, unless the discussion records why
  (`override_reason`), or
- an agency holding an open record on the child on the day was neither invited nor took part: the registered GP
  practice (`facts.gp_org`, or a `gp_registration` involvement), the school the child is on roll at, the health
  visiting service, or probation supervising an adult around the child. The override reason does not excuse this.

An attendee's sector is the register's (`facts.organisations`), so an agency that attends without having
recorded anything about the child still counts; the child's records name it otherwise. An organisation the
register does not hold has an unknown sector, and is never counted as the missing agency: the finding says
which attendee's agency macpu could not tell. A later strategy discussion in the same case replaces the
earlier one: the finding is about the discussion now guiding the work, and ends when the case closes.
"""

import datetime as dt
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds
from macpu.organisations.rules.vocabulary import Sector
from macpu.pathway.rules.transitions import missing_core_agencies

SERVICES = {
    "gp_registration": "the registered GP",
    "health_visiting": "the health visitor",
    "probation_supervision": "probation",
}
SCHOOL = "school"


@dataclass(frozen=True)
class Involvement:
    """An agency's open record on the child: who, what, and the record showing it (none for the known GP)."""

    org: str
    what: str
    record: GapRecord | None


@dataclass(frozen=True)
class StrategyDiscussionMissingAgency:
    id: str = "T6"
    name: str = "Strategy discussion missing an agency"
    version: int = 1
    source: str = "Brief section 6, T6 [Bucks-Strategy]; brief 2.2 (WT2023)"
    thresholds: tuple[Threshold, ...] = ()

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        case = facts.case
        current = [d for d in case.discussions if case.in_open_episode(d.record)]
        discussion = facts.record(current[-1].record.id) if current else None
        if discussion is None:
            return []
        sectors = {code: org.sector for code, org in facts.organisations.items()}
        sectors |= {r.org: r.sector for r in facts.records}
        if facts.gp_org:
            sectors.setdefault(facts.gp_org, Sector.HEALTH.value)
        names = {code: org.name for code, org in facts.organisations.items()} | {
            r.org: r.org_name for r in facts.records
        }
        attending = [str(a.get("org", "")) for a in discussion.details.get("attendees", ()) if a.get("org")]
        problems = []
        if not str(discussion.details.get("override_reason", "")).strip():
            missing = missing_core_agencies({sectors[o] for o in attending if o in sectors})
            if missing:
                problems.append(f"no one from {_and(missing, 'or')} took part" + _unknown(attending, sectors, names))
        taking_part = {*attending, *(str(o) for o in discussion.details.get("invited", ()))}
        absent = [i for i in _involvements(facts, discussion.occurred_on) if i.org not in taking_part]
        if absent:
            agencies = _and([f"{names[i.org]} ({i.what})" if i.org in names else f"{i.what} ({i.org})" for i in absent])
            verb = "holds an open record" if len(absent) == 1 else "hold open records"
            problems.append(
                f"{agencies} {verb} on the child but {'was' if len(absent) == 1 else 'were'} "
                "neither invited nor took part"
            )
        if not problems:
            return []
        explanation = f"At the strategy discussion on {discussion.on} ({discussion.by}), {'; and '.join(problems)}."
        evidence = (discussion, *(i.record for i in absent if i.record is not None))
        recipients = (Recipient.DUTY_MANAGER, Recipient.MACPU)
        return [Finding(self.id, self.version, discussion.occurred_on, evidence, explanation, recipients)]


def _involvements(facts: ChildFacts, day: dt.date) -> list[Involvement]:
    """The agencies with an open record on the child on `day`: GP, school roll, health visitor, probation."""
    open_now: dict[tuple[str, str, tuple[str, ...]], Involvement] = {}
    for record in facts.own("service_involvement", "school_roll"):
        if record.occurred_on > day:
            break
        service = SCHOOL if record.type == "school_roll" else str(record.details.get("service", ""))
        if service not in SERVICES and service != SCHOOL:
            continue
        key = (record.org, service, tuple(sorted(m.person_id for m in record.people)))
        if record.details.get("change") in ("started", "joined"):
            open_now[key] = Involvement(record.org, _what(service, record), record)
        else:
            open_now.pop(key, None)
    found = list(open_now.values())
    if facts.gp_org and all(i.org != facts.gp_org for i in found):
        found.insert(0, Involvement(facts.gp_org, SERVICES["gp_registration"], None))
    return found


def _what(service: str, record: GapRecord) -> str:
    if service == SCHOOL:
        return "the child's school"
    if service == "probation_supervision" and record.people:
        return f"probation supervising {record.people[0].name or 'an adult around the child'}"
    return SERVICES[service]


def _unknown(attending: list[str], sectors: dict[str, str], names: dict[str, str]) -> str:
    unknown = [o for o in attending if o not in sectors]
    if not unknown:
        return ""
    return f" that macpu knows of ({_and([names.get(o, o) for o in unknown])} also attended: agency type unknown)"


def _and(items: list[str], conjunction: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


RULE = StrategyDiscussionMissingAgency()
