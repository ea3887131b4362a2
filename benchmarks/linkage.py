"""Deduplicate 100,000 and 1,000,000 synthetic child records with `macpu link`'s service and measure it.

    .venv/bin/python benchmarks/linkage.py [--sizes 100000,1000000] [--seed 42] [--engine duckdb|spark]

For each size: records with known truth are generated (`benchmarks/linkage_data.py`, not timed) and written
as an agency extract; then, in a process of its own, the extract is deduplicated through the same code as
`macpu link --dedupe A.csv --out links.csv --clusters clusters.csv` (`linkage.services.bulk.Run`), phase by
phase: clean, train (u by random sampling, m by EM), predict, cluster at 0.9, write. Printed: the time of each
phase and in all, the process's peak memory when the files are written, and, measured afterwards:
- blocking recall: the share of true pairs (two records of one child) that some blocking rule reaches;
- scored recall: the share of true pairs splink scores at 0.5 or more;
- pairwise precision, recall and F1 of the written pairs (after the hard rules), and cluster precision,
  recall and F1 (pair counting: two records in one cluster against two records of one child), at 0.9 and at
  other thresholds.
Targets (issue 8): 1,000,000 records in under 150 s, under 4 GB, cluster F1 at least 0.98.
Spark: `--engine spark` runs the same model on a local Spark session (`pip install 'macpu[spark]'`, Java 17).
"""

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
AS_OF = dt.date(2026, 11, 26)  # "today" for dates of birth in the future, so that a seed gives the same run


def make_extract(size: int, seed: int, folder: Path) -> tuple[Path, Path, float]:
    from benchmarks.linkage_data import generate, write_csv

    started = time.perf_counter()
    records = generate(size, seed)
    extract, truth = folder / f"extract-{size}.csv", folder / f"truth-{size}.csv"
    write_csv(records, extract)
    with truth.open("w") as out:
        out.write("record_id,person_id\n")
        out.writelines(f"{r.record_id},{r.person_id}\n" for r in records)
    return extract, truth, time.perf_counter() - started


def link_and_measure(
    extract: Path, truth: Path, engine: str, folder: Path, model: Path | None, save_model: Path | None
) -> dict[str, object]:
    """In the child process: the run, its peak memory, then the measures."""
    from macpu.linkage.services.bulk import Run, dedupe_request

    request = dedupe_request(
        extract,
        folder / "links.csv",
        clusters=folder / "clusters.csv",
        engine=engine,
        model=model,
        save_model=save_model,
    )
    phases: list[str] = []
    run = Run(request, progress=lambda phase, message: phases.append(phase), warn=lambda message: None)
    started = time.perf_counter()
    run.clean(today=AS_OF)
    run.train()
    run.predict()
    run.cluster()
    run.write()
    total = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures: dict[str, object] = {
        "records": run.result.records,
        "seconds": {k: round(v, 1) for k, v in run.result.seconds.items()},
        "total_seconds": round(total, 1),
        "peak_mib": round(peak_mib),
        "values_treated_as_missing": run.result.rejected,
    }
    figures.update(measure(run, truth))
    run.close()
    return figures


