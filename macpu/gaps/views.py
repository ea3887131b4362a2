"""A child's findings, and acting on one; the MACPU's dashboard; the area's gap rules, switched on or off and their
thresholds set by its administrators. HTTP only: the selectors read, the services write."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.errors import InvalidInput, NotFound
from macpu.gaps.forms import FindingActForm, RuleSettingForm, ThresholdField
from macpu.gaps.models import FindingStatus
from macpu.gaps.rules.base import Threshold, Unit
from macpu.gaps.rules.registry import rule_named
from macpu.gaps.selectors.dashboard import gaps_dashboard
from macpu.gaps.selectors.findings import RuleInForce, child_findings, rules_for_area
from macpu.gaps.services import finding_act, rule_set
from macpu.notifications.services import notifications_done
from macpu.organisations.models import Area
from macpu.organisations.selectors import area_of_organisation
from macpu.people.views import child_or_404


class ChildFindingsView(ProtectedView):
    """Possible gaps between agencies for this child: each finding, its evidence, and what people did about it."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        response = self._page(request, child_id, None)
        if request.actor.user_id is not None:  # the notices that brought them here are read
            notifications_done(recipient_id=request.actor.user_id, link=request.path)
        return response

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        if not role_grants(request.actor.role, Permission.CHILD_RECORD):
            raise Http404
        form = FindingActForm(request.POST)
        finding_id = request.POST.get("finding", "")
        if form.is_valid():
            try:
                finding_act(
                    actor=request.actor,
                    finding_id=uuid.UUID(finding_id),
                    status=FindingStatus(form.cleaned_data["status"]),
                    reason=form.cleaned_data["reason"],
                )
            except (ValueError, NotFound) as error:
                raise Http404 from error
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
            else:
                messages.success(request, "Your response to the finding is recorded")
                return redirect("gaps:child-findings", child_id=child_id)
        return self._page(request, child_id, (finding_id, form), status=400)

    def _page(
        self, request: ActorRequest, child_id: uuid.UUID, failed: tuple[str, FindingActForm] | None, status: int = 200
    ) -> HttpResponse:
        child = child_or_404(request, child_id)
        findings = child_findings(actor=request.actor, child_id=child.id)
        context = {
            "child": child,
            "findings": findings,
            "open_count": sum(f.finding.status == FindingStatus.OPEN for f in findings),
            "may_act": role_grants(request.actor.role, Permission.CHILD_RECORD),
            "failed_id": failed[0] if failed else "",
            "form": failed[1] if failed else FindingActForm(),
        }
        return render(request, "gaps/child_findings.html", context, status=status)


class DashboardView(ProtectedView):
    """The MACPU's view of the gaps across the area: counts by rule, organisation and age, and the weekly trend."""

    permission = Permission.GAP_DASHBOARD_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        board = gaps_dashboard()
        peak = max(board.weekly_peak, 1)
        bars = [
            {
                "x": 40 + n * 45,
                "y": 190 - (height := round(160 * count / peak)),
                "height": height,
                "count": count,
                "end": end,
            }
            for n, (end, count) in enumerate(board.weekly)
        ]
        context = {
            "board": board,
            "bars": bars,
            "may_manage_rules": role_grants(request.actor.role, Permission.GAP_RULES_MANAGE),
        }
        return render(request, "gaps/dashboard.html", context)


def _area(request: ActorRequest) -> Area | None:
    return area_of_organisation(organisation_id=request.actor.organisation_id)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _thresholds_of(rule: RuleInForce) -> list[tuple[Threshold, dict[str, Any]]]:
    """Each threshold of the rule with its row as the area runs it (value in force, default)."""
    found = rule_named(rule.id)
    declared = {threshold.name: threshold for threshold in found.thresholds} if found else {}
    return [(declared[row["name"]], row) for row in rule.thresholds if row["name"] in declared]


