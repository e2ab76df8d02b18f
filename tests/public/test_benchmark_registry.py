"""The registry of public benchmarks: every entry complete, unknown names listing the known
ones, and a benchmark registered at run time read and scored by the same functions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from public_rows import ANNOTATED, CHECKTHAT_DEV, NEWSMTSC_DEV, write_jsonl, write_tsv

from framing.data.annotated import DataError, annotated_dir
from framing.data.jsonl import iter_jsonl
from framing.labels import MODES
from framing.models.baselines import KeywordBaseline
from framing.models.tfidf import TfidfModel
from framing.public.base import Benchmark, Problem, class_f1
from framing.public.benchmarks import (
    BENCHMARKS,
    headline,
    load_benchmark,
    read_benchmark,
    read_scorable,
    register_benchmark,
    score_benchmark,
)
from framing.public.evaluate import main as evaluate_main
from framing.records import Example, Prediction
from framing.registry import Registry


def test_every_benchmark_is_complete() -> None:
    assert BENCHMARKS.names() == ["newsmtsc", "checkthat", "annotated"]
    for name in BENCHMARKS:
        entry = BENCHMARKS.get(name)
        assert isinstance(entry, Benchmark) and entry.name == name
        assert callable(entry.reader) and callable(entry.scorer)
        assert entry.official and all(isinstance(key, str) for key in entry.official)
        assert entry.title and entry.licence and entry.citation, name
        assert isinstance(entry.licence_note, str)
    # the data README: NewsMTSC is MIT, CheckThat! is non-commercial, which a model card must say
    assert BENCHMARKS.get("newsmtsc").licence.startswith("MIT")
    assert BENCHMARKS.get("newsmtsc").licence_note == ""
    assert "CC BY-NC-SA 4.0" in BENCHMARKS.get("checkthat").licence
    assert "non-commercial" in BENCHMARKS.get("checkthat").licence_note


def test_the_official_metrics_are_what_the_scorers_give(tmp_path: Path) -> None:
    files = {
        "newsmtsc": write_jsonl(tmp_path / "n.jsonl", NEWSMTSC_DEV),
        "checkthat": write_tsv(tmp_path / "c.tsv", CHECKTHAT_DEV),
        "annotated": annotated_dir() / "sentences.jsonl",
    }
    model = KeywordBaseline()
    for name, path in files.items():
        official = BENCHMARKS.get(name).official
        result = score_benchmark(model, name, read_benchmark(name, path)[0])
        assert set(official) <= set(result), name
        shown = ", ".join(f"{key} {result[key]:.3f}" for key in official)
        assert headline(name, result) == shown
    assert headline("checkthat", {"macro_f1": 0.5, "subj_f1": 0.25, "accuracy": 1.0}, 2, False) == (
        "macro_f1 0.50, subj_f1 0.25"
    )


def test_an_unknown_benchmark_lists_the_known_ones(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", NEWSMTSC_DEV)
    message = r"unknown benchmark 'semeval'; known: newsmtsc, checkthat, annotated$"
    calls = [
        lambda: read_benchmark("semeval", path),
        lambda: read_scorable("semeval", path),
        lambda: load_benchmark("semeval", path),
        lambda: score_benchmark(KeywordBaseline(), "semeval", ANNOTATED),
        lambda: headline("semeval", {}),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=message):
            call()


def test_an_entry_needs_its_official_metrics_and_licence() -> None:
    def read(path: Path) -> tuple[list, list]:
        return [], []

    with pytest.raises(ValueError, match="the official metrics and the licence are required"):
        Benchmark("mine", "Mine", read, class_f1, official=(), licence="CC0")
    with pytest.raises(ValueError, match="the official metrics and the licence are required"):
        Benchmark("mine", "Mine", read, class_f1, official=("accuracy",), licence="")
    with pytest.raises(TypeError, match="a benchmark entry is a Benchmark, got dict"):
        register_benchmark({"name": "mine"})


# -- a benchmark of a third party, registered at run time ----------------------------------------
def read_opinions(path: Path) -> tuple[list[Example], list[Problem]]:
    """JSONL rows ``{"text": str, "opinion": bool}``: a sentence and whether it is one."""
    examples, problems = [], []
    for number, row in iter_jsonl(path, problems):
        if not isinstance(row.get("opinion"), bool):
            problems.append(Problem(str(path), number, f"'opinion' is {row.get('opinion')!r}"))
            continue
        mode = "opinion" if row["opinion"] else "news"
        examples.append(Example(row["text"], doc_id=f"opinions:{number}", mode=mode))
    return examples, problems


def score_opinions(
    examples: Sequence[Example], predictions: Sequence[Prediction]
) -> dict[str, Any]:
    gold, pred = [ex.mode for ex in examples], [p.mode for p in predictions]
    result = class_f1(pred, gold, MODES)
    return {"opinion_f1": result["per_class_f1"]["opinion"], "accuracy": result["accuracy"],
            "n": result["n"]}  # fmt: skip


OPINIONS = Benchmark(
    name="opinions",
    title="Opinions (a test set)",
    reader=read_opinions,
    scorer=score_opinions,
    official=("opinion_f1", "accuracy"),
    licence="CC0 1.0 (written for this test)",
)


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry[Benchmark]:
    """The registry, its entries restored after the test (Registry has no way to remove one, and
    every module that imported BENCHMARKS must see what the test registers)."""
    monkeypatch.setattr(BENCHMARKS, "_entries", dict(BENCHMARKS._entries))
    return BENCHMARKS


def test_a_benchmark_registered_at_run_time_is_read_and_scored(
    registry: Registry[Benchmark], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert register_benchmark(OPINIONS) is OPINIONS
    assert registry.names() == ["newsmtsc", "checkthat", "annotated", "opinions"]
    rows = [
        {"text": "Leaders should resign.", "opinion": True},  # -> opinion
        {"text": "The vote was held.", "opinion": False},  # -> news
        {"text": "It is clear they lied.", "opinion": False},  # -> opinion
        "{broken",
        {"text": "Markets closed lower.", "opinion": "no"},
    ]
    path = write_jsonl(tmp_path / "opinions.jsonl", rows)
    examples, problems = read_benchmark("opinions", path)
    assert [ex.mode for ex in examples] == ["opinion", "news", "news"]
    assert [str(p) for p in problems] == [
        f"{path}:4: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{path}:5: 'opinion' is 'no'",
    ]
    assert read_scorable("opinions", path, limit=2) == (examples[:2], problems)
    with pytest.raises(DataError, match=rf"2 bad row\(s\) in {path}: {path}:4: not valid JSON"):
        load_benchmark("opinions", path)

    result = score_benchmark(KeywordBaseline(), "opinions", examples, batch_size=1)
    assert result == {"opinion_f1": pytest.approx(2 / 3), "accuracy": pytest.approx(2 / 3), "n": 3}
    assert headline("opinions", result) == "opinion_f1 0.667, accuracy 0.667"

    # the evaluate command offers it and scores it like any other
    model = TfidfModel(calibration_folds=0).fit(ANNOTATED).save_pretrained(tmp_path / "model")
    out = tmp_path / "scores.json"
    args = ["--model", str(model), "--benchmark", "opinions", "--data", str(path)]
    assert evaluate_main([*args, "--output", str(out)]) == 1  # rows were skipped
    printed = capsys.readouterr()
    assert f"skipped {path}:5: 'opinion' is 'no'" in printed.err
    assert f"opinions {path} (n=3): opinion_f1 " in printed.out
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["benchmark"] == "opinions" and written["n"] == 3
    assert len(written["skipped"]) == 2
