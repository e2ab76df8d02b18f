"""framing compare on input a researcher really has: documents without sentences, labels of the
wrong type, dates no cut can read, paths as strings, folders that mix analyses and articles, an
output that would overwrite an input."""

from __future__ import annotations

import json
from pathlib import Path

import framing
from framing.comparison.cli import main
from framing.comparison.report import render_report
from tests.comparison.analyses import analysis, stance_doc, write


def test_a_group_whose_documents_have_no_sentence_is_kept() -> None:
    docs = [analysis([], outlet="Empty") for _ in range(3)]
    docs += [stance_doc("Full", "iran", ["critical", "neutral"]) for _ in range(3)]
    result = framing.compare(docs, resamples=200)
    assert result.groups == {"Empty": 3, "Full": 3}
    assert {r["group"] for r in result.rows if r["value"] is not None} == {"Full"}
    assert "Empty" in render_report(result)
    alone = framing.compare([analysis([], outlet="Empty")], resamples=200)
    assert alone.groups == {"Empty": 1} and alone.difference_rows == []


def test_labels_of_the_wrong_type_skip_the_line_and_name_it(tmp_path: Path) -> None:
    good = stance_doc("A", "iran", ["critical"])
    hostile = stance_doc("A", "iran", ["critical"])
    hostile["sentences"][0]["stances"] = {"iran": "hostile"}
    listed = stance_doc("A", "iran", ["critical"])
    listed["sentences"][0]["stances"] = {"iran": ["critical"]}
    numbered = stance_doc("A", "iran", ["critical"])
    numbered["sentences"][0].update(reported={"label": True, "probability": 1.0}, speaker=7)
    path = write(tmp_path / "a.jsonl", [good, hostile, listed, numbered])
    result = framing.compare(path, resamples=200)
    assert result.counts() == {"read": 4, "used": 1, "skipped": 3}
    assert [s.split(": ", 1)[0] for s in result.skipped] == [f"{path}:{n}" for n in (2, 3, 4)]
    assert "'hostile'" in result.skipped[0] and "speaker 7" in result.skipped[2]


def test_dates_a_cut_cannot_read_are_counted_in_a_warning() -> None:
    docs = [stance_doc("A", "iran", ["critical"], date="2025-11-03") for _ in range(2)]
    docs += [stance_doc("A", "iran", ["neutral"], date="03/11/2025") for _ in range(3)]
    docs += [stance_doc("A", "iran", ["neutral"], date=None)]
    result = framing.compare(docs, by="date:month", resamples=200)
    assert result.groups == {"2025-11": 2, "(missing)": 4}
    assert result.warnings == [
        "3 document(s) have a date that is not ISO (YYYY-MM-DD), e.g. '03/11/2025': --by "
        "date:month cannot cut it, so they are in the group (missing)"
    ]


