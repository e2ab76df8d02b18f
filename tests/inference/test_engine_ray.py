"""``framing analyze --engine ray`` and the partition function every engine runs: the same bytes
as the local engine, in the same order, as jsonl, parquet and folders of parts; Spark's generator
over DataFrames; the error naming the extra when Ray is missing. Ray runs on a local instance
with two CPUs, started once for the module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import framing
from framing.inference.cli import main
from framing.inference.partition import (
    OUTPUT_COLUMNS,
    PartitionAnalyzer,
    analyze_partitions,
    record_rows,
)
from framing.inference.readers import iter_records

PAGE = """<!DOCTYPE html><html><head><title>Border talks resume</title>
<meta property="og:site_name" content="The Gulf Ledger">
<meta name="author" content="Dana Reyes"></head>
<body><nav>Home | World | Sport</nav><article><h1>Border talks resume</h1>
<p>Iran and Iraq resumed talks on the shared border on Tuesday, officials in Baghdad said.</p>
<p>The foreign minister of Iran called the meeting a step toward a lasting agreement.</p>
<p>Critics in Washington said the talks would change little on the ground.</p>
</article><footer>Copyright The Gulf Ledger</footer></body></html>
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Several documents: jsonl rows with metadata and one in error in the middle, a text file
    and an HTML page."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rows.jsonl").write_text(
        json.dumps({"body": "Iran welcomed the pact with Iraq. Washington objected.", "src": "A"})
        + "\n"
        + json.dumps({"body": "   ", "src": "B"})
        + "\n"
        + json.dumps({"body": "Hezbollah praised the visit. Israel warned Lebanon."})
        + "\n"
        + json.dumps({"body": "Tehran and Baghdad signed a memorandum.", "src": "C"})
        + "\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Russia blamed Ukraine for the delay. The talks ended.\n")
    (folder / "c.html").write_text(PAGE, encoding="utf-8")
    return folder


def _args(inputs: Path, model_dir: Path) -> list[str]:
    paths = [str(inputs / "rows.jsonl"), str(inputs / "b.txt"), str(inputs / "c.html")]
    return [
        "analyze",
        *paths,
        "--model",
        str(model_dir),
        "--text-field",
        "body",
        "--meta-fields",
        "outlet=src",
        "--quiet",
    ]


