"""The partnership dashboard's sections, built from plain facts and suppressed (issue 9, point 5; ADR 0022).

Each section is one or more tables of counts, every one through `suppression.suppress_table`, with the rates and
medians worked out from the published figures only. The page, the CSV files, the API and `macpu report partnership`
all publish these objects, so they agree figure for figure.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from macpu.organisations.rules.vocabulary import SECTOR_LABELS, TYPE_LABELS, OrganisationType, Sector
from macpu.partnership.rules.participation import OrganisationPart
from macpu.partnership.rules.referrals import (
    NON_PROFESSIONAL_SOURCES,
    OUTCOME_TITLES,
    OUTCOMES,
    UNKNOWN_PROFESSIONAL,
)
from macpu.partnership.rules.suppression import (
    Figure,
    SuppressedTable,
    rate,
    shown_median,
    suppress_table,
    withhold_all,
)
from macpu.partnership.rules.timings import MEASURE_TITLES, Measure, Standing, Timing

SECTION_KEYS = ("referrals", "re_referrals", "timeliness", "participation", "gap_findings", "disagreements")


@dataclass(frozen=True)
class Derived:
    """A figure per row worked out from the row's published counts (a rate in %, a median): None when withheld."""

    key: str
    title: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class DashboardTable:
    key: str
    caption: str
    row_heading: str
    table: SuppressedTable
    derived: tuple[Derived, ...] = ()
    row_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    summary: str
    tables: tuple[DashboardTable, ...]


@dataclass(frozen=True)
class ReferralFact:
    source: str  # a sector code or a non-professional referrer type
    outcome: str
    re_referral: bool


@dataclass(frozen=True)
class PartFact:
    org_type: str
    meeting_kind: str
    part: OrganisationPart


@dataclass(frozen=True)
class AnswerFact:
    org_type: str
    working_days: int


@dataclass(frozen=True)
class FindingFact:
    rule: str
    rule_name: str
    status: str  # open, acknowledged or resolved
    organisations: tuple[str, ...]  # names of the organisations whose records are its evidence


def _sum(*figures: Figure) -> Figure:
    return Figure(None if any(f.value is None for f in figures) else sum(f.value or 0 for f in figures))


def _derived(key: str, title: str, table: SuppressedTable, of_row: Callable[[int], float | None]) -> Derived:
    return Derived(key, title, tuple(of_row(n) for n in range(len(table.rows))))


SOURCE_TITLES: dict[str, str] = {
    **{sector.value: f"Professional: {SECTOR_LABELS[sector].lower()}" for sector in Sector},
    UNKNOWN_PROFESSIONAL: "Professional: organisation not known",
    **NON_PROFESSIONAL_SOURCES,
}


def referrals_section(facts: Sequence[ReferralFact]) -> Section:
    counts = Counter((fact.source, fact.outcome) for fact in facts)
    sources = list(SOURCE_TITLES)
    rows = [(SOURCE_TITLES[s], [counts[(s, outcome)] for outcome in OUTCOMES]) for s in sources]
    table = suppress_table([OUTCOME_TITLES[o] for o in OUTCOMES], rows)
    return Section(
        "referrals",
        "Referrals and their outcomes",
        "Referrals received in the period, by where they came from (the referring organisation's sector, or the "
        "referrer's relationship to the child) and the decision on them.",
        (DashboardTable("by_source", "Referrals by source and outcome", "Source", table, row_keys=tuple(sources)),),
    )


def re_referrals_section(facts: Sequence[ReferralFact], referrals_total: Figure) -> Section:
    """`referrals_total`: the referrals section's published grand total, the same number of referrals: when that
    table withholds it, so does this one, so that neither gives back what the other withholds."""
    re_referred = sum(fact.re_referral for fact in facts)
    table = suppress_table(
        ["Re-referrals within 12 months", "Other referrals"],
        [("Referrals in the period", [re_referred, len(facts) - re_referred])],
        with_column_totals=False,
    )
    if referrals_total.suppressed:
        table = withhold_all(table)
    derived = _derived(
        "re_referral_rate", "Re-referral rate (%)", table, lambda n: rate(table.rows[n].cells[0], table.rows[n].total)
    )
    return Section(
        "re_referrals",
        "Re-referrals within 12 months",
        "Referrals of a child who had been referred in the 12 months before.",
        (DashboardTable("re_referrals", "Re-referrals", "Referrals", table, (derived,), ("all",)),),
    )