def test_paths_given_as_strings_are_read_as_paths(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl", [stance_doc("A", "iran", ["critical"])] * 2)
    b = write(tmp_path / "b.jsonl", [stance_doc("B", "iran", ["neutral"])] * 3)
    result = framing.compare([str(a), str(b)], resamples=200)
    assert result.groups == {"A": 2, "B": 3} and not result.skipped


def test_few_resamples_warn_and_the_report_still_renders() -> None:
    docs = [stance_doc(o, "iran", ["critical", "neutral"]) for o in "AB" for _ in range(5)]
    result = framing.compare(docs, resamples=1)
    assert any("1 bootstrap resamples" in w for w in result.warnings)
    assert "<svg" in render_report(result)


def test_a_folder_of_analyses_and_articles_is_refused(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    write(folder / "old.jsonl", [stance_doc("A", "iran", ["critical"])])
    (folder / "new.txt").write_text("Iran said no to the plan on Monday.", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(folder), "--output", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "both analyses (1 file(s), e.g. old.jsonl) and articles (1 file(s), e.g. new.txt)" in err
    assert not out.exists()


def test_an_output_that_would_overwrite_an_input_is_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "c"
    out.mkdir()
    kept = write(out / "analyses.jsonl", [stance_doc("A", "iran", ["critical"])] * 5)
    article = tmp_path / "one.txt"
    article.write_text("Iran said no to the plan on Monday.", encoding="utf-8")
    before = kept.read_bytes()
    assert main([str(kept), str(article), "--output", str(out), "--quiet"]) == 2
    assert "over the input" in capsys.readouterr().err
    assert kept.read_bytes() == before
    # the outputs of a comparison of a folder of analyses may not go into that folder
    assert main([str(out), "--output", str(out / "again"), "--quiet"]) == 2
    assert "inside the input folder" in capsys.readouterr().err
    assert json.loads(before.splitlines()[0])["metadata"]["outlet"] == "A"


def test_the_same_document_given_twice_counts_once(tmp_path: Path) -> None:
    docs = [stance_doc(o, "iran", ["critical"]) for o in ("A", "A", "B")]
    path = write(tmp_path / "a.jsonl", docs)
    result = framing.compare([path, path], resamples=200)
    assert result.groups == {"A": 2, "B": 1}
    assert result.counts() == {"read": 6, "used": 3, "skipped": 3}
    assert result.skipped[0].startswith(f"{path}:1: the same document as {path}:1 (id ")


def test_analyses_of_several_models_are_a_warning_and_the_model_is_named() -> None:
    docs = [stance_doc("A", "iran", ["critical"]) for _ in range(3)]
    other = [stance_doc("B", "iran", ["neutral"]) for _ in range(2)]
    for doc in other:
        doc["model"] = {"family": "finetune_onnx", "source": "bundled"}
    result = framing.compare(docs + other, resamples=200)
    assert result.models == {"tfidf (tests)": 3, "finetune_onnx (bundled)": 2}
    assert any("made by 2 models" in w for w in result.warnings)
    summary = result.to_markdown()
    assert "Analysed by: tfidf (tests), finetune_onnx (bundled)." in summary
    assert "check a sample by hand" in render_report(result)


def test_one_group_is_nothing_to_compare() -> None:
    result = framing.compare([stance_doc("A", "iran", ["critical"])] * 3, resamples=200)
    assert "Only one group (A): nothing to compare." in result.to_markdown()
    assert "nothing to compare" in render_report(result)


def test_a_comparison_folder_reads_as_its_analyses_and_a_rerun_leaves_no_stale_page(
    tmp_path: Path, capsys
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Iran welcomed the pact with Iraq on Monday.", encoding="utf-8")
    out = tmp_path / "c"
    assert main([str(article), "--by", "genre", "--output", str(out), "--quiet"]) == 0
    assert (out / "report.html").is_file() and (out / "analyses.jsonl").is_file()
    again = tmp_path / "again"
    # the folder's tables and page are not read: only its analyses.jsonl
    assert main([str(out), "--by", "genre", "--output", str(again), "--quiet"]) == 0
    assert json.loads((again / "comparison.json").read_text("utf-8"))["counts"]["read"] == 1
    assert main([str(out / "analyses.jsonl"), "--by", "genre", "--output", str(again),
                 "--no-report", "--quiet"]) == 0  # fmt: skip
    assert not (again / "report.html").exists()  # an earlier page would contradict the tables


def test_analyze_csv_output_is_refused_as_input(tmp_path: Path, capsys) -> None:
    from framing.inference.writers import CSV_COLUMNS

    table = tmp_path / "sentences.csv"
    table.write_text(",".join(CSV_COLUMNS) + "\n", encoding="utf-8")
    assert main([str(table), "--output", str(tmp_path / "out"), "--quiet"]) == 2
    assert "framing analyze's csv output (one row per sentence" in capsys.readouterr().err


def test_warnings_of_the_articles_analysed_first_are_printed(tmp_path: Path, capsys) -> None:
    table = tmp_path / "a.csv"
    table.write_text(
        "text,source\nIran welcomed the pact on Monday.,A\nIraq objected to it on Tuesday.,B\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = [str(table), "--meta-fields", "outlet=sourcex", "--by", "genre", "--output", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err.count("no column 'sourcex' for the outlet") == 1  # said once, as analyze says it
