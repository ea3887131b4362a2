"""A bulk linkage run (`macpu link`): clean, train or load the model, predict, apply the hard rules, cluster, write.

ADR 0019. Splink scores every pair the blocking rules reach; pairs the hard rules forbid (different valid
NHS numbers, a possible twin) are dropped before anything is written or clustered. Nothing here links
records in the database: the output is pairs and clusters for people to act on.
"""

import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from splink import Linker, SettingsCreator
from splink.internals.exceptions import EMTrainingException
from splink.internals.splink_dataframe import SplinkDataFrame

from macpu.core import clock
from macpu.linkage import splink_settings
from macpu.linkage.backends import EngineName, duckdb_connection, engine_for
from macpu.linkage.rules.extract import ExtractError
from macpu.linkage.rules.hard_rules import may_match_sql
from macpu.linkage.services.extracts import Extract, Loaded, Warn, load

PHASES = ("clean", "train", "predict", "cluster", "write")
# Pairs are scored down to this probability (or the run's threshold if lower); the rest are never kept.
PREDICTION_FLOOR = 0.5
SPLINK_LOG_LEVEL = 30  # warnings only: splink's info lines are about its own steps
# Training (ADR 0019): the share of true pairs the deterministic rules find, for the prior; random pairs
# for u; pairs per EM block for m (EM on every blocked pair of 1,000,000 records ran out of time and memory).
DETERMINISTIC_RECALL = 0.7
U_PAIRS = 5e6
EM_PAIRS = 2e6

Progress = Callable[[str, str], None]


class _NoSurePairs(Exception):
    """The extract holds no pair of records that are surely one child, so there is nothing to learn from."""


@dataclass(frozen=True)
class LinkRequest:
    extracts: tuple[Extract, ...]  # one: dedupe; two: link the left to the right
    out: Path
    clusters: Path | None = None
    threshold: float = 0.9
    model: Path | None = None
    save_model: Path | None = None
    engine: EngineName = "duckdb"
    memory_limit: str = "3GB"

    @property
    def link_type(self) -> splink_settings.LinkType:
        return "dedupe_only" if len(self.extracts) == 1 else "link_only"


@dataclass
class LinkResult:
    records: int = 0
    pairs: int = 0
    clusters: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def dedupe_request(path: Path, out: Path, **options: Any) -> LinkRequest:
    return LinkRequest(extracts=(Extract(path, path.name, "records", "extract"),), out=out, **options)


def link_request(left: Path, right: Path, out: Path, **options: Any) -> LinkRequest:
    return LinkRequest(
        extracts=(
            Extract(left, "left", "records_left", "extract_left"),
            Extract(right, "right", "records_right", "extract_right"),
        ),
        out=out,
        **options,
    )


