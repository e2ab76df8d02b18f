"""``framing compare``: the files it writes, its messages and exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from framing import console
from framing.comparison.cli import main
from framing.comparison.result import DIFFERENCE_COLUMNS, TABLE_COLUMNS
from tests.comparison.analyses import stance_doc, write


@pytest.fixture
def analyses(tmp_path: Path) -> Path:
    docs = [stance_doc("Press TV", "united_states", ["critical"] * 3) for _ in range(6)]
    docs += [stance_doc("Reuters", "united_states", ["neutral", "critical", "neutral"])] * 6
    docs += [stance_doc("AP", "united_states", ["neutral"])] * 2
    return write(tmp_path / "results.jsonl", docs)


def test_end_to_end_writes_every_output(analyses: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = console.main(["compare", str(analyses), "--by", "outlet", "--output", str(out),
                         "--resamples", "200"])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "Press TV is more critical of United States than Reuters" in printed
    names = {p.name for p in out.iterdir()}
    assert names == {"comparison.csv", "comparison.parquet", "differences.csv",
                     "differences.parquet", "summary.md", "comparison.json",
                     "report.html"}  # fmt: skip
    with open(out / "comparison.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert tuple(table[0]) == TABLE_COLUMNS
    assert {r["small"] for r in table if r["group"] == "AP"} == {"True"}
    with open(out / "differences.csv", encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == DIFFERENCE_COLUMNS
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert data["settings"] == {"by": "outlet", "resamples": 200, "seed": 0,
                                "min_documents": 5, "confidence": 0.95}  # fmt: skip
    assert data["counts"] == {"read": 14, "used": 14, "skipped": 0}
    assert {g["group"]: g["small"] for g in data["groups"]} == {
        "AP": True, "Press TV": False, "Reuters": False
    }  # fmt: skip
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Small groups (fewer than 5 documents): AP (2)." in summary


def test_parquet_holds_the_csv_table(analyses: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    assert main([str(analyses), "--output", str(out), "--resamples", "50", "--quiet"]) == 0
    rows = pq.read_table(out / "comparison.parquet").to_pylist()
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert rows == data["table"]
    diffs = pq.read_table(out / "differences.parquet").to_pylist()
    assert diffs == data["differences"]


def test_skipped_lines_exit_1_and_are_named(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "a.jsonl", [stance_doc("R", "iran", ["critical"]), "oops"])
    assert main([str(path), "--output", str(tmp_path / "out"), "--resamples", "20"]) == 1
    captured = capsys.readouterr()
    assert f"skipped {path}:2: not a JSON line" in captured.err
    assert "2 read, 1 used, 1 skipped" in captured.out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.jsonl"], "missing.jsonl: no such file or folder"),
        (["BAD"], "no document to compare (1 read)"),
        (["GOOD", "--resamples", "0"], "resamples must be >= 1"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, capsys, arguments: list[str], message: str) -> None:
    bad = write(tmp_path / "bad.jsonl", ["{"])
    good = write(tmp_path / "good.jsonl", [stance_doc("R", "iran", ["critical"])])
    paths = {"BAD": str(bad), "GOOD": str(good), "missing.jsonl": str(tmp_path / "missing.jsonl")}
    argv = [paths.get(a, a) for a in arguments] + ["--output", str(tmp_path / "out")]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_name_that_cannot_be_a_field_is_a_usage_error(analyses: Path, capsys) -> None:
    assert console.main(["compare", str(analyses), "--by", "date:week", "--output", "x"]) == 2
    assert "cannot group by 'date:week'" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_exits_2(analyses: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main([str(analyses), "--output", str(blocker / "out"), "--resamples", "20"]) == 2
    assert f"error: cannot write {blocker / 'out'}" in capsys.readouterr().err


def test_progress_on_stderr_unless_quiet(analyses: Path, tmp_path: Path, capsys) -> None:
    assert main([str(analyses), "--output", str(tmp_path / "a"), "--resamples", "20"]) == 0
    err = capsys.readouterr().err
    assert "compare" in err and "14/" not in err and "14doc" in err.replace(" ", "")
    assert main([str(analyses), "--output", str(tmp_path / "b"), "--resamples", "20",
                 "--quiet"]) == 0  # fmt: skip
    assert capsys.readouterr().err == ""