@pytest.fixture
def local_lines(inputs: Path, model_dir: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "local.jsonl"
    assert main([*_args(inputs, model_dir), "--output", str(out)]) == 1  # one record skipped
    return out.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_local_parquet_holds_the_jsonl_lines(
    inputs: Path, model_dir: Path, tmp_path: Path, local_lines: list[str]
) -> None:
    assert len(local_lines) == 5  # 3 of 4 rows, the text file, the page
    out = tmp_path / "local.parquet"
    assert main([*_args(inputs, model_dir), "--format", "parquet", "--output", str(out)]) == 1
    table = pq.read_table(out)
    assert table.column("analysis").to_pylist() == local_lines
    assert table.column("id").to_pylist() == [json.loads(line)["id"] for line in local_lines]
    outlets = table.column("outlet").to_pylist()
    assert outlets[0] == "A" and outlets[4] == "The Gulf Ledger"  # the row's, the page's
    assert not list(tmp_path.glob(".*.tmp"))  # renamed from its temporary name


def test_local_parts_concatenate_to_the_jsonl(
    inputs: Path, model_dir: Path, tmp_path: Path, local_lines: list[str]
) -> None:
    out = tmp_path / "parts"
    args = [*_args(inputs, model_dir), "--output", f"{out}/", "--docs-per-part", "2"]
    assert main([*args, "--docs-per-batch", "2"]) == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    text = "".join((out / name).read_text(encoding="utf-8") for name in names)
    assert text.splitlines() == local_lines
    assert main(args) == 2  # a second run into the same folder would mix its parts in


def test_spark_generator_gives_the_local_rows(
    inputs: Path, model_dir: Path, local_lines: list[str]
) -> None:
    records = iter_records(
        [str(inputs / "rows.jsonl"), str(inputs / "b.txt"), str(inputs / "c.html")],
        "body",
        meta_fields={"outlet": "src"},
    )
    rows = list(record_rows(records))
    frames = [pd.DataFrame(rows[:3]), pd.DataFrame(rows[3:])]  # the error in the first
    out = pd.concat(list(analyze_partitions(iter(frames), str(model_dir))), ignore_index=True)
    assert list(out.columns) == list(OUTPUT_COLUMNS)
    assert out["error"].iloc[1] == "empty text in 'body'"
    assert out["analysis"].dropna().tolist() == local_lines
    warned = json.loads(out["record_warnings"].iloc[2])
    assert warned == ["no column 'src' for the outlet (--meta-fields)"]


def test_a_record_that_breaks_the_model_is_an_error_row(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyze = PartitionAnalyzer(str(model_dir))
    many = analyze.analyzer.analyze_many

    def breaks_on_boom(texts, *args, **kwargs):
        if any("boom" in t for t in texts):
            raise RuntimeError("boom")
        return many(texts, *args, **kwargs)

    monkeypatch.setattr(analyze.analyzer, "analyze_many", breaks_on_boom)
    texts = ["Iran said no.", "boom went Iraq.", "Israel agreed."]
    rows = [{"id": str(i), "text": t, "meta": "{}", "warnings": "[]"} for i, t in enumerate(texts)]
    out = analyze(pd.DataFrame(rows))
    assert out["error"].tolist() == [None, "analysis failed (RuntimeError: boom)", None]
    assert [json.loads(a)["id"] for a in out["analysis"].dropna()] == ["0", "2"]


def test_engine_ray_without_ray_names_the_extra(
    inputs: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    monkeypatch.delitem(sys.modules, "framing.inference.ray_engine", raising=False)
    assert main([*_args(inputs, model_dir), "--engine", "ray"]) == 2
    assert "pip install 'framing[ray]'" in capsys.readouterr().err


def test_the_local_engine_never_imports_ray() -> None:
    code = (
        "import sys, framing, framing.inference.cli, framing.inference.partition; "
        "from framing.inference.cli import main; "
        "assert not [m for m in sys.modules if m == 'ray' or m.startswith('ray.')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ray_options_need_engine_ray(inputs: Path, model_dir: Path) -> None:
    with pytest.raises(SystemExit):
        main([*_args(inputs, model_dir), "--workers", "2"])


@pytest.mark.slow  # a Ray instance and two actors loading the model
def test_ray_outputs_equal_the_local_run(
    local_ray, inputs: Path, model_dir: Path, tmp_path: Path, local_lines: list[str], capsys
) -> None:
    args = [*_args(inputs, model_dir), "--engine", "ray", "--workers", "2", "--docs-per-batch", "2"]
    out = tmp_path / "ray.jsonl"
    capsys.readouterr()
    assert main([*args, "--output", str(out)]) == 1
    assert out.read_text(encoding="utf-8").splitlines() == local_lines  # bytes and order
    err = capsys.readouterr().err
    assert f"skipped {inputs / 'rows.jsonl'}:2: empty text in 'body'" in err
    assert err.count("no column 'src'") == 1  # said once, as the local engine says it
    parts = tmp_path / "parts"
    assert (
        main([*args, "--format", "parquet", "--output", f"{parts}/", "--docs-per-part", "2"]) == 1
    )
    names = sorted(p.name for p in parts.iterdir())
    # a part closes at the first batch after two documents: how Ray's blocks fall decides where
    assert len(names) >= 2 and names == [f"part-{i:05d}.parquet" for i in range(len(names))]
    lines = [a for n in names for a in pq.read_table(parts / n).column("analysis").to_pylist()]
    assert lines == local_lines
    # framing compare reads the folder of parts as it reads the single jsonl
    from_parts = framing.compare(parts, by="outlet", resamples=200)
    from_jsonl = framing.compare(out, by="outlet", resamples=200)
    assert from_parts.counts() == from_jsonl.counts() == {"read": 5, "used": 5, "skipped": 0}
    assert from_parts.rows == from_jsonl.rows


@pytest.mark.slow
def test_ray_reads_jsonl_itself(local_ray, model_dir: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    texts = ["Iran welcomed the pact.", "Iraq objected to it.", "Israel said nothing."]
    rows.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    common = ["analyze", str(rows), "--model", str(model_dir), "--id-field", "id", "--quiet"]
    local, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert main([*common, "--output", str(local)]) == 0
    assert main([*common, "--engine", "ray", "--ray-read", "--output", str(ray_out)]) == 0
    assert ray_out.read_bytes() == local.read_bytes()
    without_ids = ["analyze", str(rows), "--model", str(model_dir), "--quiet", "--engine", "ray"]
    assert main([*without_ids, "--ray-read", "--output", str(ray_out)]) == 2


def _parquet_input(path: Path) -> Path:
    table = {
        "id": ["p1", "p2", "p3"],
        "body": ["Iran welcomed the pact with Iraq.", None, "Israel warned Hezbollah on Monday."],
        "src": ["A", "B", None],
    }
    pq.write_table(pa.table(table), path)
    return path


def test_parquet_inputs_are_read_row_by_row(model_dir: Path, tmp_path: Path, capsys) -> None:
    source = _parquet_input(tmp_path / "in.parquet")
    out = tmp_path / "out.jsonl"
    args = [str(source), "--model", str(model_dir), "--text-field", "body", "--quiet"]
    assert main(["analyze", *args, "--meta-fields", "outlet=src", "--output", str(out)]) == 1
    assert f"skipped {source}:row 2: field 'body' is not a string" in capsys.readouterr().err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], d["metadata"]["outlet"]) for d in lines] == [
        (f"{source}:row 1", "A"),
        (f"{source}:row 3", None),
    ]


def test_engine_ray_refuses_what_it_cannot_do_before_starting(
    model_dir: Path, tmp_path: Path, capsys
) -> None:
    source = _parquet_input(tmp_path / "in.parquet")
    base = ["analyze", str(source), "--text-field", "body", "--engine", "ray", "--quiet"]
    assert main([*base, "--model", str(model_dir)]) == 2  # standard output: Ray prints there
    assert "--engine ray writes to a file or folder" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main([*base, "--model", str(tmp_path / "no-model"), "--output", str(out)]) == 2
    assert "no such model folder" in capsys.readouterr().err and not out.exists()


@pytest.mark.slow
def test_ray_reads_parquet_inputs_as_the_local_engine(
    local_ray, model_dir: Path, tmp_path: Path, capsys
) -> None:
    source = _parquet_input(tmp_path / "in.parquet")
    args = ["analyze", str(source), "--model", str(model_dir), "--text-field", "body", "--quiet"]
    local, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert main([*args, "--output", str(local)]) == 1
    assert main([*args, "--engine", "ray", "--workers", "2", "--output", str(ray_out)]) == 1
    assert ray_out.read_bytes() == local.read_bytes()
    assert main([*args, "--engine", "ray", "--ray-read", "--id-field", "id",
                 "--output", str(tmp_path / "rr.jsonl")]) == 2  # fmt: skip
    assert "--ray-read reads JSONL" in capsys.readouterr().err
    threads = ["--workers", "2", "--threads-per-worker", "3", "--output", str(tmp_path / "t.jsonl")]
    assert main([*args, "--engine", "ray", *threads]) == 2  # no node has 3 CPUs: not a hang
    assert "no node has that many CPUs" in capsys.readouterr().err
    assert not (tmp_path / "t.jsonl").exists()