class Run:
    """One run's state, step by step, so that the benchmark can time and inspect each phase."""

    def __init__(self, request: LinkRequest, *, progress: Progress, warn: Warn) -> None:
        self.request = request
        self.progress = progress
        self.warn = warn
        self.result = LinkResult()
        self.connection = duckdb_connection(memory_limit=request.memory_limit)
        self._scratch = tempfile.TemporaryDirectory(prefix="macpu-link-")
        try:
            self.engine = engine_for(request.engine, self.connection, checkpoint_dir=Path(self._scratch.name))
        except BaseException:
            self.connection.close()
            self._scratch.cleanup()
            raise
        self.loaded: list[Loaded] = []
        self.linker: Linker | None = None
        self.predictions: SplinkDataFrame | None = None
        self.inputs: dict[str, str] = {}

    def close(self) -> None:
        self.engine.close()
        self.connection.close()
        self._scratch.cleanup()

    def _timed(self, phase: str, started: float) -> None:
        self.result.seconds[phase] = self.result.seconds.get(phase, 0.0) + time.perf_counter() - started

    def clean(self, *, today: dt.date | None = None) -> None:
        started = time.perf_counter()
        for extract in self.request.extracts:
            self.progress("clean", f"reading {extract.path.name}")
            loaded = load(self.connection, extract, today=today or clock.today(), warn=self.warn)
            if not loaded.records:
                raise ExtractError(f"{extract.path.name} has no records, only a header")
            self.loaded.append(loaded)
            self.result.records += loaded.records
            for name, count in loaded.rejected.items():
                self.result.rejected[name] = self.result.rejected.get(name, 0) + count
            self.progress("clean", f"{extract.path.name}: {loaded.records:,} records")
        self._timed("clean", started)

    def train(self) -> None:
        started = time.perf_counter()
        inputs = [self.engine.register(x.extract.table, x.extract.table_source) for x in self.loaded]
        self.inputs = {x.extract.table: frame.physical_name for x, frame in zip(self.loaded, inputs, strict=True)}
        if self.request.model:
            self.progress("train", f"using the model in {self.request.model.name}")
            self.linker = Linker(inputs, self._saved_model(), log_level=SPLINK_LOG_LEVEL)
        else:
            columns = set().union(*(x.columns for x in self.loaded))
            self.linker = Linker(
                inputs, splink_settings.settings(self.request.link_type, columns), log_level=SPLINK_LOG_LEVEL
            )
            try:
                self._estimate(self.linker)
            except (EMTrainingException, _NoSurePairs) as error:
                raise ExtractError(
                    f"{self.request.extracts[0].path.name}: too few similar records to train a model; "
                    "train on a larger extract with --save-model and use it here with --model"
                ) from error
        if self.request.save_model:
            self.linker.misc.save_model_to_json(str(self.request.save_model), overwrite=True)
            self.progress("train", f"model saved to {self.request.save_model.name}")
        self._timed("train", started)

    def _saved_model(self) -> SettingsCreator:
        path = self.request.model
        if path is None:
            raise ValueError("no model file was given")
        try:
            model = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise ExtractError(f"{path.name} is not a splink model (JSON) this command saved") from error
        if not isinstance(model, dict):
            raise ExtractError(f"{path.name} is not a splink model (JSON) this command saved")
        try:
            return splink_settings.from_model(model, self.request.link_type)
        except splink_settings.NotAModel as error:
            raise ExtractError(f"{path.name} is {error}") from None

    def _estimate(self, linker: Linker) -> None:
        self.progress("train", "estimating the share of matching pairs")
        linker.training.estimate_probability_two_random_records_match(
            list(splink_settings.DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
        )
        # No pair surely the same child (same NHS number, or same names and date of birth): a prior of nought,
        # on which splink's scoring fails (log of 0). Splink keeps the estimate only in its settings object.
        if linker._settings_obj._probability_two_random_records_match <= 0:
            raise _NoSurePairs
        self.progress("train", "estimating u from random pairs")
        linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=1)
        for block in splink_settings.training_blocks():
            self.progress("train", "estimating m by expectation maximisation")
            linker.training.estimate_parameters_using_expectation_maximisation(block, max_pairs=EM_PAIRS)

    def predict(self, *, floor: float = PREDICTION_FLOOR) -> None:
        started = time.perf_counter()
        if self.linker is None:
            raise RuntimeError("train (or load) the model before predicting")
        self.progress("predict", "scoring the pairs the blocking rules reach")
        self.predictions = self.linker.inference.predict(threshold_match_probability=min(floor, self.request.threshold))
        self.engine.create("links", self._links_sql(self.predictions.physical_name))
        self._timed("predict", started)

    def _links_sql(self, predictions: str) -> str:
        # Link-only pairs are always left to right; splink names the sides by the datasets' names.
        source = "source_dataset_l, source_dataset_r, " if self.request.link_type == "link_only" else ""
        return (
            f"select unique_id_l, unique_id_r, {source}match_probability, match_weight from {predictions} "  # noqa: S608  # names are our own; values bound
            f"where {may_match_sql()}"
        )

    def cluster(self, threshold: float | None = None) -> str:
        """Cluster the records joined by links at or above the threshold; the name of the table of clusters."""
        from splink.clustering import cluster_pairwise_predictions_at_threshold

        started = time.perf_counter()
        self.progress("cluster", "grouping linked records")
        nodes, edges = self._graph()
        clusters = cluster_pairwise_predictions_at_threshold(
            nodes, edges, self.engine.db_api, "node_id", threshold_match_probability=threshold or self.request.threshold
        )
        self.engine.create("clusters", f"select node_id, cluster_id from {clusters.physical_name}")  # noqa: S608  # names are our own; values bound
        self._timed("cluster", started)
        return "clusters"

    def _graph(self) -> tuple[str, str]:
        if self.request.link_type == "dedupe_only":
            self.engine.create("nodes", f"select unique_id as node_id from {self.inputs[self.loaded[0].extract.table]}")  # noqa: S608  # names are our own; values bound
            self.engine.create(
                "edges", "select unique_id_l as node_id_l, unique_id_r as node_id_r, match_probability from links"
            )
            return "nodes", "edges"
        self.engine.create(
            "nodes",
            " union all ".join(
                f"select '{x.extract.table_source}|' || unique_id as node_id from {self.inputs[x.extract.table]}"  # noqa: S608  # names are our own; values bound
                for x in self.loaded
            ),
        )
        self.engine.create(
            "edges",
            "select source_dataset_l || '|' || unique_id_l as node_id_l, source_dataset_r || '|' || unique_id_r "
            "as node_id_r, match_probability from links",
        )
        return "nodes", "edges"

    def write(self) -> None:
        started = time.perf_counter()
        self.engine.fetch("links", "links_out")
        self.progress("write", f"writing pairs at or above {self.request.threshold} to {self.request.out.name}")
        self.result.pairs = _copy(self.connection, self._pairs_sql(), self.request.out)
        if self.request.clusters:
            self.engine.fetch("clusters", "clusters_out")
            self.progress("write", f"writing clusters to {self.request.clusters.name}")
            _copy(self.connection, self._clusters_sql(), self.request.clusters)
            self.result.clusters = self.connection.sql(
                "select count(distinct cluster_id) from clusters_out"
            ).fetchall()[0][0]
        self._timed("write", started)

    def _pairs_sql(self) -> str:
        left, right = "unique_id_l", "unique_id_r"
        if self.request.link_type == "link_only":  # the left file's record first, whichever way splink put it
            flipped = "source_dataset_l <> 'extract_left'"
            left = f"case when {flipped} then unique_id_r else unique_id_l end"
            right = f"case when {flipped} then unique_id_l else unique_id_r end"
        return (
            f"select {left} as record_id_l, {right} as record_id_r, round(match_probability, 6) as match_probability "  # noqa: S608  # names are our own; values bound
            f"from links_out where match_probability >= {float(self.request.threshold)!r} "
            "order by match_probability desc, record_id_l, record_id_r"
        )

    def _clusters_sql(self) -> str:
        sources = {x.extract.table_source: x.extract.source for x in self.loaded}
        source = (
            "case "
            + " ".join(
                f"when split_part(node_id, '|', 1) = '{key}' then '{_quoted(value)}'" for key, value in sources.items()
            )
            + " end"
        )
        record = "node_id" if self.request.link_type == "dedupe_only" else "substr(node_id, strpos(node_id, '|') + 1)"
        if self.request.link_type == "dedupe_only":
            source = f"'{_quoted(self.loaded[0].extract.source)}'"
        return (
            f"select {source} as source, {record} as record_id, dense_rank() over (order by cluster_id) as cluster_id "  # noqa: S608  # names are our own; values bound
            "from clusters_out order by cluster_id, source, record_id"
        )


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _copy(connection: duckdb.DuckDBPyConnection, sql: str, path: Path) -> int:
    connection.execute(f"create or replace temp table written as {sql}")
    try:
        connection.execute("copy written to ? (format csv, header true)", [str(path)])
    except duckdb.IOException as error:
        raise ExtractError(f"{path} cannot be written") from error
    count: int = connection.sql("select count(*) from written").fetchall()[0][0]
    connection.execute("drop table written")
    return count


def run(request: LinkRequest, *, progress: Progress, warn: Warn) -> LinkResult:
    """The whole run, phase by phase; ExtractError when an input cannot be linked at all."""
    linkage = Run(request, progress=progress, warn=warn)
    try:
        linkage.clean()
        linkage.train()
        linkage.predict()
        if request.clusters:
            linkage.cluster()
        linkage.write()
        return linkage.result
    finally:
        linkage.close()