@dataclass(frozen=True)
class _ThresholdShown:
    label: str
    value: str
    default: str
    is_default: bool


def _shown(rule: RuleInForce) -> dict[str, Any]:
    thresholds = [
        _ThresholdShown(
            threshold.description,
            threshold.amount(row["value"]),
            threshold.amount(row["default"]),
            row["value"] == row["default"],
        )
        for threshold, row in _thresholds_of(rule)
    ]
    return {"rule": rule, "thresholds": thresholds}


class RulesView(ProtectedView):
    """Every gap rule as the area runs it: on or off, each threshold in force and its default, and its source."""

    permission = Permission.GAP_RULES_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        area = _area(request)
        rules = [_shown(rule) for rule in rules_for_area(area.id if area else None)]
        return render(request, "gaps/rules.html", {"area": area, "rules": rules})


def _field(threshold: Threshold) -> ThresholdField:
    suffix = {Unit.SWITCH: "", Unit.COUNT: "", Unit.LA_CODE: ""}.get(threshold.unit, threshold.unit.value)
    return ThresholdField(
        name=threshold.name,
        label=threshold.description,
        hint=f"{threshold.allowed[:1].upper()}{threshold.allowed[1:]}. Default: {threshold.amount(threshold.default)}",
        problem=threshold.problem,
        suffix=suffix,
    )


class RuleView(ProtectedView):
    """Switch one gap rule on or off for the area, and set its thresholds."""

    permission = Permission.GAP_RULES_MANAGE

    def get(self, request: ActorRequest, rule_id: str) -> HttpResponse:
        area, rule = self._area_and_rule(request, rule_id)
        initial = {"enabled": "yes" if rule.enabled else "no"}
        initial |= {row["name"]: _plain(row["value"]) for row in rule.thresholds}
        return self._page(request, area, rule, RuleSettingForm(initial=initial, thresholds=self._fields(rule)))

    def post(self, request: ActorRequest, rule_id: str) -> HttpResponse:
        area, rule = self._area_and_rule(request, rule_id)
        form = RuleSettingForm(request.POST, thresholds=self._fields(rule))
        if form.is_valid():
            enabled = form.cleaned_data["enabled"] == "yes"
            # Only the thresholds the area changes are its own: the rest follow the rule's defaults.
            chosen = {
                row["name"]: form.cleaned_data[row["name"]]
                for row in rule.thresholds
                if form.cleaned_data[row["name"]] != row["default"]
            }
            try:
                rule_set(actor=request.actor, area=area, rule_id=rule.id, enabled=enabled, thresholds=chosen)
            except InvalidInput as error:
                for key, problems in error.errors.items():
                    field = key.removeprefix("thresholds.")
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                state = "on" if enabled else "off"
                messages.success(request, f"{rule.id} {rule.name} is saved: it is switched {state} in {area.name}")
                return redirect("gaps:rules")
        return self._page(request, area, rule, form, status=400)

    @staticmethod
    def _area_and_rule(request: ActorRequest, rule_id: str) -> tuple[Area, RuleInForce]:
        area = _area(request)
        if area is None:
            raise Http404("macpu has no area whose gap rules could be set")
        rule = next((rule for rule in rules_for_area(area.id) if rule.id == rule_id), None)
        if rule is None:
            raise Http404(f"No rule is called {rule_id}")
        return area, rule

    @staticmethod
    def _fields(rule: RuleInForce) -> list[ThresholdField]:
        return [_field(threshold) for threshold, _ in _thresholds_of(rule)]

    @staticmethod
    def _page(
        request: ActorRequest, area: Area, rule: RuleInForce, form: RuleSettingForm, status: int = 200
    ) -> HttpResponse:
        inputs = list(zip(form.threshold_fields(), RuleView._fields(rule), strict=True))
        context = {"area": area, "rule": rule, "form": form, "inputs": inputs}
        return render(request, "gaps/rule.html", context, status=status)
