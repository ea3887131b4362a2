"""`macpu link` end to end on small generated extracts (DuckDB in memory; the database holds only its audit entry)."""

import csv
import io
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from macpu.audit.models import AuditEvent
from macpu.linkage.management.commands.link import Command
from macpu.people.rules.identifiers import synthetic_nhs_number

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from benchmarks.linkage_data import COLUMNS, generate  # noqa: E402 - the benchmark's generator, from the repo root

# Records made to test one behaviour each; record ids start with x so they never clash with generated ones.
KNOWN = [
    # a typo in the given name, the date in UK form, capitals
    ("x-typo-1", "Jessica", "Thompson", "2015-03-14", "female", "LS1 4AP", ""),
    ("x-typo-2", "JESICCA", "THOMPSON", "14/03/2015", "F", "LS1 4AP", ""),
    # a familiar form of the given name
    ("x-nick-1", "William", "Harris", "2012-09-30", "male", "M1 1AE", ""),
    ("x-nick-2", "Bill", "Harris", "20120930", "male", "M1 1AE", ""),
    # day and month swapped
    ("x-swap-1", "Olivia", "Pemberton", "2016-04-07", "female", "B2 4QA", ""),
    ("x-swap-2", "Olivia", "Pemberton", "07/04/2016", "female", "B2 4QA", ""),
    # twins: same family, date of birth and postcode, a clearly different given name
    ("x-twin-1", "Amelia", "Okonkwo", "2018-06-02", "female", "NE1 7RU", ""),
    ("x-twin-2", "Oscar", "Okonkwo", "2018-06-02", "male", "NE1 7RU", ""),
    # the same in everything but their valid NHS numbers
    ("x-nhs-1", "Harry", "Fairweather", "2011-11-11", "male", "CF10 1EP", synthetic_nhs_number(499_990)),
    ("x-nhs-2", "Harry", "Fairweather", "2011-11-11", "male", "CF10 1EP", synthetic_nhs_number(499_991)),
]
DIRTY = [
    # line 2 of the dirty file: an impossible date; line 3: a wrong check digit; line 4: not a postcode
    ("d-1", "Ruby", "Ashworth", "31/02/2014", "female", "SW1A 1AA", ""),
    ("d-2", "Ruby", "Ashworth", "2014-02-13", "female", "SW1A 1AA", "9990000001"),
    ("d-3", "Ruby", "Ashworth", "2014-02-13", "female", "ABC DEF", ""),
]


