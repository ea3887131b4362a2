"""The dashboard's sections built from facts: rows, suppression across tables that share a total, derived figures."""

from macpu.partnership.rules.dashboard import (
    ReferralFact,
    disagreements_section,
    re_referrals_section,
    referrals_section,
)
from macpu.partnership.rules.publication import section_as_dict, section_csv
from macpu.partnership.rules.suppression import Figure


def _facts(source: str, outcome: str, count: int, re_referral: bool = False) -> list[ReferralFact]:
    return [ReferralFact(source, outcome, re_referral) for _ in range(count)]


def test_every_source_has_a_row_and_its_key() -> None:
    section = referrals_section(_facts("health", "assessment", 7) + _facts("family", "early_help", 5))
    table = section_as_dict(section)["tables"][0]
    rows = {row["key"]: row for row in table["rows"]}
    assert rows["health"]["counts"][table["columns"].index("Assessment")] == 7
    assert rows["family"]["total"] == 5
    assert {"education", "police", "anonymous", "child", "professional_unknown"} <= set(rows)
    assert table["grand_total"] == 12


def test_re_referrals_are_withheld_when_the_referrals_total_is() -> None:
    facts = _facts("family", "early_help", 6, re_referral=True) + _facts("family", "early_help", 6)
    shown = section_as_dict(re_referrals_section(facts, Figure(12)))["tables"][0]["rows"][0]
    assert (shown["counts"], shown["total"], shown["derived"]) == ([6, 6], 12, {"re_referral_rate": 50.0})
    withheld = section_as_dict(re_referrals_section(facts, Figure(None)))["tables"][0]["rows"][0]
    assert (withheld["counts"], withheld["total"], withheld["derived"]) == (
        [None, None],
        None,
        {"re_referral_rate": None},
    )


def test_a_stage_the_dashboard_does_not_know_still_has_a_row() -> None:
    section = disagreements_section({"practitioner": {"open": 6, "resolved": 9}, "tribunal": {"open": 5}})
    rows = section_as_dict(section)["tables"][0]["rows"]
    assert [row["key"] for row in rows] == ["practitioner", "manager", "senior_manager", "partnership", "tribunal"]
    assert rows[0]["counts"] == [6, 9]


def test_the_csv_writes_withheld_figures_as_c_and_explains_them() -> None:
    csv = section_csv(referrals_section(_facts("police", "assessment", 3) + _facts("health", "assessment", 9)))
    rows = {line.split(",")[0]: line.split(",")[1:] for line in csv.splitlines() if line.startswith("Professional")}
    assert rows["Professional: police"][-1] == "[c]"  # the row total, 3
    # 12 assessments in all, less the 9 from health, would give the police's 3 back: the 9 is withheld too
    assert rows["Professional: health"][-1] == "[c]"
    assert "Total,0,0,0,12,0,0,12" in csv
    assert not [value for values in rows.values() for value in values if value in {"1", "2", "3", "4"}]
    assert "[c] suppressed: fewer than 5" in csv.splitlines()[-1]
