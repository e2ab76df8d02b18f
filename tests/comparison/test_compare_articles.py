"""``framing compare`` given articles instead of analyses: analysed first with ``framing analyze``'s
readers and options (the bundled model), the analyses kept in ``OUTPUT/analyses.jsonl`` and read
again on a second run; ``--analyze``/``--no-analyze`` override how inputs are told apart."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import framing
from framing.comparison.cli import main
from framing.comparison.inputs import holds_articles
from tests.comparison.analyses import stance_doc, write

STORIES = {
    "state": "Iran's foreign minister praised the talks on Monday. The United States imposed "
    "new sanctions, the ministry said.",
    "wire": "Officials from Iran and the United States met in Muscat on Tuesday. Both sides "
    "described the talks as useful.",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A CSV of six stories in two slant groups, one row with an empty text."""
    path = tmp_path / "articles.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["story", "source", "slant", "kind"])
        for i in range(6):
            slant = "state" if i % 2 else "wire"
            out.writerow([STORIES[slant], f"Outlet {i % 3}", slant, "report"])
        out.writerow(["", "Outlet 9", "wire", "report"])
    return path


def test_articles_are_analysed_kept_and_compared(articles: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    argv = [str(articles), "--text-field", "story", "--meta-fields",
            "outlet=source,slant_group=slant,genre=kind", "--by", "slant_group",
            "--output", str(out), "--resamples", "50"]  # fmt: skip
    assert main(argv) == 1  # the empty row is skipped, named
    captured = capsys.readouterr()
    assert f"skipped {articles}:8: empty text in 'story'" in captured.err
    assert "analyses are kept in" in captured.out
    kept = out / "analyses.jsonl"
    lines = [json.loads(line) for line in kept.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6
    assert lines[0]["metadata"]["outlet"] == "Outlet 0"
    assert lines[0]["metadata"]["extra"] == {"slant_group": "wire", "genre": "report"}
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert data["counts"] == {"read": 7, "used": 6, "skipped": 1}
    assert {g["group"]: g["documents"] for g in data["groups"]} == {"state": 3, "wire": 3}
    # the kept analyses are compared again without analysing: the same tables
    again = tmp_path / "again"
    assert main([str(kept), "--by", "slant_group", "--output", str(again), "--resamples", "50",
                 "--quiet"]) == 0  # fmt: skip
    assert (
        json.loads((again / "comparison.json").read_text(encoding="utf-8"))["table"]
        == (data["table"])
    )
    by_kind = framing.compare(kept, by="meta:genre", resamples=20)
    assert by_kind.groups == {"report": 6}


def test_how_inputs_are_told_apart(articles: Path, tmp_path: Path) -> None:
    analyses = write(tmp_path / "a.jsonl", [stance_doc("R", "iran", ["critical"])])
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": STORIES["wire"]}) + "\n", encoding="utf-8")
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES["state"], encoding="utf-8")
    assert not holds_articles(analyses) and holds_articles(rows) and holds_articles(folder)
    assert holds_articles(articles) and not holds_articles(tmp_path / "missing.jsonl")
    assert holds_articles(analyses, analyze=True) and not holds_articles(folder, analyze=False)


def test_analyses_and_articles_together_in_python(tmp_path: Path) -> None:
    analyses = write(tmp_path / "a.jsonl", [stance_doc("Wire", "iran", ["critical"])] * 2)
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES["state"], encoding="utf-8")
    (folder / "b.txt").write_text(STORIES["wire"], encoding="utf-8")
    result = framing.compare([analyses, folder], by="file", resamples=20)
    assert result.groups == {str(analyses): 2, "(missing)": 2}  # not kept: no file of its own
    assert result.counts() == {"read": 4, "used": 4, "skipped": 0}


def test_no_analyze_reads_articles_as_analyses(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES["state"], encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(folder), "--no-analyze", "--output", str(out)]) == 2
    assert "a folder without an analysis file" in capsys.readouterr().err


def test_an_output_inside_the_articles_folder_is_refused(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES["state"], encoding="utf-8")
    assert main([str(folder), "--output", str(folder / "out"), "--quiet"]) == 2
    assert "is inside the input folder" in capsys.readouterr().err