def write(path: Path, rows: Sequence[tuple[str, ...]], header: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def generated(count: int, seed: int) -> list[tuple[str, ...]]:
    known_numbers = {row[6] for row in KNOWN if row[6]}
    return [
        (r.record_id, r.given_name, r.family_name, r.date_of_birth.isoformat(), r.sex, r.postcode, r.nhs_number)
        for r in generate(count, seed)
        if r.nhs_number not in known_numbers
    ]


def link(*args: str) -> str:
    err = io.StringIO()
    call_command("link", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as source:
        return list(csv.DictReader(source))


def pairs(path: Path) -> set[frozenset[str]]:
    return {frozenset((row["record_id_l"], row["record_id_r"])) for row in read(path)}


def header(path: Path) -> list[str]:
    with path.open(newline="") as source:
        return next(csv.reader(source))


@pytest.fixture(scope="module")
def deduped(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any
) -> dict[str, object]:
    """One dedupe of 600 generated records with the known and dirty ones, saving its model. Its audit entry is
    rolled back with the rest of the module's (the module shares one run)."""
    folder = tmp_path_factory.mktemp("dedupe")
    rows = DIRTY + KNOWN + generated(600, seed=3)
    extract = write(folder / "extract.csv", rows)
    out, clusters, model = folder / "links.csv", folder / "clusters.csv", folder / "model.json"
    with django_db_blocker.unblock(), transaction.atomic():
        stderr = link(
            "--dedupe", str(extract), "--out", str(out), "--clusters", str(clusters), "--save-model", str(model)
        )
        transaction.set_rollback(True)
    return {"extract": extract, "out": out, "clusters": clusters, "model": model, "stderr": stderr, "folder": folder}


def test_a_run_is_audited_as_counts_only(tmp_path: Path) -> None:
    extract = write(tmp_path / "extract.csv", KNOWN + generated(300, seed=5))
    link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"))
    entry = AuditEvent.objects.get(action="linkage.run")
    assert entry.details["mode"] == "dedupe"
    assert entry.details["records"] == len(read(extract))
    assert entry.details["pairs"] == len(read(tmp_path / "links.csv"))
    assert "extract.csv" not in str(entry.details)


def test_dedupe_finds_a_typo_a_nickname_and_a_swapped_date(deduped: dict[str, object]) -> None:
    found = pairs(deduped["out"])  # type: ignore[arg-type]
    assert frozenset(("x-typo-1", "x-typo-2")) in found
    assert frozenset(("x-nick-1", "x-nick-2")) in found
    assert frozenset(("x-swap-1", "x-swap-2")) in found


def test_output_columns_are_exactly_the_issues(deduped: dict[str, object]) -> None:
    assert header(deduped["out"]) == ["record_id_l", "record_id_r", "match_probability"]  # type: ignore[arg-type]
    assert header(deduped["clusters"]) == ["source", "record_id", "cluster_id"]  # type: ignore[arg-type]
    rows = read(deduped["out"])  # type: ignore[arg-type]
    assert rows
    assert all(0.9 <= float(row["match_probability"]) <= 1.0 for row in rows)


def test_every_record_has_one_cluster_named_by_the_file(deduped: dict[str, object]) -> None:
    clusters = read(deduped["clusters"])  # type: ignore[arg-type]
    assert len(clusters) == len(read(deduped["extract"]))  # type: ignore[arg-type]
    assert {row["source"] for row in clusters} == {"extract.csv"}
    cluster_of = {row["record_id"]: row["cluster_id"] for row in clusters}
    assert cluster_of["x-typo-1"] == cluster_of["x-typo-2"]


def test_twins_are_never_paired_or_clustered(deduped: dict[str, object]) -> None:
    assert frozenset(("x-twin-1", "x-twin-2")) not in pairs(deduped["out"])  # type: ignore[arg-type]
    cluster_of = {row["record_id"]: row["cluster_id"] for row in read(deduped["clusters"])}  # type: ignore[arg-type]
    assert cluster_of["x-twin-1"] != cluster_of["x-twin-2"]


def test_differing_valid_nhs_numbers_are_never_paired(deduped: dict[str, object]) -> None:
    assert frozenset(("x-nhs-1", "x-nhs-2")) not in pairs(deduped["out"])  # type: ignore[arg-type]
    cluster_of = {row["record_id"]: row["cluster_id"] for row in read(deduped["clusters"])}  # type: ignore[arg-type]
    assert cluster_of["x-nhs-1"] != cluster_of["x-nhs-2"]


def test_dirty_values_are_warned_by_line_and_field_and_the_run_succeeds(deduped: dict[str, object]) -> None:
    stderr: str = deduped["stderr"]  # type: ignore[assignment]
    assert "extract.csv line 2: date_of_birth is not a valid date of birth; treated as missing" in stderr
    assert "extract.csv line 3: nhs_number is not a valid NHS number (Modulus 11); treated as missing" in stderr
    assert "extract.csv line 4: postcode is not a valid UK postcode; treated as missing" in stderr
    for value in ("31/02/2014", "9990000001", "ABC DEF"):
        assert value not in stderr
    # the records with a bad value are still linked on what is left
    assert frozenset(("d-2", "d-3")) in pairs(deduped["out"])  # type: ignore[arg-type]


def test_progress_is_shown_by_phase(deduped: dict[str, object]) -> None:
    stderr: str = deduped["stderr"]  # type: ignore[assignment]
    for phase in ("clean", "train", "predict", "cluster", "write"):
        assert f"] {phase}: " in stderr
    assert "done in" in stderr


def test_a_saved_model_gives_the_same_pairs(deduped: dict[str, object]) -> None:
    again = Path(deduped["folder"]) / "again.csv"  # type: ignore[arg-type]
    stderr = link("--dedupe", str(deduped["extract"]), "--out", str(again), "--model", str(deduped["model"]))
    assert "using the model in model.json" in stderr
    assert "estimating" not in stderr
    assert read(again) == read(deduped["out"])  # type: ignore[arg-type]


def test_link_only_pairs_left_records_with_right_records(deduped: dict[str, object], tmp_path: Path) -> None:
    rows = generated(300, seed=5)
    by_id = {row[0]: row for row in KNOWN}
    left_rows = [*rows[:150], by_id["x-typo-1"], by_id["x-nick-1"], by_id["x-swap-2"], by_id["x-twin-1"]]
    right_rows = [*rows[150:], by_id["x-typo-2"], by_id["x-nick-2"], by_id["x-swap-1"], by_id["x-twin-2"]]
    left, right = write(tmp_path / "a.csv", left_rows), write(tmp_path / "b.csv", right_rows)
    out, clusters = tmp_path / "links.csv", tmp_path / "clusters.csv"
    link(
        "--left",
        str(left),
        "--right",
        str(right),
        "--out",
        str(out),
        "--clusters",
        str(clusters),
        "--model",
        str(deduped["model"]),
    )
    found = [(row["record_id_l"], row["record_id_r"]) for row in read(out)]
    left_ids, right_ids = {row[0] for row in left_rows}, {row[0] for row in right_rows}
    assert all(a in left_ids and b in right_ids for a, b in found)
    assert {("x-typo-1", "x-typo-2"), ("x-nick-1", "x-nick-2"), ("x-swap-2", "x-swap-1")} <= set(found)
    assert ("x-twin-1", "x-twin-2") not in found
    listed = read(clusters)
    assert {row["source"] for row in listed} == {"left", "right"}
    assert len(listed) == len(left_rows) + len(right_rows)
    cluster_of = {(row["source"], row["record_id"]): row["cluster_id"] for row in listed}
    assert cluster_of["left", "x-nick-1"] == cluster_of["right", "x-nick-2"]


def test_link_trains_its_own_model_for_two_files(tmp_path: Path) -> None:
    rows = generated(400, seed=9)
    left, right = write(tmp_path / "a.csv", rows[:200]), write(tmp_path / "b.csv", rows[200:])
    out = tmp_path / "links.csv"
    stderr = link("--left", str(left), "--right", str(right), "--out", str(out), "--threshold", "0.5")
    assert "estimating u from random pairs" in stderr
    assert header(out) == ["record_id_l", "record_id_r", "match_probability"]


def test_an_address_column_is_compared_when_present(deduped: dict[str, object], tmp_path: Path) -> None:
    rows = [(*row, f"{random.Random(row[0]).randint(1, 99)} High Street") for row in generated(300, seed=4)]
    extract = write(tmp_path / "with_address.csv", rows, (*COLUMNS, "address"))
    model = tmp_path / "model.json"
    link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"), "--save-model", str(model))
    assert '"output_column_name": "address"' in model.read_text()


def test_a_file_that_is_not_csv_fails_naming_the_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(CommandError, match=r"photo\.csv is not a CSV file"):
        link("--dedupe", str(binary), "--out", str(tmp_path / "links.csv"))


def test_a_file_without_record_id_fails_naming_file_and_column(tmp_path: Path) -> None:
    extract = write(tmp_path / "people.csv", [("1", "Ann")], ("id", "given_name"))
    with pytest.raises(CommandError, match=r"people\.csv has no record_id column"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"))


def test_repeated_record_ids_fail_naming_the_lines(tmp_path: Path) -> None:
    rows = [("1", "Ann", "Lee", "", "", "", ""), ("2", "Bo", "Lee", "", "", "", ""), ("1", "Cy", "Lee", "", "", "", "")]
    extract = write(tmp_path / "people.csv", rows)
    with pytest.raises(CommandError, match=r"people\.csv: the same record_id is used more than once \(lines 2, 4\)"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"))


def test_files_must_be_named_one_way(tmp_path: Path) -> None:
    extract = write(tmp_path / "a.csv", [])
    with pytest.raises(CommandError, match="give either --dedupe"):
        link("--dedupe", str(extract), "--left", str(extract), "--right", str(extract), "--out", "x.csv")
    with pytest.raises(CommandError, match="with --right"):
        link("--left", str(extract), "--out", "x.csv")
    with pytest.raises(CommandError, match=r"missing\.csv is not a file"):
        link("--dedupe", str(tmp_path / "missing.csv"), "--out", "x.csv")


def test_help_explains_the_formats() -> None:
    text = Command().create_parser("macpu", "link").format_help()
    for words in (
        "--dedupe",
        "--left",
        "--threshold",
        "record_id_l,record_id_r,match_probability",
        "source,record_id,cluster_id",
    ):
        assert words in text


def test_spark_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    pytest.importorskip("splink")
    try:
        import pyspark  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyspark is installed here")
    extract = write(tmp_path / "a.csv", generated(20, seed=1))
    with pytest.raises(CommandError, match=r"pip install 'macpu\[spark\]'"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"), "--engine", "spark")


def test_a_model_file_that_is_not_a_model_fails_naming_it(tmp_path: Path) -> None:
    extract = write(tmp_path / "a.csv", generated(20, seed=1))
    model = tmp_path / "notes.json"
    model.write_text("[1, 2, 3]")
    with pytest.raises(CommandError, match=r"notes\.json is not a splink model"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"), "--model", str(model))


def test_the_threshold_is_a_probability(tmp_path: Path) -> None:
    extract = write(tmp_path / "a.csv", [])
    with pytest.raises(CommandError, match="a probability between 0 and 1"):
        link("--dedupe", str(extract), "--out", "x.csv", "--threshold", "90")


def test_an_output_that_cannot_be_written_fails_naming_it(deduped: dict[str, object], tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "links.csv"
    with pytest.raises(CommandError, match=r"links\.csv cannot be written"):
        link("--dedupe", str(deduped["extract"]), "--out", str(out), "--model", str(deduped["model"]))


def test_a_model_with_other_levels_is_refused(deduped: dict[str, object], tmp_path: Path) -> None:
    model = tmp_path / "old.json"
    model.write_text(Path(deduped["model"]).read_text().replace('"day and month swapped"', '"transposed"'))  # type: ignore[arg-type]
    with pytest.raises(CommandError, match=r"old\.json is a model whose dob levels differ"):
        link("--dedupe", str(deduped["extract"]), "--out", str(tmp_path / "links.csv"), "--model", str(model))


def test_a_file_with_only_a_header_fails_naming_it(tmp_path: Path) -> None:
    extract = write(tmp_path / "empty.csv", [])
    with pytest.raises(CommandError, match=r"empty\.csv has no records"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"))


def test_too_few_records_to_train_says_to_use_a_model(tmp_path: Path) -> None:
    rows = [("1", "Ann", "Lee", "2015-01-01", "", "", ""), ("2", "Bo", "Ray", "2016-02-02", "", "", "")]
    extract = write(tmp_path / "tiny.csv", rows)
    with pytest.raises(CommandError, match=r"tiny\.csv: too few similar records to train a model"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"))


def test_an_extract_with_no_pair_surely_one_child_fails_saying_what_to_do(tmp_path: Path) -> None:
    """No shared NHS number and no exact names and date of birth: nothing to learn the share of matches from."""
    rows = [
        (str(i), f"Name{i}", f"Family{i % 40}", f"20{10 + i % 9}-0{1 + i % 9}-{10 + i % 18}", "", "", "")
        for i in range(300)
    ]
    extract = write(tmp_path / "clean.csv", rows, COLUMNS)
    with pytest.raises(CommandError, match=r"clean\.csv: too few similar records to train a model; .* --model"):
        link("--dedupe", str(extract), "--out", str(tmp_path / "links.csv"))
