"""Reads of findings: for a child's page, a person's or an organisation's list, the MACPU dashboard, the CLI."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from macpu.access.scoping import restrict_to_visible_children
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.chronology.marks import EntryMark
from macpu.core.actor import Actor
from macpu.gaps.models import FindingStatus, GapFinding, RuleSetting
from macpu.gaps.rules.registry import all_rules, rule_named
from macpu.people.models import IdentifierScheme


@dataclass(frozen=True)
class FindingFilter:
    open_only: bool = True
    child_id: uuid.UUID | None = None
    rule: str = ""


def visible_findings(*, actor: Actor, filters: FindingFilter) -> QuerySet[GapFinding]:
    """The findings about children the actor may see, newest first."""
    findings = restrict_to_visible_children(GapFinding.objects.all(), actor=actor, via="child_id")
    if filters.open_only:
        findings = findings.filter(status=FindingStatus.OPEN)
    if filters.child_id is not None:
        findings = findings.filter(child_id=filters.child_id)
    if filters.rule:
        findings = findings.filter(rule=filters.rule)
    return findings.select_related("child").prefetch_related("child__identifiers").order_by("-arose_on", "rule")


def _child(finding: GapFinding) -> dict[str, Any]:
    child = finding.child
    nhs = next(
        (i.value for i in child.identifiers.all() if i.scheme == IdentifierScheme.NHS_NUMBER and i.valid_to is None),
        None,
    )
    return {
        "id": str(child.id),
        "nhs_number": nhs,
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else None,
    }


def finding_as_dict(finding: GapFinding) -> dict[str, Any]:
    rule = rule_named(finding.rule)
    return {
        "id": str(finding.id),
        "rule": finding.rule,
        "rule_name": rule.name if rule else "",
        "rule_version": finding.rule_version,
        "child": _child(finding),
        "arose_on": finding.arose_on.isoformat(),
        "explanation": finding.explanation,
        "evidence": [{"org": e["org"], "record_id": e["record_id"]} for e in finding.evidence],
        "notified": finding.notified,
        "status": finding.status,
    }


def findings_as_dicts(*, actor: Actor, filters: FindingFilter) -> list[dict[str, Any]]:
    """The findings as the CLI and the API give them, each child's read audited."""
    with transaction.atomic():
        rows = [finding_as_dict(finding) for finding in visible_findings(actor=actor, filters=filters)]
        for child_id in sorted({row["child"]["id"] for row in rows}):
            trail.record(
                actor=actor,
                action=AuditAction.GAP_FINDINGS_VIEWED,
                target_type="child",
                target_id=uuid.UUID(child_id),
                child_id=uuid.UUID(child_id),
            )
    return rows


@dataclass(frozen=True)
class ChildFinding:
    """A finding as the child's page shows it: its rule, what it means, its evidence, and its history."""

    finding: GapFinding
    rule_name: str
    history: list[Any]


def child_findings(*, actor: Actor, child_id: uuid.UUID, open_only: bool = False) -> list[ChildFinding]:
    """The child's findings (open first, newest first) for someone who may see the child; audited."""
    with transaction.atomic():
        findings = list(
            visible_findings(
                actor=actor, filters=FindingFilter(open_only=open_only, child_id=child_id)
            ).prefetch_related("history")
        )
        if findings:
            trail.record(
                actor=actor, action=AuditAction.GAP_FINDINGS_VIEWED, target_type="child", target_id=child_id,
                child_id=child_id,
            )  # fmt: skip
    findings.sort(key=lambda f: (f.status != FindingStatus.OPEN, -f.arose_on.toordinal()))
    return [
        ChildFinding(f, rule.name if (rule := rule_named(f.rule)) else f.rule, list(f.history.all())) for f in findings
    ]


@dataclass(frozen=True)
class RuleInForce:
    """A rule as the area runs it: on or off, each threshold's default and the value in force."""

    id: str
    name: str
    version: int
    source: str
    enabled: bool
    thresholds: list[dict[str, Any]]


def rules_for_area(area_id: uuid.UUID | None) -> list[RuleInForce]:
    settings = {s.rule: s for s in RuleSetting.objects.filter(area_id=area_id)} if area_id else {}
    rows = []
    for rule in all_rules():
        setting = settings.get(rule.id)
        chosen = setting.thresholds if setting else {}
        thresholds = [
            {"name": t.name, "description": t.description, "default": t.default, "value": chosen.get(t.name, t.default)}
            for t in rule.thresholds
        ]
        rows.append(
            RuleInForce(rule.id, rule.name, rule.version, rule.source, setting.enabled if setting else True, thresholds)
        )
    return rows


def evidence_marks(
    *, actor: Actor, child_ids: frozenset[uuid.UUID], event_ids: frozenset[uuid.UUID]
) -> dict[uuid.UUID, list[EntryMark]]:
    """The chronology's entries that are evidence of an open finding the reader may see, each marked with the rule
    and a link to the finding (a provider of `chronology.marks`). Read with the chronology's own
    audited view of the same children."""
    marks: dict[uuid.UUID, list[EntryMark]] = {}
    findings = restrict_to_visible_children(
        GapFinding.objects.filter(child_id__in=child_ids, status=FindingStatus.OPEN), actor=actor, via="child_id"
    ).order_by("rule", "arose_on")
    for finding in findings:
        rule = rule_named(finding.rule)
        mark = EntryMark(
            tag="Possible gap",
            text=f"Evidence for {finding.rule} {rule.name if rule else ''}".strip(),
            href=f"/children/{finding.child_id}/findings/#finding-{finding.id}",
        )
        for record in finding.evidence:
            event_id = uuid.UUID(record["event_id"]) if record.get("event_id") else None
            if event_id in event_ids:
                marks.setdefault(event_id, []).append(mark)
    return marks
