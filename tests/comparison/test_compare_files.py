"""Reading analyses from Parquet, gzip-compressed JSONL and partitioned folders: the contract of
the partitioned writers (a string column ``analysis`` holding the JSONL line's object, part files
read in name order), and bad rows named with their file and row."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import framing
from framing.comparison.cli import main
from framing.comparison.files import analysis_files, holds_analyses
from tests.comparison.analyses import line, stance_doc, write

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def write_parquet(path: Path, docs: list, **columns: list) -> Path:
    values = [d if d is None or isinstance(d, str) else line(d) for d in docs]
    table = pa.table({"id": [f"doc{i}" for i in range(len(docs))], "analysis": values, **columns})
    pq.write_table(table, path)
    return path


def test_a_parquet_file_reads_as_its_jsonl_twin(tmp_path: Path) -> None:
    docs = [stance_doc("Press TV", "iran", ["supportive"] * 2)] * 3
    docs += [stance_doc("Reuters", "iran", ["neutral", "critical"])] * 3
    parquet = write_parquet(tmp_path / "a.parquet", docs, pages=[1] * 6)  # other columns: ignored
    jsonl = write(tmp_path / "a.jsonl", docs)
    from_parquet = framing.compare(parquet, resamples=50)
    from_jsonl = framing.compare(jsonl, resamples=50)
    assert from_parquet.groups == {"Press TV": 3, "Reuters": 3}
    assert from_parquet.rows == from_jsonl.rows
    assert from_parquet.difference_rows == from_jsonl.difference_rows


def test_a_partitioned_folder_is_read_in_file_name_order(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    write_parquet(out / "part-00001.parquet", [stance_doc("B", "iran", ["neutral"])] * 2)
    write(out / "part-00000.jsonl", [stance_doc("A", "iran", ["critical"])])
    with gzip.open(out / "part-00002.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(line(stance_doc("C", "iran", ["neutral"])) + "\n")
    (out / "_SUCCESS").write_text("", encoding="utf-8")  # a marker some engines leave
    (out / ".part-00003.parquet.crc").write_text("x", encoding="utf-8")
    assert [p.name for p in analysis_files([out])] == [
        "part-00000.jsonl", "part-00001.parquet", "part-00002.jsonl.gz",
    ]  # fmt: skip
    result = framing.compare(out, by="file", resamples=20)
    assert list(result.groups.values()) == [1, 2, 1]
    assert framing.compare(out, resamples=20).groups == {"A": 1, "B": 2, "C": 1}
    assert holds_analyses(out)


def test_bad_parquet_rows_are_named_with_file_and_row(tmp_path: Path, capsys) -> None:
    good = stance_doc("R", "iran", ["critical"])
    path = write_parquet(tmp_path / "part-00000.parquet", [good, None, "{oops", good])
    result = framing.compare(path, resamples=20)
    assert result.counts() == {"read": 4, "used": 2, "skipped": 2}
    assert result.skipped == [
        f"{path}:row 2: column 'analysis' is null, not JSON text",
        f"{path}:row 3: not a JSON line (Expecting property name enclosed in double quotes)",
    ]
    assert main([str(path), "--output", str(tmp_path / "out"), "--resamples", "20"]) == 1
    assert f"skipped {path}:row 2: column 'analysis' is null" in capsys.readouterr().err


def test_a_parquet_file_without_the_column_or_broken_is_one_skipped_entry(tmp_path: Path) -> None:
    other = tmp_path / "a.parquet"
    pq.write_table(pa.table({"text": ["Iran said."]}), other)
    broken = tmp_path / "b.parquet"
    broken.write_bytes(b"PAR1 not really")
    good = write(tmp_path / "c.jsonl", [stance_doc("R", "iran", ["critical"])])
    result = framing.compare([other, broken, good], resamples=20)
    assert result.counts() == {"read": 3, "used": 1, "skipped": 2}
    assert result.skipped[0] == (
        f"{other}: no column 'analysis' (an analysis Parquet file holds each document's "
        "analysis as JSON in it; columns: text)"
    )
    assert result.skipped[1].startswith(f"{broken}: not a readable Parquet file")


def test_a_cut_gzip_file_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    lines = [line(stance_doc(f"Outlet {i}", "iran", ["critical"] * (i % 7 + 1))) + "\n"
             for i in range(200)]  # fmt: skip
    data = gzip.compress("".join(lines).encode("utf-8"))
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = framing.compare(path, resamples=20)
    assert result.used >= 1 and len(result.skipped) == 1
    assert result.skipped[0].startswith(f"{path}:") and "cannot be read" in result.skipped[0]
