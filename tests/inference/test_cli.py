from __future__ import annotations

import csv
import io
import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from framing.inference.cli import CSV_COLUMNS, iter_records, main


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Iran welcomed the pact with Iraq. Washington objected.\n")
    (folder / "sub" / "b.txt").write_text("Tehran and Baghdad signed a memorandum on Monday.\n")
    (folder / "bad.txt").write_bytes(b"\xe9t\xe9 not utf-8")  # Latin-1 (b"\xff\xfe" is UTF-16)
    (folder / "rows.jsonl").write_text(
        '{"id": "r1", "body": "Hezbollah praised the visit."}\n'
        '{"id": "r2"}\n'
        "not json\n"
        '{"id": "r4", "body": "   "}\n'
        '{"id": "r5", "body": "Israel warned Lebanon."}\n',
        encoding="utf-8",
    )
    (folder / "rows.csv").write_text(
        'id,body\nc1,"Iraq thanked Iran, the minister said."\nc2,\n', encoding="utf-8"
    )
    return folder


def test_records_name_their_file_and_line(inputs: Path) -> None:
    records = list(
        iter_records(
            [str(inputs / "rows.jsonl"), str(inputs / "rows.csv"), str(inputs / "missing.txt")],
            text_field="body",
            id_field="id",
        )
    )
    summary = [(r.id, r.error is None) for r in records]
    assert summary == [
        ("r1", True),
        (f"{inputs / 'rows.jsonl'}:2", False),
        (f"{inputs / 'rows.jsonl'}:3", False),
        (f"{inputs / 'rows.jsonl'}:4", False),
        ("r5", True),
        ("c1", True),
        (f"{inputs / 'rows.csv'}:3", False),
        (str(inputs / "missing.txt"), False),
    ]
    errors = [r.error for r in records if r.error]
    assert "no field 'body'" in errors[0]
    assert "not valid JSON" in errors[1]
    assert "empty text" in errors[2]
    assert "no such file" in errors[-1]


def test_folders_are_searched_for_text_files(inputs: Path) -> None:
    records = list(iter_records([str(inputs)]))
    assert [Path(r.id).name for r in records] == ["a.txt", "bad.txt", "b.txt", "in"]
    assert records[1].error.startswith("not UTF-8")
    assert records[2].text.startswith("Tehran and Baghdad")
    # the folder's other files are named once, counted by suffix
    assert records[3].error.startswith("2 other file(s) in this folder not read (1 .csv, 1 .jsonl)")


def test_analyze_streams_jsonl_and_reports_bad_records(
    inputs: Path, model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "out.jsonl"
    code = main(
        [
            "analyze",
            str(inputs),
            str(inputs / "rows.jsonl"),
            "--model",
            str(model_dir),
            "--text-field",
            "body",
            "--id-field",
            "id",
            "--output",
            str(out),
            "--quiet",
            "--docs-per-batch",
            "2",
        ]
    )
    assert code == 1  # some records failed
    err = capsys.readouterr().err
    assert f"skipped {inputs / 'bad.txt'}: not UTF-8" in err
    assert f"skipped {inputs / 'rows.jsonl'}:3: not valid JSON" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["id"]).name for r in rows] == ["a.txt", "b.txt", "r1", "r5"]
    first = rows[0]
    assert first["schema_version"] == 2
    assert [s["text"] for s in first["sentences"]] == [
        "Iran welcomed the pact with Iraq.",
        "Washington objected.",
    ]
    assert {m["actor"] for m in first["sentences"][0]["mentions"]} == {"iran", "iraq"}


