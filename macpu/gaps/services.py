"""The gap rules' engine: evaluate children as at a day, keep each finding once, tell people, and record what
they do with it. Rules only raise flags for humans (R50): nothing here changes a child's record or shares it.
"""

import datetime as dt
import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction

from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.gaps.models import FindingEvent, FindingEventKind, FindingStatus, GapFinding, RuleSetting
from macpu.gaps.rules.base import ChildFacts, Finding, Rule, Thresholds
from macpu.gaps.rules.registry import all_rules, rule_named
from macpu.gaps.selectors.facts import facts_of_children
from macpu.gaps.selectors.recipients import recipients_of
from macpu.gaps.selectors.settings import thresholds_of
from macpu.notifications.models import NotificationKind
from macpu.notifications.services import Outgoing, notifications_send
from macpu.organisations.models import Area
from macpu.organisations.selectors import area_of_organisation
from macpu.people.models import Person, PersonKind
from macpu.workingdays.selectors import working_calendar

_CHILDREN_A_TRANSACTION = 500


@dataclass
class RunSummary:
    children: int = 0
    raised: int = 0
    reopened: int = 0
    closed: int = 0
    open: int = 0
    notices: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)

    def add(self, other: "RunSummary") -> None:
        self.children += other.children
        self.raised += other.raised
        self.reopened += other.reopened
        self.closed += other.closed
        self.open += other.open
        self.notices += other.notices
        for rule, count in other.by_rule.items():
            self.by_rule[rule] = self.by_rule.get(rule, 0) + count


def rules_in_force() -> list[tuple[Rule, Thresholds]]:
    """Every rule the area has switched on, with its thresholds: the brief's defaults where it set none.

    A deployment serves one area's partnership; where it holds more, a rule is on unless every area turned it off.
    """
    settings: dict[str, list[RuleSetting]] = {}
    for setting in RuleSetting.objects.all():
        settings.setdefault(setting.rule, []).append(setting)
    in_force: list[tuple[Rule, Thresholds]] = []
    area = area_of_organisation()
    for rule in all_rules():
        chosen = settings.get(rule.id, [])
        if chosen and not any(setting.enabled for setting in chosen):
            continue
        thresholds = thresholds_of(rule, chosen)
        if thresholds.get("home_la_code") == 0 and area is not None and area.la_code.isdigit():
            thresholds["home_la_code"] = int(area.la_code)  # T13: moves are judged against the area's own authority
        in_force.append((rule, thresholds))
    return in_force


def _evidence(finding: Finding) -> list[dict[str, str]]:
    return [
        {
            "event_id": record.id,
            "org": record.org,
            "org_name": record.org_name,
            "record_id": record.record_id,
            "occurred_on": record.occurred_on.isoformat(),
            "whose": record.whose.value,
        }
        for record in finding.evidence
    ]


def _history(finding: GapFinding, kind: FindingEventKind, by: str, reason: str = "") -> None:
    FindingEvent.objects.create(finding=finding, kind=kind, by=by, reason=reason)


def _name(rule_id: str) -> str:
    rule = rule_named(rule_id)
    return rule.name.lower() if rule else ""


def _link(finding: Finding, child_id: uuid.UUID) -> str:
    """Where the notice takes its reader: a disagreement left open (T10) to the disagreement's own page, where both
    organisations escalate it or record its outcome (docs/disagreements.md); any other finding to the child's."""
    if finding.rule == "T10":
        first = next((record for record in finding.evidence if record.type == "disagreement"), None)
        if first is not None:
            return f"/disagreements/{first.id}/"
    return f"/children/{child_id}/findings/"


