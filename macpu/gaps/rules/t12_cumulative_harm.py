"""T12 Cumulative harm: low-level events from several agencies that add up to neglect.

Brief section 6, T12 [RiP-Triennial]: a weighted score over a rolling 12 months of low-level events from all
agencies crosses a configured threshold, especially when no single agency's events would trigger alone.

The brief gives no numbers; these are macpu's, to be calibrated locally against audited cases. Each low-level
event scores points over a rolling 365 days: 2 for each appointment the child was not brought to; 2 for each
school attendance period below 90% (the Department for Education's measure of persistent absence) or with 5 or
more unexplained absences (a school week); 1 for each emergency department or minor injury unit attendance, 2
when it was for an injury; 2 for each police incident at the child's address; 2 for each concern about housing,
parental substance misuse or parental mental health. Events that show care not given (not brought, not in school)
or a harmful home count double an attendance for care, which most children need now and then. The finding fires
at 8 points from at least 2 agencies: one event never reaches it, and neither do a few of one kind, but about
four low-level events across two agencies in a year do, which is the pattern no single agency sees. Every weight,
the threshold, the window and the number of agencies are configurable; with `min_agencies` at 1 a single
agency's accumulation is flagged too. The explanation says which agencies contributed what.

The evidence is the window's events, oldest first, up to the one that took the score over the threshold, so
later events (shown in the explanation) do not make a new finding; when the oldest leaves the window and the
score still crosses, a new finding is made. Probable duplicates' records count, worded as such.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from macpu.gaps.rules.base import ChildFacts, Finding, GapRecord, Recipient, Threshold, Thresholds, Unit

PARENTAL = ("housing", "parental_substance_misuse", "parental_mental_health")
CARE_SETTINGS = {"emergency_department": "emergency department", "minor_injury_unit": "minor injury unit"}
CATEGORY_NAMES = {
    "housing": "housing",
    "parental_substance_misuse": "parental substance misuse",
    "parental_mental_health": "parental mental health",
}


@dataclass(frozen=True)
class Scored:
    record: GapRecord
    points: float
    what: str


@dataclass(frozen=True)
class CumulativeHarm:
    id: str = "T12"
    name: str = "Cumulative harm"
    version: int = 1
    source: str = "Brief section 6, T12 [RiP-Triennial]; weights and threshold are macpu's (module docstring)"
    thresholds: tuple[Threshold, ...] = (
        Threshold("window_days", 365, "The rolling period scored, in days", Unit.DAYS),
        Threshold("threshold", 8, "Points at which the score is flagged", Unit.POINTS),
        Threshold("min_agencies", 2, "Agencies whose records must contribute"),
        Threshold("persistent_absence_percent", 90, "School attendance below this percentage scores", Unit.PERCENT),
        Threshold("unexplained_absences", 5, "Unexplained absences in a period at which it scores"),
        Threshold("was_not_brought_points", 2, "Points for each appointment the child was not brought to", Unit.POINTS),
        Threshold("school_absence_points", 2, "Points for each school attendance period that scores", Unit.POINTS),
        Threshold(
            "unscheduled_care_points", 1, "Points for each emergency department or minor injury attendance", Unit.POINTS
        ),
        Threshold("unscheduled_injury_points", 2, "Points for such an attendance with an injury", Unit.POINTS),
        Threshold("police_incident_points", 2, "Points for each police incident at the child's address", Unit.POINTS),
        Threshold(
            "parental_concern_points",
            2,
            "Points for each housing, parental substance or mental health concern",
            Unit.POINTS,
        ),
    )

    def evaluate(self, facts: ChildFacts, thresholds: Thresholds) -> list[Finding]:
        since = facts.as_of - dt.timedelta(days=int(thresholds["window_days"]))
        window = [r for r in facts.own() if since < r.occurred_on <= facts.as_of]
        scored = [s for r in window if (s := _score(r, thresholds)) is not None]
        crossing = _crossing(scored, thresholds)
        if crossing is None:
            return []
        evidence = tuple(s.record for s in scored[: crossing + 1])
        return [
            Finding(
                self.id,
                self.version,
                evidence[-1].occurred_on,
                evidence,
                _explain(scored, thresholds, facts.as_of),
                (Recipient.MACPU,),
            )
        ]


def _crossing(scored: list[Scored], thresholds: Thresholds) -> int | None:
    """The index of the event that took the score over the threshold with enough agencies contributing."""
    total, agencies = 0.0, set()
    for index, item in enumerate(scored):
        total += item.points
        agencies.add(item.record.org)
        if total >= thresholds["threshold"] and len(agencies) >= thresholds["min_agencies"]:
            return index
    return None


def _score(record: GapRecord, t: Thresholds) -> Scored | None:
    details = record.details
    if record.type == "health_appointment" and details.get("outcome") == "was_not_brought":
        return Scored(record, t["was_not_brought_points"], f"not brought {record.on}")
    if record.type == "school_attendance":
        return _school(record, t)
    if record.type == "unscheduled_care" and details.get("setting") in CARE_SETTINGS:
        setting = CARE_SETTINGS[str(details.get("setting"))]
        if details.get("injury"):
            return Scored(record, t["unscheduled_injury_points"], f"{setting} with an injury {record.on}")
        return Scored(record, t["unscheduled_care_points"], f"{setting} {record.on}")
    if record.type == "police_incident":
        return Scored(record, t["police_incident_points"], f"police incident {record.on}")
    if record.type == "concern":
        found = [CATEGORY_NAMES[c] for c in PARENTAL if c in details.get("categories", ())]
        if found:
            return Scored(record, t["parental_concern_points"], f"{' and '.join(found)} concern {record.on}")
    return None


def _school(record: GapRecord, t: Thresholds) -> Scored | None:
    details = record.details
    percent = _number(details.get("attendance_percent"))
    unexplained = _number(details.get("unexplained_absences"))
    low = percent is not None and percent < t["persistent_absence_percent"]
    if not low and (unexplained is None or unexplained < t["unexplained_absences"]):
        return None
    parts = [f"attendance {percent:g}%" if percent is not None else "", ""]
    if unexplained:
        parts[1] = f"{unexplained:g} unexplained absences"
    period = _period(details.get("period_start"), details.get("period_end"))
    return Scored(record, t["school_absence_points"], f"{' and '.join(p for p in parts if p)} from {period}")


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _period(start: object, end: object) -> str:
    """'5 January to 13 February 2026', from the period's ISO dates."""
    try:
        first, last = dt.date.fromisoformat(str(start)), dt.date.fromisoformat(str(end))
    except ValueError:
        return f"{start} to {end}"
    return f"{first.day} {first:%B}{f' {first.year}' if first.year != last.year else ''} to {last.day} {last:%B %Y}"


def _explain(scored: list[Scored], thresholds: Thresholds, as_of: dt.date) -> str:
    by_agency: dict[str, list[Scored]] = defaultdict(list)
    for item in scored:
        by_agency[item.record.by].append(item)
    totals = {agency: sum(i.points for i in items) for agency, items in by_agency.items()}
    total, limit = sum(totals.values()), thresholds["threshold"]
    alone = [agency for agency, points in totals.items() if points >= limit]
    single = "no single agency's records reach it alone" if not alone else f"{alone[0]}'s alone reach it"
    parts = "; ".join(
        f"{agency}, {_points(totals[agency])}: {', '.join(i.what for i in items)}"
        for agency, items in by_agency.items()
    )
    return (
        f"Low-level concerns from {len({i.record.org for i in scored})} agencies score {_points(total)} in the "
        f"{thresholds['window_days']:g} days to {as_of.day} {as_of:%B %Y} (threshold {limit:g}); {single}: {parts}. "
        "Discuss at the MACPU with the merged chronology."
    )


def _points(points: float) -> str:
    return "1 point" if points == 1 else f"{points:g} points"


RULE = CumulativeHarm()
