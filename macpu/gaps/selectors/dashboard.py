"""The MACPU dashboard: the area's open findings by rule, organisation and age, and how many were open each week.

Counts only: no child is named, so the partnership's analysts and the MACPU see the whole area's picture.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from macpu.core import clock
from macpu.gaps.models import FindingStatus, GapFinding
from macpu.gaps.rules.dashboard import AGE_BANDS, FindingSpan, age_band, open_each_week
from macpu.gaps.rules.registry import all_rules
from macpu.organisations.models import Organisation


@dataclass(frozen=True)
class Dashboard:
    open_total: int
    by_rule: list[tuple[str, str, int]]  # id, name, open findings
    by_organisation: list[tuple[str, int]]  # organisation name, open findings its records are evidence of
    by_age: list[tuple[str, int]]
    weekly: list[tuple[dt.date, int]]

    @property
    def weekly_peak(self) -> int:
        return max((count for _, count in self.weekly), default=0)


def gaps_dashboard(*, today: dt.date | None = None) -> Dashboard:
    today = today or clock.today()
    open_findings = list(GapFinding.objects.filter(status=FindingStatus.OPEN).values("rule", "created_at", "evidence"))
    per_rule = Counter(f["rule"] for f in open_findings)
    per_org: Counter[str] = Counter()
    for finding in open_findings:
        per_org.update({e["org"] for e in finding["evidence"]})
    names = dict(Organisation.objects.filter(code__in=per_org).values_list("code", "name"))
    ages = Counter(age_band(clock.local_date(f["created_at"]), today) for f in open_findings)
    spans = [
        FindingSpan(
            clock.local_date(created),
            None if status == FindingStatus.OPEN or changed is None else clock.local_date(changed),
        )
        for created, status, changed in GapFinding.objects.values_list("created_at", "status", "status_changed_at")
    ]
    return Dashboard(
        open_total=len(open_findings),
        by_rule=[(rule.id, rule.name, per_rule.get(rule.id, 0)) for rule in all_rules()],
        by_organisation=[(names.get(code, code), count) for code, count in per_org.most_common(15)],
        by_age=[(label, ages.get(label, 0)) for label, _ in AGE_BANDS],
        weekly=open_each_week(spans, today),
    )
