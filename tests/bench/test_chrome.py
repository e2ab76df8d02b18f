"""The scraped-pages regression count (:mod:`framing.bench.chrome`) on a hand-made corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.bench.chrome import format_chrome, run_chrome, unit_raw_positions

PAGE = (
    "Skip to content\n\n"
    "Border talks resume in Baghdad\n\n"
    "Officials from both sides met on Monday to discuss the crossing.\n\n"
    "Share this article\n"
)


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def unit(doc_id: str, n: int, raw: str, text: str) -> dict:
    start = raw.index(text)
    return {
        "id": f"{doc_id}:{n:03d}",
        "doc_id": doc_id,
        "start": start,
        "end": start + len(text),
        "text": text,
        "pieces": [[0, start, len(text)]],
    }


def make_corpus(root: Path, pages: dict[str, tuple[str, str, list[tuple[str, bool, str]]]]) -> Path:
    """``pages``: doc_id -> (split, raw page, [(unit text, keep, kind)])."""
    units, labels, documents, splits = [], [], [], {}
    for doc_id, (split, raw, marked) in pages.items():
        (root / "articles").mkdir(parents=True, exist_ok=True)
        (root / "articles" / f"{doc_id}.txt").write_text(raw, encoding="utf-8")
        documents.append({"doc_id": doc_id, "file": f"articles/{doc_id}.txt"})
        splits[doc_id] = split
        for n, (text, keep, kind) in enumerate(marked):
            units.append(unit(doc_id, n, raw, text))
            labels.append({"id": units[-1]["id"], "keep": keep, "kind": None if keep else kind})
    write_jsonl(root / "documents.jsonl", documents)
    write_jsonl(root / "annotation" / "units.jsonl", units)
    write_jsonl(root / "annotation" / "adjudicated.jsonl", labels)
    (root / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    return root


def test_counts_chrome_left_and_nothing_removed(tmp_path: Path) -> None:
    # "Skip to content" is cleaned away; the gold also marks the headline as related (a
    # hand-made disagreement) so that one chrome unit is left
    marked = [
        ("Skip to content", False, "chrome"),
        ("Border talks resume in Baghdad", False, "related"),
        ("Officials from both sides met on Monday to discuss the crossing.", True, None),
    ]
    corpus = make_corpus(tmp_path, {"a": ("dev", PAGE, marked), "b": ("test", PAGE, marked)})
    result = run_chrome(corpus, splits=("dev",))
    assert result["skipped"] is None
    dev = result["splits"]["dev"]
    assert (dev["articles"], dev["units"], dev["noise_units"]) == (1, 3, 2)
    assert dev["chrome_left"] == 1
    assert dev["chrome_left_by_kind"] == {"related": 1}
    assert [u["id"] for u in dev["left_units"]] == ["a:001"]
    assert dev["chrome_left_per_20_articles"] == 20.0
    assert dev["real_removed"] == 0
    assert "test" not in result["splits"]  # only the splits asked for are read
    table = format_chrome(result, list_units=True)
    assert "1 of 2" in table and "related 1" in table
    assert "left related a:001: 'Border talks resume in Baghdad'" in table


def test_a_real_sentence_cut_by_cleaning_counts_as_removed(tmp_path: Path) -> None:
    raw = "Advertisement\n\nIran and Iraq signed the pact.\n"
    marked = [("Advertisement", True, None), ("Iran and Iraq signed the pact.", True, None)]
    corpus = make_corpus(tmp_path, {"c": ("train", raw, marked)})
    result = run_chrome(corpus, splits=("train", "dev"))
    train = result["splits"]["train"]
    assert train["real_removed"] == 1
    assert train["removed_units"] == [
        {"id": "c:000", "doc_id": "c", "kind": None, "text": "Advertisement"}
    ]
    assert result["overall"]["real_removed"] == 1
    assert result["splits"]["dev"]["articles"] == 0


def test_a_bad_unit_is_reported_and_the_count_goes_on(tmp_path: Path) -> None:
    marked = [("Officials from both sides met on Monday to discuss the crossing.", True, None)]
    corpus = make_corpus(tmp_path, {"a": ("train", PAGE, marked)})
    units = corpus / "annotation" / "units.jsonl"
    bad = json.loads(units.read_text("utf-8"))
    bad["id"], bad["pieces"] = "a:009", [[0, 10_000, 5]]
    with units.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(bad) + "\n")
    with (corpus / "annotation" / "adjudicated.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a:009", "keep": True, "kind": None}) + "\n")
    result = run_chrome(corpus, splits=("train",))
    assert result["splits"]["train"]["units"] == 1
    assert any("a:009" in p and "outside the page" in p for p in result["problems"])


def test_skips_cleanly_without_a_corpus(tmp_path: Path) -> None:
    result = run_chrome(tmp_path / "nowhere")
    assert result["skipped"] and "corpus" in result["skipped"]
    assert result["splits"] == {}
    assert format_chrome(result).startswith("chrome count skipped: no scraped-pages corpus")


def test_unknown_split_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'validation'"):
        run_chrome(tmp_path, splits=("validation",))


def test_unit_positions_skip_spaces_and_check_the_text() -> None:
    raw = "Head\n\nline one"
    joined = {"id": "x:000", "text": "Head line one", "pieces": [[0, 0, 4], [4, 5, 9]]}
    # the joined gap stands for the raw newline at 5; spaces are not counted
    assert unit_raw_positions(joined, raw) == [0, 1, 2, 3, 6, 7, 8, 9, 11, 12, 13]
    wrong = {"id": "x:001", "text": "Hexd", "pieces": [[0, 0, 4]]}
    with pytest.raises(ValueError, match="x:001"):
        unit_raw_positions(wrong, raw)
