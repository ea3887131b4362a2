"""Splink's settings, built from the comparison-level table in `rules/levels.py` (ADR 0019).

Custom conditions are written in DuckDB's SQL and marked so, for sqlglot to translate them on Spark; the
similarity levels are splink's own, which know each engine's function names.
"""

from typing import Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from macpu.linkage.rules.levels import COMPARISONS, FIXED_M, OPTIONAL_COMPARISONS, Comparison, Level

LinkType = Literal["dedupe_only", "link_only"]

# The prediction blocking rules: about 22 million comparisons for 1,000,000 records, 95% of true pairs.
PREDICTION_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("nhs_number",),
    ("dob_unordered", "given_initial"),
    ("dob_unordered", "family_mp"),
    ("dob_unordered", "family_first_mp"),
    ("given_mp", "family_mp", "yob"),
    ("given_2", "family_2", "yob"),
    ("dob_md", "given_canon"),
    ("dob_md", "given_canon_alt"),
    ("postcode", "given_initial"),
    ("postcode", "family_mp"),
)
# Expectation maximisation runs on these blocks, each estimating the fields outside it.
TRAINING_BLOCKS: tuple[tuple[str, ...], ...] = (("dob",), ("given_mp", "family_mp"))
# Pairs almost surely the same child, for the prior: one in how many random pairs matches.
DETERMINISTIC_RULES = (
    "l.nhs_number = r.nhs_number",
    "l.given_name = r.given_name and l.family_name = r.family_name and l.dob = r.dob",
)
# Columns the levels and blocks read besides the compared ones.
KEY_COLUMNS = (
    "given_canon",
    "given_canon_alt",
    "given_mp",
    "given_initial",
    "given_2",
    "family_mp",
    "family_first",
    "family_last",
    "family_first_mp",
    "family_2",
    "dob_s",
    "dob_unordered",
    "dob_md",
    "yob",
    "postcode_district",
)


Probabilities = tuple[float | None, float | None]  # m and u of a level, when a saved model gives them


def _level(comparison: Comparison, level: Level, learnt: Probabilities = (None, None)) -> ComparisonLevelCreator:
    creator: ComparisonLevelCreator
    if level.kind == "exact":
        creator = cll.ExactMatchLevel(level.column)
        if level.term_frequency:
            creator = creator.configure(tf_adjustment_column=level.column)
    elif level.kind == "custom":
        creator = cll.CustomLevel(level.sql, level.label, base_dialect_str="duckdb")
    elif level.kind == "jaro_winkler":
        creator = cll.JaroWinklerLevel(level.column, level.threshold)
    elif level.kind == "damerau_levenshtein":
        creator = cll.DamerauLevenshteinLevel(level.column, int(level.threshold))
    elif level.kind == "within_a_year":
        creator = cll.AbsoluteDateDifferenceLevel(level.column, input_is_string=False, threshold=1, metric="year")
    else:
        creator = cll.ElseLevel()
    fixed_m = FIXED_M.get((comparison.name, level.label))
    if fixed_m is not None:
        creator = creator.configure(m_probability=fixed_m, fix_m_probability=True)
    m, u = learnt
    if m is not None:
        creator = creator.configure(m_probability=m)
    if u is not None:
        creator = creator.configure(u_probability=u)
    return creator.configure(label_for_charts=level.label)


def comparison(definition: Comparison, learnt: list[Probabilities] | None = None) -> cl.CustomComparison:
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [cll.NullLevel(definition.null_column)]
    probabilities = learnt or [(None, None)] * len(definition.levels)
    levels += [_level(definition, level, p) for level, p in zip(definition.levels, probabilities, strict=True)]
    return cl.CustomComparison(comparison_levels=levels, output_column_name=definition.name)


def comparisons_for(columns: set[str]) -> list[Comparison]:
    """The comparisons a run makes: the standard ones, and the optional ones whose column the extract has."""
    return [*COMPARISONS, *(c for name, c in OPTIONAL_COMPARISONS.items() if name in columns)]


def blocking_rules() -> list[BlockingRuleCreator | dict[str, Any]]:
    return [block_on(*columns) for columns in PREDICTION_BLOCKS]


def training_blocks() -> list[BlockingRuleCreator]:
    return [block_on(*columns) for columns in TRAINING_BLOCKS]


def settings(link_type: LinkType, columns: set[str]) -> SettingsCreator:
    """The settings of a new model for an extract with these cleaned columns."""
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=[comparison(c) for c in comparisons_for(columns)],
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
    )


class NotAModel(ValueError):
    """The file is not a model this command saved, or one saved with other comparison levels."""


def from_model(model: dict[str, Any], link_type: LinkType) -> SettingsCreator:
    """A saved model's settings, rebuilt from the level table for this run's link type and engine.

    The file's SQL is in the dialect of the engine that trained it; rebuilding from the table and taking only
    the learnt numbers (m and u of each level, the prior) lets a model trained on DuckDB run on Spark, and a
    model trained on a dedupe link two files. A model whose levels differ from the table is refused.
    """
    known = {c.name: c for c in (*COMPARISONS, *OPTIONAL_COMPARISONS.values())}
    try:
        saved = {c["output_column_name"]: c for c in model["comparisons"]}
        prior = float(model["probability_two_random_records_match"])
    except (KeyError, TypeError, ValueError) as error:
        raise NotAModel("not a splink model saved by macpu link") from error
    if set(saved) - set(known) or {c.name for c in COMPARISONS} - set(saved):
        raise NotAModel("a model with other comparisons than this version of macpu link makes")
    comparisons: list[ComparisonCreator | dict[str, Any]] = []
    for name, definition in known.items():
        if name in saved:
            comparisons.append(comparison(definition, _learnt(definition, saved[name])))
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        probability_two_random_records_match=prior,
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
    )


def _learnt(definition: Comparison, saved: dict[str, Any]) -> list[Probabilities]:
    levels = [level for level in saved.get("comparison_levels", []) if not level.get("is_null_level")]
    labels = [level.get("label_for_charts") for level in levels]
    if labels != [level.label for level in definition.levels]:
        raise NotAModel(f"a model whose {definition.name} levels differ from this version of macpu link")
    return [(level.get("m_probability"), level.get("u_probability")) for level in levels]
