"""The thresholds each rule runs with: the one place the engine and other apps read them from."""

from collections.abc import Sequence

from macpu.gaps.models import RuleSetting
from macpu.gaps.rules.base import Rule, Thresholds, defaults
from macpu.gaps.rules.registry import rule_named


def thresholds_of(rule: Rule, chosen: Sequence[RuleSetting]) -> dict[str, int | float]:
    """The brief's defaults, with the area's own values where it set them.

    A deployment serves one area's partnership: where several areas set the rule, the defaults stand.
    """
    return defaults(rule) | (dict(chosen[0].thresholds) if len(chosen) == 1 else {})


def rule_thresholds(rule_id: str) -> Thresholds:
    """The thresholds rule `rule_id` runs with now (the professional disagreements' pages read T10's here, so that a
    disagreement's due date is the one the gap rule uses); KeyError for a rule that does not exist."""
    rule = rule_named(rule_id)
    if rule is None:
        raise KeyError(rule_id)
    return thresholds_of(rule, list(RuleSetting.objects.filter(rule=rule_id)))
