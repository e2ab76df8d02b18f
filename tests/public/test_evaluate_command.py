"""``python -m framing.evaluate``: scores, skipped rows, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from public_rows import ANNOTATED, NEWSMTSC_DEV, PUBLIC, write_files, write_jsonl

from framing.data.annotated import load_examples
from framing.inference.analyzer import resolve_model
from framing.models import load_model
from framing.models.tfidf import TfidfModel
from framing.public.benchmarks import read_benchmark, score_benchmark
from framing.public.evaluate import main as evaluate_main


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return write_files(tmp_path)


@pytest.fixture
def saved_model(tmp_path: Path) -> Path:
    return (
        TfidfModel(calibration_folds=0)
        .fit([*ANNOTATED, *PUBLIC])
        .save_pretrained(tmp_path / "run" / "model")
    )


def test_evaluate_skips_bad_rows_and_exits_1(
    saved_model: Path, files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = write_jsonl(tmp_path / "dev.jsonl", [*NEWSMTSC_DEV[:2], "{broken", NEWSMTSC_DEV[2]])
    out = tmp_path / "out" / "scores.json"
    code = evaluate_main(
        ["--model", str(saved_model), "--benchmark", "newsmtsc", "--data", str(data),
         "--output", str(out)]
    )  # fmt: skip
    assert code == 1
    captured = capsys.readouterr()
    assert f"skipped {data}:3: not valid JSON" in captured.err
    assert f"newsmtsc {data} (n=3): f1m " in captured.out
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["n"] == 3 and result["family"] == "tfidf" and result["benchmark"] == "newsmtsc"
    assert result["model"] == str(saved_model)
    assert result["skipped"] == [f"{data}:3: not valid JSON (Expecting property name enclosed in "
                                 "double quotes)"]  # fmt: skip
    expected = score_benchmark(
        load_model(saved_model), "newsmtsc", read_benchmark("newsmtsc", data)[0]
    )
    assert result["f1m"] == pytest.approx(expected["f1m"])
    assert 0.0 <= result["f1m"] <= 1.0 and 0.0 <= result["accuracy"] <= 1.0
    # a clean file: exit 0; a training run folder is found through its model/
    run_dir = saved_model.parent
    assert resolve_model(run_dir)[0] == saved_model
    code = evaluate_main(
        ["--model", str(run_dir), "--benchmark", "checkthat", "--data", str(files["ct_dev"])]
    )
    assert code == 0
    assert "checkthat" in capsys.readouterr().out


def test_evaluate_errors_exit_2(
    saved_model: Path, files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    missing = tmp_path / "nothing"
    args = ["--benchmark", "newsmtsc", "--data", str(files["dev"])]
    assert evaluate_main(["--model", str(missing), *args]) == 2
    assert f"error: {missing}: no such model folder" in capsys.readouterr().err
    empty = tmp_path / "empty_folder"
    empty.mkdir()
    assert evaluate_main(["--model", str(empty), *args]) == 2
    assert "framing.json is missing" in capsys.readouterr().err
    assert evaluate_main(["--model", str(saved_model), "--benchmark", "newsmtsc"]) == 2
    assert "--data is needed for the newsmtsc benchmark" in capsys.readouterr().err
    gone = tmp_path / "gone.jsonl"
    assert (
        evaluate_main(["--model", str(saved_model), "--benchmark", "newsmtsc", "--data", str(gone)])
        == 2
    )
    assert "no such newsmtsc file" in capsys.readouterr().err
    bad = write_jsonl(tmp_path / "bad.jsonl", ["nope", {"sentence": "x"}])
    assert (
        evaluate_main(["--model", str(saved_model), "--benchmark", "newsmtsc", "--data", str(bad)])
        == 2
    )
    err = capsys.readouterr().err
    assert "no readable newsmtsc example" in err
    assert f"{bad}:1: not valid JSON" in err  # the reasons are named
    with pytest.raises(SystemExit):
        evaluate_main(["--model", str(saved_model), "--benchmark", "semeval"])


def test_evaluate_annotated_uses_the_bundled_set(
    saved_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "annotated.json"
    code = evaluate_main(
        ["--model", str(saved_model), "--benchmark", "annotated", "--output", str(out)]
    )
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    bundled = load_examples()
    assert result["data"].endswith("sentences.jsonl") and result["skipped"] == []
    assert result["mode"]["n"] == len(bundled) == 103
    assert result["stance"]["n"] == sum(len(ex.mentions) for ex in bundled) == 370
    assert result["stance_macro_f1"] == pytest.approx(
        score_benchmark(load_model(saved_model), "annotated", bundled)["stance_macro_f1"]
    )
    assert "annotated" in capsys.readouterr().out