def timeliness_section(timings: Sequence[Timing]) -> Section:
    measures = list(Measure)
    standings = [Standing.WITHIN, Standing.OVER, Standing.OVERDUE]
    counts = Counter((t.measure, t.standing) for t in timings)
    table = suppress_table(
        ["Within timescale", "Over timescale", "Not done, overdue"],
        [(MEASURE_TITLES[m], [counts[(m, s)] for s in standings]) for m in measures],
        with_column_totals=False,
    )
    days = {m: [t.working_days for t in timings if t.measure is m and t.working_days is not None] for m in measures}
    within = _derived(
        "within_rate", "Within timescale (%)", table, lambda n: rate(table.rows[n].cells[0], table.rows[n].total)
    )
    median = _derived(
        "median_working_days",
        "Median working days",
        table,
        lambda n: shown_median(days[measures[n]], _sum(table.rows[n].cells[0], table.rows[n].cells[1])),
    )
    return Section(
        "timeliness",
        "Timeliness against the statutory timescales",
        "Each step against the timescale in force for the area, counted from the day its clock started, in "
        "working days: referral to decision, decision to strategy discussion, and the latest strategy discussion of "
        "a section 47 enquiry to the initial conference.",
        (
            DashboardTable(
                "timeliness",
                "Steps within and over their timescale",
                "Step",
                table,
                (within, median),
                tuple(m.value for m in measures),
            ),
        ),
    )


def _type_title(org_type: str) -> str:
    try:
        return TYPE_LABELS[OrganisationType(org_type)]
    except ValueError:
        return "Organisation not registered"


def _by_type(columns: list[str], counts: Mapping[str, list[int]]) -> tuple[SuppressedTable, tuple[str, ...]]:
    types = sorted(counts, key=_type_title)
    return suppress_table(columns, [(_type_title(t), counts[t]) for t in types]), tuple(types)


def _attendance(facts: Iterable[PartFact]) -> DashboardTable:
    counts: dict[str, list[int]] = {}
    for fact in facts:
        part, row = fact.part, counts.setdefault(fact.org_type, [0, 0, 0])
        if part.invited and part.attended:
            row[0] += 1
        elif part.invited and part.attended is False:
            row[1] += 1
        elif part.attended and not part.invited:
            row[2] += 1
    columns = ["Invited and attended", "Invited, did not attend", "Attended, no invitation recorded"]
    table, keys = _by_type(columns, counts)
    rates = _derived(
        "attended_when_invited_rate",
        "Attended when invited (%)",
        table,
        lambda n: rate(table.rows[n].cells[0], _sum(*table.rows[n].cells[:2])),
    )
    return DashboardTable("attendance", "Invitations and attendance", "Agency type", table, (rates,), keys)


def _reports(facts: Iterable[PartFact]) -> DashboardTable:
    counts: dict[str, list[int]] = {}
    for fact in facts:
        expected = fact.part.report_sent is not None and (fact.part.invited or fact.part.attended)
        if expected:
            counts.setdefault(fact.org_type, [0, 0])[0 if fact.part.report_sent else 1] += 1
    table, keys = _by_type(["Report sent", "No report"], counts)
    rates = _derived(
        "report_rate", "Sent a report (%)", table, lambda n: rate(table.rows[n].cells[0], table.rows[n].total)
    )
    return DashboardTable("reports", "Reports to conferences", "Agency type", table, (rates,), keys)


def _actions(facts: Iterable[PartFact]) -> DashboardTable:
    counts: dict[str, list[int]] = {}
    for fact in facts:
        part = fact.part
        if part.actions:
            row = counts.setdefault(fact.org_type, [0, 0, 0])
            row[0] += part.actions_completed_on_time
            row[1] += part.actions_completed - part.actions_completed_on_time
            row[2] += part.actions - part.actions_completed
    table, keys = _by_type(["Completed by the due date", "Completed late", "Not completed"], counts)
    rates = _derived(
        "completed_rate",
        "Completed (%)",
        table,
        lambda n: rate(_sum(*table.rows[n].cells[:2]), table.rows[n].total),
    )
    return DashboardTable("actions", "Actions agreed at meetings", "Agency type", table, (rates,), keys)


