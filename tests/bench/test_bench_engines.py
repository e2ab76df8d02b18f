"""``python -m framing.bench infer --engine ray``: the generated documents, the process tree's
memory sampled while ``framing analyze`` runs, and the command's options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.bench.cli import main
from framing.bench.engines import format_engines, generated_documents, measure_engine


def test_generated_documents_are_distinct_news_briefs() -> None:
    texts = list(generated_documents(50))
    assert len(texts) == len(set(texts)) == 50
    assert all(t.count(". ") >= 2 for t in texts)  # three sentences each


def test_measure_engine_counts_documents_and_memory(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = list(generated_documents(20))
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    row = measure_engine(
        [str(source), "--model", "tfidf", "--quiet", "--docs-per-batch", "5"],
        output,
        20,
        0.05,
    )
    assert row["documents"] == 20
    assert row["sentences"] >= 60
    assert 50 < row["peak_rss_mb"] < 20_000  # a Python process with a model, in MB
    assert list(row["peak_rss_mb_by_documents"]) == ["2", "10", "20"]
    assert row["peak_rss_mb_by_documents"]["20"] <= row["peak_rss_mb"]
    table = format_engines(
        {"rows": [{"engine": "local", "workers": 1, **row}], "ray_over_plain": 1.0}
    )
    assert table.splitlines()[2].startswith("| local | 1 | 20 |")


def test_a_failing_run_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="failed"):
        measure_engine([str(tmp_path / "in.jsonl"), "--model", str(tmp_path)], tmp_path / "o", 1)


def test_documents_need_engine_ray() -> None:
    with pytest.raises(SystemExit):
        main(["infer", "--documents", "10"])