def test_analyze_writes_one_csv_row_per_sentence(
    inputs: Path, model_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    code = main(
        [
            "analyze",
            str(inputs / "a.txt"),
            str(inputs / "sub"),
            "--model",
            str(model_dir),
            "--format",
            "csv",
            "--output",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == CSV_COLUMNS
    assert [(Path(r["id"]).name, r["sentence"]) for r in rows] == [
        ("a.txt", "0"),
        ("a.txt", "1"),
        ("b.txt", "0"),
    ]
    assert rows[1]["text"] == "Washington objected."
    assert json.loads(rows[1]["stances"]).keys() == {"united_states"}
    assert 0.0 <= float(rows[0]["p_opinion"]) <= 1.0


def test_analyze_reads_stdin(model_dir: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Iran and Iraq signed a pact.")))
    assert main(["analyze", "-", "--model", str(model_dir), "--quiet"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "<stdin>"
    assert row["sentences"][0]["text"] == "Iran and Iraq signed a pact."


def test_a_model_that_cannot_be_loaded_is_a_usage_error(
    inputs: Path, tmp_path: Path, capsys
) -> None:
    assert main(["analyze", str(inputs / "a.txt"), "--model", str(tmp_path / "nope")]) == 2
    assert "no such model folder" in capsys.readouterr().err


def test_python_dash_m_framing_runs_the_command_line(
    inputs: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # what `python -m framing` runs, in this process: framing/__main__.py as __main__
    monkeypatch.delitem(sys.modules, "framing.__main__", raising=False)
    argv = ["framing", "analyze", str(inputs / "a.txt"), "--model", str(model_dir), "--quiet"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as stop:
        runpy.run_module("framing", run_name="__main__")
    assert stop.value.code == 0
    text = (inputs / "a.txt").read_text(encoding="utf-8")
    assert json.loads(capsys.readouterr().out)["text_length"] == len(text)


@pytest.mark.slow  # a Python of its own, seconds to start
def test_python_dash_m_framing(inputs: Path, model_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "framing",
            "analyze",
            str(inputs / "a.txt"),
            "--model",
            str(model_dir),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text_length"] == len(
        (inputs / "a.txt").read_text(encoding="utf-8")
    )


def test_bad_stdin_and_empty_files_are_skipped(
    inputs: Path, model_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Iran \xff met Iraq.")))
    assert main(["analyze", "-", "--model", str(model_dir), "--quiet"]) == 1
    assert "skipped <stdin>: not UTF-8" in capsys.readouterr().err
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "empty.txt"), "--model", str(model_dir), "--quiet"]) == 1
    assert "empty text" in capsys.readouterr().err


def test_huge_csv_cells_are_read_whole(tmp_path: Path) -> None:
    big = "Iran welcomed the pact. " * 8000  # over the csv module's default 131,072 limit
    (tmp_path / "big.csv").write_text(f'text\n"{big}"\n', encoding="utf-8")
    records = list(iter_records([str(tmp_path / "big.csv")]))
    assert [(r.error, r.text) for r in records] == [(None, big)]


def test_output_problems_are_usage_errors(inputs: Path, model_dir: Path, capsys) -> None:
    a = str(inputs / "a.txt")
    assert main(["analyze", a, "--model", str(model_dir), "--output", a]) == 2
    assert "also an input" in capsys.readouterr().err
    assert (inputs / "a.txt").read_text(encoding="utf-8").startswith("Iran welcomed")
    missing = str(inputs / "nope" / "out.jsonl")
    assert main(["analyze", a, "--model", str(model_dir), "--output", missing]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_num_proc_gives_the_same_results_in_order(
    inputs: Path, model_dir: Path, tmp_path: Path
) -> None:
    outs = []
    for procs in ("1", "2"):
        out = tmp_path / f"out{procs}.jsonl"
        args = ["analyze", str(inputs), "--model", str(model_dir), "--quiet", "--num-proc", procs]
        assert main([*args, "--output", str(out), "--docs-per-batch", "1"]) == 1  # bad.txt
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert [Path(json.loads(line)["id"]).name for line in outs[1].splitlines()] == [
        "a.txt",
        "b.txt",
    ]


def test_num_proc_and_html_do_not_mix(inputs: Path, model_dir: Path, tmp_path: Path) -> None:
    args = ["analyze", str(inputs / "a.txt"), "--model", str(model_dir), "--format", "html"]
    assert main([*args, "--output", str(tmp_path / "h"), "--num-proc", "2"]) == 2
