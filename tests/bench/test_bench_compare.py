"""``python -m framing.bench compare``: the synthetic analyses and the timed comparison."""

from __future__ import annotations

import json
import random
from pathlib import Path

import framing
from framing.bench.cli import main
from framing.bench.compare import OUTLETS, run_compare, synthetic_analysis, write_analyses


def test_synthetic_analyses_read_as_analyze_writes_them(tmp_path: Path) -> None:
    data = synthetic_analysis(random.Random(3))
    doc = framing.read_analysis(data)
    assert 20 <= len(doc.sentences) <= 60
    assert 2 <= len(doc.actors) <= 5 and doc.meta.outlet in OUTLETS
    assert any(s.speaker for s in doc.sentences)
    path = tmp_path / "a.jsonl"
    write_analyses(path, 30)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 30


def test_run_compare_times_the_comparison() -> None:
    results = run_compare(documents=40, resamples=50, repeat=2)
    assert len(results["seconds"]) == 2 and results["median_seconds"] > 0
    assert results["documents"] == 40 and results["groups"] >= 2
    assert results["rows"] > 0 and results["differences"] > 0


def test_bench_compare_command_writes_json(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    argv = ["compare", "--documents", "30", "--resamples", "20", "--repeat", "1"]
    assert main([*argv, "--output", str(out)]) == 0
    assert "compare: 30 documents" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["resamples"] == 20
