"""training.corpus_export: the corpus's articles as analyze input, its gold labels as analyses
that framing compare reads (README's worked example)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import framing
from framing.data.annotated import read_jsonl
from framing.inference.results import read_analysis
from training import corpus_export

CORPUS = Path(__file__).resolve().parents[2] / "training" / "corpus"


def test_input_rows_carry_the_page_text_and_its_metadata() -> None:
    rows = list(corpus_export.input_rows("dev"))
    documents = [d for d in read_jsonl(CORPUS / "data" / "documents.jsonl") if d["split"] == "dev"]
    assert [r["id"] for r in rows] == [d["doc_id"] for d in documents]
    for row, document in zip(rows, documents, strict=True):
        assert row["text"] == (CORPUS / document["file"]).read_text("utf-8")
        assert (row["outlet"], row["slant_group"]) == (document["outlet"], document["slant_group"])


def test_gold_analyses_hold_the_adjudicated_labels(tmp_path: Path) -> None:
    gold = read_jsonl(CORPUS / "data" / "dev" / "sentences.jsonl")
    analyses = list(corpus_export.gold_analyses("dev"))
    assert len(analyses) == 21
    expected: Counter[tuple[str, str]] = Counter(
        (s["actor"], s["stance"]) for row in gold for s in row["stances"]
    )
    got: Counter[tuple[str, str]] = Counter()
    for analysis in analyses:
        line = analysis.to_json()
        back = read_analysis(line)  # the schema framing analyze writes, read back
        assert back.meta.get("slant_group") == analysis.meta.extra["slant_group"]
        assert analysis.model["family"] == "gold"
        for sentence in back.sentences:
            got.update(sentence.stances.items())
    assert got == expected
    path = tmp_path / "gold.jsonl"
    assert corpus_export.main(["--split", "dev", "--gold", "--output", str(path)]) == 0
    result = framing.compare(path, by="slant_group", resamples=50)
    assert sum(result.groups.values()) == 21 and "(missing)" not in result.groups
    assert result.counts()["used"] == 21


def test_the_input_file_is_what_framing_analyze_reads(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    assert corpus_export.main(["--split", "dev", "--output", str(path)]) == 0
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 21 and all(json.loads(line)["text"] for line in lines)


@pytest.mark.slow
def test_the_worked_example_runs_end_to_end(tmp_path: Path) -> None:
    from training import worked_example

    out = tmp_path / "example"
    args = ["--split", "dev", "--output", str(out), "--resamples", "50", "--no-picture"]
    assert worked_example.main(args) == 0
    for name in ("analyses.jsonl", "gold.jsonl", "agreement.json", "table.md"):
        assert (out / name).is_file(), name
    for side in ("model", "gold"):
        assert (out / side / "report.html").is_file() and (out / side / "comparison.csv").is_file()
    agreed = json.loads((out / "agreement.json").read_text("utf-8"))
    assert agreed["shares"]["cells"] > 0
    assert "| iranian_state |" in (out / "table.md").read_text("utf-8")
