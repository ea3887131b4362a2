"""Every gap rule, found by its module: `t01_was_not_brought.py` to `t16_...`, each exposing `RULE`."""

import importlib
import pkgutil
from functools import cache

from macpu.gaps import rules as _package
from macpu.gaps.rules.base import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """The rules in order of their id (T1, T2, ... T16)."""
    found: list[Rule] = [
        importlib.import_module(f"{_package.__name__}.{module.name}").RULE
        for module in pkgutil.iter_modules(_package.__path__)
        if module.name.startswith("t") and module.name[1:3].isdigit()
    ]
    return tuple(sorted(found, key=lambda rule: int(rule.id[1:])))


def rule_named(rule_id: str) -> Rule | None:
    return next((rule for rule in all_rules() if rule.id == rule_id), None)