def _raise(actor: Actor, child_id: uuid.UUID, finding: Finding, facts: ChildFacts, notify: bool) -> GapFinding:
    people = recipients_of(finding, child_id, facts.gp_org) if notify else set()
    stored = GapFinding.objects.create(
        child_id=child_id,
        rule=finding.rule,
        rule_version=finding.rule_version,
        key=finding.key,
        arose_on=finding.arose_on,
        explanation=finding.explanation,
        evidence=_evidence(finding),
        recipients=[recipient.value for recipient in finding.recipients],
        notified=sorted(str(person) for person in people),
        status_changed_at=clock.now(),
    )
    _history(stored, FindingEventKind.RAISED, actor.label)
    if people:
        notifications_send(
            [
                Outgoing(
                    recipient_ids=people,
                    kind=NotificationKind.GAP_FINDING,
                    message=f"{finding.rule} {_name(finding.rule)}: a possible gap between agencies for a child you "
                    "work with"[:300],
                    child_id=child_id,
                    link=_link(finding, child_id),
                )
            ]
        )
    trail.record(
        actor=actor,
        action=AuditAction.GAP_FINDING_RAISED,
        target_type="finding",
        target_id=stored.id,
        child_id=child_id,
        details={"rule": finding.rule, "notified": len(people)},
    )
    return stored


def _reconcile(
    actor: Actor,
    child_id: uuid.UUID,
    facts: ChildFacts,
    found: list[Finding],
    stored: dict[tuple[str, str], GapFinding],
    evaluated: set[str],
    notify: bool,
) -> RunSummary:
    """Keep each finding once: raise the new, reopen those that hold again, close the open ones that no longer
    hold. A rule switched off (not in `evaluated`) neither raises nor closes: its findings wait as they are."""
    summary = RunSummary(children=1)
    produced = {(finding.rule, finding.key): finding for finding in found}
    for identity, finding in produced.items():
        summary.by_rule[finding.rule] = summary.by_rule.get(finding.rule, 0) + 1
        existing = stored.get(identity)
        if existing is None:
            _raise(actor, child_id, finding, facts, notify)
            summary.raised += 1
        elif existing.status == FindingStatus.NO_LONGER_APPLIES:
            existing.status, existing.status_changed_at = FindingStatus.OPEN, clock.now()
            existing.explanation = finding.explanation
            existing.save(update_fields=["status", "status_changed_at", "explanation", "updated_at"])
            _history(existing, FindingEventKind.REOPENED, actor.label)
            summary.reopened += 1
        if existing is None or existing.status == FindingStatus.OPEN:
            summary.open += 1
    for identity, existing in stored.items():
        if identity not in produced and existing.status == FindingStatus.OPEN and existing.rule in evaluated:
            existing.status, existing.status_changed_at = FindingStatus.NO_LONGER_APPLIES, clock.now()
            existing.save(update_fields=["status", "status_changed_at", "updated_at"])
            _history(existing, FindingEventKind.NO_LONGER_APPLIES, actor.label)
            trail.record(
                actor=actor,
                action=AuditAction.GAP_FINDING_CLOSED,
                target_type="finding",
                target_id=existing.id,
                child_id=child_id,
                details={"rule": existing.rule, "status": FindingStatus.NO_LONGER_APPLIES.value},
            )
            summary.closed += 1
    return summary


def gaps_evaluate(
    *, actor: Actor, child_ids: Iterable[uuid.UUID], as_of: dt.date | None = None, notify: bool = True
) -> RunSummary:
    """Evaluate every rule in force for these children as at `as_of` (today by default), using only what had
    occurred by then: afterwards their open findings are exactly those that hold on that day.

    New findings are raised (and their people told, unless `notify` is False); open ones that no longer hold
    close as `no_longer_applies` and stay in the history; ones a person acted on keep their status.
    """
    as_of = as_of or clock.today()
    calendar, rules, ids = working_calendar(), rules_in_force(), list(dict.fromkeys(child_ids))
    evaluated = {rule.id for rule, _ in rules}
    summary = RunSummary()
    for start in range(0, len(ids), _CHILDREN_A_TRANSACTION):
        chunk = ids[start : start + _CHILDREN_A_TRANSACTION]
        with transaction.atomic():
            facts = facts_of_children(chunk, as_of, calendar)
            stored: dict[uuid.UUID, dict[tuple[str, str], GapFinding]] = defaultdict(dict)
            for finding in GapFinding.objects.select_for_update().filter(child_id__in=chunk):
                stored[finding.child_id][(finding.rule, finding.key)] = finding
            for child_id in chunk:
                found = [f for rule, thresholds in rules for f in rule.evaluate(facts[child_id], thresholds)]
                summary.add(_reconcile(actor, child_id, facts[child_id], found, stored[child_id], evaluated, notify))
    return summary


