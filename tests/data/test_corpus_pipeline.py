"""The corpus tools end to end on a small corpus: check the passes, measure agreement, write the
adjudication sheets, check and apply the decisions, build the splits."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from framing.data.annotated import read_jsonl
from training import (
    corpus_adjudicate,
    corpus_agreement,
    corpus_build,
    corpus_labels,
    corpus_sheets,
)
from training.corpus_units import CORPUS, SEED_DATA

ARTICLES = 2


def _write(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def _label(unit: dict, variant: str) -> dict:
    """A plausible label of a unit: Iran mentioned wherever the word stands; pass B differs on
    a few units in every field."""
    n = int(unit["id"].rsplit(":", 1)[1].lstrip("s") or 0)
    record = {"id": unit["id"], "keep": True, "kind": None, "mode": "news", "reported": False,
              "speaker": None, "mentions": [], "stances": {}, "note": ""}  # fmt: skip
    if variant == "b" and n == 1:
        return {**record, "keep": False, "kind": "chrome", "mode": None, "reported": None}
    if re.search(r"\bIran\b", unit["text"]):
        record["mentions"] = [{"text": "Iran", "occurrence": 1, "actor": "iran", "type": "name"}]
        record["stances"] = {"iran": "critical" if variant == "b" and n % 3 == 0 else "neutral"}
    if variant == "b" and re.search(r"\bIraq\b", unit["text"]):  # a mention only B found
        record["mentions"].append(
            {"text": "Iraq", "occurrence": 1, "actor": "iraq", "type": "name"}
        )
        record["stances"]["iraq"] = "neutral"
    if variant == "b" and n == 2:
        record.update(mode="opinion", reported=True, speaker="other")
    return record


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    docs = read_jsonl(CORPUS / "documents.jsonl")[:ARTICLES]
    for d in docs:
        (root / "articles").mkdir(exist_ok=True)
        shutil.copy(CORPUS / d["file"], root / d["file"])
    _write(root / "documents.jsonl", docs)
    seed_ids = [d["doc_id"] for d in read_jsonl(SEED_DATA / "documents.jsonl")]
    wanted = {d["doc_id"] for d in docs} | set(seed_ids)
    units = [u for u in read_jsonl(CORPUS / "annotation" / "units.jsonl") if u["doc_id"] in wanted]
    annotation = root / "annotation"
    _write(annotation / "units.jsonl", units)
    index = {"b01": [docs[0]["doc_id"], *seed_ids], "b02": [d["doc_id"] for d in docs[1:]]}
    (annotation / "batches").mkdir()
    (annotation / "batches" / "index.json").write_text(json.dumps(index), "utf-8")
    for variant in "ab":
        for batch, ids in index.items():
            labels = [_label(u, variant) for u in units if u["doc_id"] in ids]
            _write(annotation / f"pass_{variant}" / f"{batch}.jsonl", labels)
    return root


def test_a_pass_folder_is_checked_batch_by_batch(corpus: Path, capsys) -> None:
    annotation = corpus / "annotation"
    broken = annotation / "pass_x"
    shutil.copytree(annotation / "pass_a", broken)
    lines = (broken / "b02.jsonl").read_text("utf-8").splitlines()
    (broken / "b02.jsonl").write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    code = corpus_labels.main([str(broken), "--corpus", str(corpus), "--output", str(corpus / "x")])
    assert code == 1 and "b02: 1 problem(s), first:" in capsys.readouterr().out
    assert not (corpus / "x").exists()
    code = corpus_labels.main(
        [str(broken), "--corpus", str(corpus), "--output", str(corpus / "x"), "--partial"]
    )
    b01 = {u for u in json.loads((annotation / "batches" / "index.json").read_text())["b01"]}
    assert code == 0 and {r["doc_id"] for r in read_jsonl(corpus / "x")} == b01


def test_passes_agreement_sheets_decisions_and_build(corpus: Path, capsys) -> None:
    annotation = corpus / "annotation"
    for variant in "ab":
        out = annotation / f"pass_{variant}.jsonl"
        args = [str(annotation / f"pass_{variant}"), "--corpus", str(corpus), "--output", str(out)]
        assert corpus_labels.main(args) == 0
    units = read_jsonl(annotation / "units.jsonl")
    assert [r["id"] for r in read_jsonl(annotation / "pass_a.jsonl")] == [u["id"] for u in units]

    corpus_agreement.main(["--corpus", str(corpus)])
    agreement = json.loads((annotation / "agreement.json").read_text())
    assert agreement["overall"]["units"] == len(units)
    assert agreement["overall"]["keep"]["kappa"] < 1
    assert set(agreement["per_slant_group"]) >= {"seed"}
    found = read_jsonl(annotation / "disagreements.jsonl")
    fields = {d["field"] for d in found}
    assert fields >= {"keep", "mode", "reported", "speaker", "stance", "mention"}

    assert corpus_sheets.main(["--corpus", str(corpus)]) == 0
    templates = {
        batch: [json.loads(line) for line in sheet.splitlines() if line.startswith('{"id"')]
        for batch in ("b01", "b02")
        for sheet in [(annotation / "adjudication" / f"{batch}.md").read_text("utf-8")]
    }
    assert sum(map(len, templates.values())) == len(found)
    assert corpus_sheets.main(["--corpus", str(corpus), "--check", "b01"]) == 1
    assert "missing" in capsys.readouterr().out
    # decide every disagreement for pass A; one invalid decision is named first
    by_id = {r["id"]: r for r in read_jsonl(annotation / "pass_a.jsonl")}
    only_in = {(d["id"], d["actor"], tuple(d["span"])): d["only_in"] for d in found
               if d["field"] == "mention"}  # fmt: skip
    decisions: dict[str, list[dict]] = {}
    for batch, lines in templates.items():
        for t in lines:
            a = by_id[t["id"]]
            if t["field"] == "keep":
                t.update(value=True, side="a")
            elif t["field"] == "mention":
                t["value"] = only_in[t["id"], t["actor"], tuple(t["span"])] == "a"
            elif t["field"] == "stance":
                t["value"] = a["stances"].get(t["actor"])
            else:
                t["value"] = a[t["field"]]
            decisions.setdefault(batch, []).append({**t, "reason": "pass A follows the guidelines"})
    first = decisions["b01"][0]
    _write(annotation / "decisions" / "b01.jsonl", [{**first, "value": "maybe"}])
    assert corpus_sheets.main(["--corpus", str(corpus), "--check", "b01"]) == 1
    out = capsys.readouterr().out
    assert "got 'maybe'" in out and "no decision for" in out
    for batch, lines in decisions.items():
        _write(annotation / "decisions" / f"{batch}.jsonl", lines)
        assert corpus_sheets.main(["--corpus", str(corpus), "--check", batch]) == 0

    corpus_adjudicate.main(["--corpus", str(corpus)])
    final = read_jsonl(annotation / "adjudicated.jsonl")
    assert final == read_jsonl(annotation / "pass_a.jsonl")
    # the same disagreements decided for pass B every time: the labels become pass B's
    by_b = {r["id"]: r for r in read_jsonl(annotation / "pass_b.jsonl")}
    for batch, lines in decisions.items():
        for t in lines:
            b = by_b[t["id"]]
            if t["field"] == "keep":
                t.update(value=b["keep"], side="b", kind=b.get("kind"))
            elif t["field"] == "mention":  # B's mentions stay, A's alone go
                t["value"] = only_in[t["id"], t["actor"], tuple(t["span"])] == "b"
            elif t["field"] == "stance":
                t["value"] = b["stances"].get(t["actor"])
            else:
                t["value"] = b[t["field"]]
        _write(annotation / "decisions" / f"{batch}.jsonl", lines)
    corpus_adjudicate.main(["--corpus", str(corpus)])
    assert read_jsonl(annotation / "adjudicated.jsonl") == list(by_b.values())
    assert "pass A follows the guidelines" in (annotation / "adjudication.md").read_text("utf-8")

    counts = corpus_build.build(corpus)
    assert counts["corpus"]["articles"] == ARTICLES
    data = corpus / "data"
    sentences = [
        s for split in corpus_build.SPLITS for s in read_jsonl(data / split / "sentences.jsonl")
    ]
    assert len(sentences) == counts["corpus"]["sentences"]
    raws = {
        d["doc_id"]: (corpus / d["file"]).read_text("utf-8")
        for d in read_jsonl(corpus / "documents.jsonl")
    }
    for s in sentences:
        for m in s["mentions"]:
            assert raws[s["doc_id"]][m["start"] : m["end"]] == m["text"]
            assert s["text"][m["text_start"] : m["text_end"]] == m["text"]
    assert counts["seed"]["sentences"] == len(read_jsonl(corpus / "seed" / "sentences.jsonl"))


def test_splits_stay_fixed_when_articles_are_added(tmp_path: Path) -> None:
    docs = read_jsonl(CORPUS / "documents.jsonl")
    first, later = docs[:40], docs[40:60]
    splits = corpus_build.fixed_splits(tmp_path, first)
    assert json.loads((tmp_path / "splits.json").read_text()) == splits
    grown = corpus_build.fixed_splits(tmp_path, first + later)
    assert {k: grown[k] for k in splits} == splits  # nobody moves
    assert set(grown) == {d["doc_id"] for d in first + later}
    # the new articles continue their strata's positions: a stratum of ten gets two tests
    stratum = [{**d, "slant_group": "israeli", "genre": "news"} for d in docs[60:70]]
    (tmp_path / "x").mkdir()
    mixed = corpus_build.fixed_splits(tmp_path / "x", stratum[:3])
    more = corpus_build.fixed_splits(tmp_path / "x", stratum)
    assert {k: more[k] for k in mixed} == mixed
    assert sorted(more.values()).count("test") == 2 and sorted(more.values()).count("dev") == 1
    (tmp_path / "splits.json").write_text(json.dumps({"nope": "test"}), "utf-8")
    with pytest.raises(ValueError, match="no longer in the corpus"):
        corpus_build.fixed_splits(tmp_path, first)