def measure(run: "object", truth: Path) -> dict[str, object]:
    from macpu.linkage.splink_settings import PREDICTION_BLOCKS

    con = run.connection  # type: ignore[attr-defined]
    run.engine.fetch("links", "links_all")  # type: ignore[attr-defined]
    con.execute("create table truth as select * from read_csv(?, header = true, all_varchar = true)", [str(truth)])
    con.execute("""create table true_pairs as select a.record_id as l, b.record_id as r from truth a
                   join truth b on a.person_id = b.person_id and a.record_id < b.record_id""")
    true_pairs = con.sql("select count(*) from true_pairs").fetchall()[0][0]
    blocked = " or ".join("(" + " and ".join(f"a.{c} = b.{c}" for c in block) + ")" for block in PREDICTION_BLOCKS)
    reached = con.sql(
        f"select count(*) from true_pairs t join records a on a.unique_id = t.l join records b on b.unique_id = t.r "  # noqa: S608  # names are our own; values bound
        f"where {blocked}"
    ).fetchall()[0][0]
    run.engine.fetch(run.predictions.physical_name, "scored_all")  # type: ignore[attr-defined]
    scored = con.sql(
        "select count(*) from scored_all p join true_pairs t "  # names are our own; values bound
        "on t.l = p.unique_id_l and t.r = p.unique_id_r"
    ).fetchall()[0][0]
    out: dict[str, object] = {
        "true_pairs": true_pairs,
        "blocking_recall": round(reached / true_pairs, 4),
        "scored_recall_at_0.5": round(scored / true_pairs, 4),
    }
    pairwise: dict[str, dict[str, float]] = {}
    clusters: dict[str, dict[str, float]] = {}
    for threshold in THRESHOLDS:
        predicted, correct = con.sql(
            "select count(*), count(t.l) from links_all k left join true_pairs t on t.l = k.unique_id_l "  # noqa: S608  # names are our own; values bound
            f"and t.r = k.unique_id_r where k.match_probability >= {threshold}"
        ).fetchall()[0]
        pairwise[str(threshold)] = scores(correct, predicted, true_pairs)
        table = run.cluster(threshold)  # type: ignore[attr-defined]
        run.engine.fetch(table, "clusters_eval")  # type: ignore[attr-defined]
        correct, predicted = con.sql("""
            with j as (select c.cluster_id as found, t.person_id as person from clusters_eval c
                       join truth t on t.record_id = c.node_id)
            select (select sum(n * (n - 1) / 2) from (select count(*) n from j group by found, person)),
                   (select sum(n * (n - 1) / 2) from (select count(*) n from j group by found))
        """).fetchall()[0]
        clusters[str(threshold)] = scores(int(correct), int(predicted), true_pairs)
    out["pairwise"] = pairwise
    out["clusters"] = clusters
    return out


def scores(correct: int, predicted: int, actual: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 1.0
    recall = correct / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def report(size: int, generated: float, figures: dict[str, object]) -> None:
    seconds = figures["seconds"]
    print(f"\n{size:,} records (generated in {generated:.0f} s, not counted)")
    print("  " + ", ".join(f"{phase} {value} s" for phase, value in seconds.items()))  # type: ignore[attr-defined]
    print(f"  total {figures['total_seconds']} s; peak memory {figures['peak_mib']:,} MiB")
    print(
        f"  true pairs {figures['true_pairs']:,}; blocking recall {figures['blocking_recall']}; "
        f"scored at >= 0.5: {figures['scored_recall_at_0.5']}"
    )
    print("  threshold | pairwise P / R / F1      | cluster P / R / F1")
    for threshold in THRESHOLDS:
        p = figures["pairwise"][str(threshold)]  # type: ignore[index]
        c = figures["clusters"][str(threshold)]  # type: ignore[index]
        print(
            f"  {threshold:9} | {p['precision']:.4f} / {p['recall']:.4f} / {p['f1']:.4f} "
            f"| {c['precision']:.4f} / {c['recall']:.4f} / {c['f1']:.4f}"
        )
    if figures["values_treated_as_missing"]:
        print(f"  values treated as missing: {figures['values_treated_as_missing']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated record counts")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--model", type=Path, help="use this saved model (no training), e.g. one trained on DuckDB")
    parser.add_argument("--save-model", type=Path, help="save the model trained on the largest size here")
    parser.add_argument("--child", nargs=3, metavar=("EXTRACT", "TRUTH", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        figures = link_and_measure(
            Path(args.child[0]), Path(args.child[1]), args.engine, Path(args.child[2]), args.model, args.save_model
        )
        print(json.dumps(figures))
        return
    print(
        f"engine {args.engine}, seed {args.seed}" + (f", model {args.model.name}" if args.model else ", model trained")
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="macpu-linkage-bench-") as scratch:
            folder = Path(scratch)
            extract, truth, generated = make_extract(size, args.seed, folder)
            models = [*(["--model", str(args.model.resolve())] if args.model else [])]
            models += ["--save-model", str(args.save_model.resolve())] if args.save_model else []
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--engine",
                    args.engine,
                    *models,
                    "--child",
                    str(extract),
                    str(truth),
                    str(folder),
                ],
                check=False,
                capture_output=True,
                text=True,
            )
            if child.returncode:
                sys.exit(f"the run failed:\n{child.stderr[-4000:]}")
            report(size, generated, json.loads(child.stdout.splitlines()[-1]))


if __name__ == "__main__":
    main()