def gaps_run(*, actor: Actor, as_of: dt.date | None = None, notify: bool = True) -> RunSummary:
    """Evaluate every child of the area (the scheduled run, and `macpu gaps run`)."""
    children = Person.objects.filter(kind=PersonKind.CHILD).order_by("id").values_list("id", flat=True)
    with transaction.atomic():
        trail.record(
            actor=actor,
            action=AuditAction.GAPS_RUN,
            target_type="area",
            details={"as_of": (as_of or clock.today()).isoformat(), "notify": notify},
        )
    return gaps_evaluate(actor=actor, child_ids=list(children), as_of=as_of, notify=notify)


_ACTIONS = {
    FindingStatus.ACKNOWLEDGED: FindingEventKind.ACKNOWLEDGED,
    FindingStatus.ACTIONED: FindingEventKind.ACTIONED,
    FindingStatus.NOT_APPLICABLE: FindingEventKind.NOT_APPLICABLE,
}


def finding_act(*, actor: Actor, finding_id: uuid.UUID, status: FindingStatus, reason: str) -> GapFinding:
    """A person acknowledges a finding, records the action taken, or marks it not applicable, always with a
    reason; audited. The finding does not fire again for the same evidence (R34-R49)."""
    if status not in _ACTIONS:
        raise InvalidInput({"status": "Choose acknowledged, action taken or not applicable"})
    if not reason.strip():
        raise InvalidInput({"reason": "Say why: what you considered, or the action taken"})
    with transaction.atomic():
        finding = GapFinding.objects.select_for_update().filter(id=finding_id).first()
        if finding is None:
            raise NotFound
        finding.status, finding.status_changed_at = status, clock.now()
        finding.save(update_fields=["status", "status_changed_at", "updated_at"])
        _history(finding, _ACTIONS[status], actor.label, reason.strip())
        trail.record(
            actor=actor,
            action=AuditAction.GAP_FINDING_ACTED,
            target_type="finding",
            target_id=finding.id,
            child_id=finding.child_id,
            details={"rule": finding.rule, "status": status.value},
        )
    return finding


def _checked_thresholds(rule: Rule, given: Mapping[str, object]) -> dict[str, int]:
    """The thresholds given, each a whole number its unit allows; else InvalidInput naming every threshold that is
    not, each keyed `thresholds.<name>`."""
    known = {threshold.name: threshold for threshold in rule.thresholds}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidInput({"thresholds": f"{rule.id} has no threshold called {', '.join(unknown)}"})
    checked: dict[str, int] = {}
    errors: dict[str, str] = {}
    for name, value in given.items():
        threshold = known[name]
        number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
        if threshold.allows(number):
            checked[name] = int(number)
        else:
            errors[f"thresholds.{name}"] = threshold.problem
    if errors:
        raise InvalidInput(errors)
    return checked


def rule_set(*, actor: Actor, area: Area, rule_id: str, enabled: bool, thresholds: Mapping[str, object]) -> RuleSetting:
    """Switch a rule on or off for the area, and set its thresholds (those not given return to their defaults);
    audited. Every threshold is checked first: one that is not valid saves nothing."""
    rule = rule_named(rule_id)
    if rule is None:
        raise NotFound(f"No rule is called {rule_id}")
    if not isinstance(enabled, bool):
        raise InvalidInput({"enabled": "Select yes if the rule is switched on"})
    checked = _checked_thresholds(rule, thresholds)
    with transaction.atomic():
        setting, _ = RuleSetting.objects.update_or_create(
            area=area, rule=rule_id, defaults={"enabled": enabled, "thresholds": checked, "set_by": actor.label}
        )
        trail.record(
            actor=actor,
            action=AuditAction.GAP_RULE_CHANGED,
            target_type="rule",
            details={"rule": rule_id, "enabled": enabled, "thresholds": checked, "area": area.la_code},
        )
    return setting