def _answers(facts: Sequence[AnswerFact]) -> DashboardTable:
    counts: dict[str, list[int]] = {}
    for fact in facts:
        band = 0 if fact.working_days <= 1 else 1 if fact.working_days <= 5 else 2
        counts.setdefault(fact.org_type, [0, 0, 0])[band] += 1
    table, keys = _by_type(["Within 1 working day", "2 to 5 working days", "More than 5 working days"], counts)
    days = {key: [f.working_days for f in facts if f.org_type == key] for key in keys}
    median = _derived(
        "median_working_days",
        "Median working days",
        table,
        lambda n: shown_median(days[keys[n]], table.rows[n].total),
    )
    return DashboardTable(
        "information_requests", "Answers to information requests", "Agency type", table, (median,), keys
    )


def participation_section(parts: Sequence[PartFact], answers: Sequence[AnswerFact]) -> Section:
    return Section(
        "participation",
        "Participation by agency type",
        "For the strategy discussions, conferences and core groups held in the period: who was invited and "
        "attended, who sent a report to a conference, who completed the actions given to them, and how fast "
        "agencies answered requests for information.",
        (_attendance(parts), _reports(parts), _actions(parts), _answers(answers)),
    )


FINDING_STATUSES = ("open", "acknowledged", "resolved")


def gap_findings_section(findings: Sequence[FindingFact], rules: Sequence[tuple[str, str]]) -> Section:
    by_rule = Counter((f.rule, f.status) for f in findings)
    rule_table = suppress_table(
        ["Open", "Acknowledged", "Resolved"],
        [(f"{rule} {name}", [by_rule[(rule, status)] for status in FINDING_STATUSES]) for rule, name in rules],
    )
    by_org: dict[str, list[int]] = {}
    for finding in findings:
        for name in set(finding.organisations):
            by_org.setdefault(name, [0, 0, 0])[FINDING_STATUSES.index(finding.status)] += 1
    names = sorted(by_org)
    # A finding's evidence may come from several agencies: the rows overlap, so no column totals.
    org_table = suppress_table(
        ["Open", "Acknowledged", "Resolved"], [(name, by_org[name]) for name in names], with_column_totals=False
    )
    return Section(
        "gap_findings",
        "Gap findings",
        "Findings of the gap rules that arose in the period, by rule and by the agency whose records are their "
        "evidence, and where they stand now: open, acknowledged, or resolved (action taken, not applicable, or no "
        "longer applies).",
        (
            DashboardTable("by_rule", "Gap findings by rule", "Rule", rule_table, row_keys=tuple(r for r, _ in rules)),
            DashboardTable("by_agency", "Gap findings by agency", "Agency", org_table, row_keys=tuple(names)),
        ),
    )


DISAGREEMENT_STAGES = {
    "practitioner": "Practitioner",
    "manager": "Manager",
    "senior_manager": "Senior manager",
    "partnership": "Safeguarding partnership",
}
DISAGREEMENT_STATES = {"open": "Open", "resolved": "Resolved"}


def disagreements_section(by_stage: Mapping[str, Mapping[str, int]]) -> Section:
    """`by_stage`: for each stage reached, how many disagreements raised in the period are open and resolved."""
    stages = [*DISAGREEMENT_STAGES, *sorted(set(by_stage) - set(DISAGREEMENT_STAGES))]
    table = suppress_table(
        list(DISAGREEMENT_STATES.values()),
        [
            (
                DISAGREEMENT_STAGES.get(stage, stage),
                [by_stage.get(stage, {}).get(state, 0) for state in DISAGREEMENT_STATES],
            )
            for stage in stages
        ],
    )
    return Section(
        "disagreements",
        "Professional disagreements",
        "Disagreements raised in the period by an agency of the area, by the stage of escalation they reached, "
        "open or resolved as they stood at the end of the period.",
        (
            DashboardTable(
                "by_stage", "Disagreements by stage and outcome", "Stage reached", table, row_keys=tuple(stages)
            ),
        ),
    )
