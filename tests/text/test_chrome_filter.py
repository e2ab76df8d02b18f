"""The learned chrome filter (:mod:`framing.text.chrome_filter`) and its training script."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from framing.bench.chrome import page_sentences
from framing.text.chrome_filter import (
    N_HASHED,
    SHAPE_FEATURES,
    ChromeFilter,
    document_features,
    drop_chrome,
    hashed_grams,
)
from framing.text.segment import segment
from training import train_chrome_filter

NEWS = (
    "Officials from Iran and Iraq met in Baghdad on Monday to discuss the reopening of the "
    "border crossing, which has been closed since the spring.",
    "The talks, which lasted more than five hours, ended without a joint statement, according "
    "to two people who attended.",
    "Iraq's foreign minister said later that both governments wanted trade to resume before the "
    "pilgrimage season begins in the autumn.",
)


def page(site: str, author: str, sections: list[str]) -> str:
    """A scraped page in the corpus' shape: site name and navigation, a headline, the story,
    an author box at the end."""
    return "\n\n".join(
        [site, *sections, "Border talks resume in Baghdad", " ".join(NEWS[:2]), NEWS[2], author]
    )


def test_features_have_the_declared_shape_and_no_text() -> None:
    raw = page("Peregraf", "Dara Aziz", ["Home", "Politics"])
    sentences = segment(raw)
    shape, grams = document_features(raw, sentences)
    assert shape.shape == (len(sentences), len(SHAPE_FEATURES))
    assert all(0 <= g < N_HASHED for row in grams for g in row)
    alone = SHAPE_FEATURES.index("alone_on_line")
    first_long = SHAPE_FEATURES.index("before_first_long")
    assert shape[0, alone] == 1.0 and shape[0, first_long] == 1.0  # "Peregraf"
    # the same text hashes to the same buckets in any process: CRC-32 with a fixed seed
    assert hashed_grams("Home") == hashed_grams("home")
    assert hashed_grams("Home") != hashed_grams("Politics")


def test_a_repeated_paragraph_is_seen_as_repeating() -> None:
    raw = f"{NEWS[0]} {NEWS[1]}\n\n{NEWS[2]}\n\n{NEWS[1]}\n"  # a pull-quote repeats NEWS[1]
    sentences = [(s.start, s.end, s.text) for s in segment(raw, clean=False)]
    shape, _ = document_features(raw, sentences)
    before = SHAPE_FEATURES.index("repeats_before")
    after = SHAPE_FEATURES.index("repeats_after")
    assert [t for _, _, t in sentences] == [NEWS[0], NEWS[1], NEWS[2], NEWS[1]]
    assert shape[:, before].tolist() == [0.0, 0.0, 0.0, 1.0]
    assert shape[:, after].tolist() == [0.0, 1.0, 0.0, 0.0]


def test_bundled_weights_flag_chrome_lines_and_keep_news() -> None:
    chrome_filter = ChromeFilter.load()
    assert ChromeFilter.load() is chrome_filter  # read once per process
    raw = "\n".join(
        [
            "Sports",
            "First Page",
            "Economy",
            "Deep Dive",
            "Iranica",
            "Border talks resume in Baghdad",
            " ".join(NEWS),
        ]
    )
    sentences = segment(raw)
    flagged = {sentences[i].text for i in chrome_filter.chrome_indices(raw, sentences)}
    assert flagged & {"Sports", "First Page", "Economy"}
    assert not flagged & {*NEWS, "Border talks resume in Baghdad"}


def test_drop_chrome_records_each_removal_with_raw_offsets() -> None:
    raw = "Sports\nFirst Page\nEconomy\n\n" + " ".join(NEWS)
    sentences = segment(raw)
    strict = ChromeFilter.load()
    everything = ChromeFilter(strict.shape_weights, strict.hashed_weights, -1e9)
    kept, removals = drop_chrome(raw, sentences, everything)
    assert kept == [] and len(removals) == len(sentences)
    for removal, sentence in zip(removals, sentences, strict=True):
        assert (removal.start, removal.end) == (sentence.start, sentence.end)
        assert removal.kind == "chrome"
        assert removal.text == raw[removal.start : removal.end]
    kept, removals = drop_chrome(raw, sentences)
    assert [s.text for s in kept][-3:] == list(NEWS)
    assert all(r.kind == "chrome" for r in removals)


def test_save_load_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    hashed = np.zeros(N_HASHED)
    hashed[rng.integers(0, N_HASHED, 50)] = rng.normal(size=50)
    original = ChromeFilter(rng.normal(size=len(SHAPE_FEATURES)), hashed, 1.5, {"c": 0.1})
    path = original.save(tmp_path / "filter.npz")
    loaded = ChromeFilter.load(path)
    assert loaded.threshold == 1.5 and loaded.meta == {"c": 0.1}
    np.testing.assert_allclose(loaded.hashed_weights, hashed, rtol=1e-6)
    raw = page("Peregraf", "Dara Aziz", ["Home"])
    np.testing.assert_allclose(
        loaded.scores(raw, segment(raw)), original.scores(raw, segment(raw)), rtol=1e-5
    )


def test_a_pickled_or_misshapen_file_is_refused_naming_it(tmp_path: Path) -> None:
    good = ChromeFilter.load().save(tmp_path / "good.npz")
    arrays = dict(np.load(good, allow_pickle=False))
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, **{**arrays, "meta": np.array([{"a": 1}], dtype=object)})
    with pytest.raises(ValueError, match=r"pickled\.npz"):
        ChromeFilter.load(pickled)
    short = tmp_path / "short.npz"
    np.savez(short, **{**arrays, "shape_weights": np.zeros(3, dtype=np.float32)})
    with pytest.raises(ValueError, match=r"short\.npz.*shape_weights"):
        ChromeFilter.load(short)
    missing = tmp_path / "missing.npz"
    np.savez(missing, **{k: v for k, v in arrays.items() if k != "threshold"})
    with pytest.raises(ValueError, match=r"missing\.npz.*threshold"):
        ChromeFilter.load(missing)
    with pytest.raises(FileNotFoundError, match=r"nowhere\.npz"):
        ChromeFilter.load(tmp_path / "nowhere.npz")
    with pytest.raises(ValueError, match="hashed_weights"):
        ChromeFilter(np.zeros(len(SHAPE_FEATURES)), np.zeros(7), 0.0)


def write_corpus(root: Path, pages: dict[str, tuple[str, str, list[str]]]) -> Path:
    """A corpus in ``training/corpus``'s shape: every pipeline sentence of a page is one gold
    unit, kept unless its text is listed as chrome."""
    units, labels, documents, splits = [], [], [], {}
    (root / "articles").mkdir(parents=True)
    (root / "annotation").mkdir()
    for doc_id, (split, raw, chrome) in pages.items():
        (root / "articles" / f"{doc_id}.txt").write_text(raw, encoding="utf-8")
        documents.append({"doc_id": doc_id, "file": f"articles/{doc_id}.txt"})
        splits[doc_id] = split
        for n, ((start, end, _), _) in enumerate(page_sentences(raw)):
            text = raw[start:end]
            uid = f"{doc_id}:{n:03d}"
            units.append(
                {"id": uid, "doc_id": doc_id, "text": text, "pieces": [[0, start, len(text)]]}
            )
            keep = text not in chrome
            labels.append({"id": uid, "keep": keep, "kind": None if keep else "chrome"})
    for name, records in [
        ("documents.jsonl", documents),
        ("annotation/units.jsonl", units),
        ("annotation/adjudicated.jsonl", labels),
    ]:
        (root / name).write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    (root / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    return root


def test_a_tiny_training_run_learns_and_keeps_every_real_sentence(tmp_path: Path) -> None:
    sites = [("Peregraf", "Dara Aziz"), ("Shafaq Daily", "Lana Karim"), ("The Region", "Ali Omar")]
    pages = {}
    for n in range(12):
        site, author = sites[n % 3]
        split = "dev" if n >= 9 else "train"
        raw = page(site, author, ["Home", "Politics", "Opinion"][: 1 + n % 3])
        pages[f"doc{n}"] = (split, raw, {site, author, "Home", "Politics", "Opinion"})
    corpus = write_corpus(tmp_path / "corpus", pages)
    output = tmp_path / "filter.npz"
    train_chrome_filter.main(
        ["--corpus", str(corpus), "--output", str(output), "--folds", "3", "--c", "1"]
    )
    trained = ChromeFilter.load(output)
    assert trained.meta["cv_harmful_removed"] == 0 and trained.meta["dev_harmful_removed"] == 0
    assert trained.meta["train_chrome"] > 0 and trained.meta["train_content"] > 0
    raw = page("Peregraf", "Dara Aziz", ["Home", "Politics"])
    sentences = segment(raw)
    flagged = trained.chrome_indices(raw, sentences)
    assert not {sentences[i].text for i in flagged} & set(NEWS)
    scores = trained.scores(raw, sentences)
    texts = [s.text for s in sentences]
    assert scores[texts.index("Dara Aziz")] > scores[texts.index(NEWS[2])]
