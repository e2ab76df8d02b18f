"""Validation of the framing corpus in training/corpus and of its loaders (as for the seed set:
offsets reproduce the text, every label in its set, the card's counts equal the data)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

import framing.data.corpus as fc
from framing.actors import ActorLexicon
from framing.data.annotated import load_examples, read_jsonl
from framing.labels import MODES, STANCES, frames
from training.corpus_build import fixed_splits
from training.corpus_labels import DROP_KINDS, MENTION_TYPES, OTHER_SPEAKER

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "training" / "corpus"
SEED_DATA = REPO / "training" / "data"


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return read_jsonl(CORPUS / "data" / "documents.jsonl")


@pytest.fixture(scope="module")
def sentences() -> dict[str, list[dict]]:
    return {s: read_jsonl(CORPUS / "data" / s / "sentences.jsonl") for s in fc.SPLITS}


@pytest.fixture(scope="module")
def units() -> dict[str, dict]:
    return {u["id"]: u for u in read_jsonl(CORPUS / "annotation" / "units.jsonl")}


def _raw(doc: dict, root: Path) -> str:
    return (root / doc["file"]).read_bytes().decode("utf-8")


def test_articles_are_stored_verbatim_with_their_metadata(documents: list[dict]) -> None:
    listed = read_jsonl(CORPUS / "documents.jsonl")
    assert [d["doc_id"] for d in documents] == [d["doc_id"] for d in listed]
    files = {p.name for p in (CORPUS / "articles").glob("*.txt")}
    assert files == {Path(d["file"]).name for d in listed}
    for d in documents:
        for key in ("url", "outlet", "slant_group", "genre", "terms"):
            assert isinstance(d[key], str) and d[key].strip(), (d["doc_id"], key)
        assert d["genre"] in ("news", "opinion") and isinstance(d["redistributable"], bool)
        assert d["url"].startswith("http")


def test_every_unit_is_a_sentence_or_dropped_once(sentences, units) -> None:
    kept = [s["id"] for split in fc.SPLITS for s in sentences[split]]
    kept += [s["id"] for s in read_jsonl(CORPUS / "seed" / "sentences.jsonl")]
    dropped = [d["id"] for d in read_jsonl(CORPUS / "data" / "dropped.jsonl")]
    dropped += [d["id"] for d in read_jsonl(CORPUS / "seed" / "dropped.jsonl")]
    assert len(kept) == len(set(kept)) and not set(kept) & set(dropped)
    assert set(kept) | set(dropped) == set(units)
    assert {d["kind"] for d in read_jsonl(CORPUS / "data" / "dropped.jsonl")} <= set(DROP_KINDS)


def test_offsets_reproduce_the_text(documents, sentences, units) -> None:
    raws = {d["doc_id"]: _raw(d, CORPUS) for d in documents}
    seeds = read_jsonl(SEED_DATA / "documents.jsonl")
    raws.update({d["doc_id"]: _raw(d, SEED_DATA) for d in seeds})
    every = [s for split in fc.SPLITS for s in sentences[split]]
    every += read_jsonl(CORPUS / "seed" / "sentences.jsonl")
    for s in every:
        raw, unit = raws[s["doc_id"]], units[s["id"]]
        assert (s["start"], s["end"], s["text"]) == (unit["start"], unit["end"], unit["text"])
        rebuilt = "".join(raw[r : r + n] for _, r, n in unit["pieces"])
        assert len(rebuilt) == len(s["text"]), s["id"]
        for a, b in zip(rebuilt, s["text"], strict=True):  # cleaning joins lines with a space
            assert a == b or (a.isspace() and b == " "), s["id"]
        assert s["start"] == unit["pieces"][0][1] and s["end"] <= len(raw)
        for m in s["mentions"]:
            assert s["text"][m["text_start"] : m["text_end"]] == m["text"], s["id"]
            assert " ".join(raw[m["start"] : m["end"]].split()) == m["text"], s["id"]


def test_every_label_is_in_its_set(sentences) -> None:
    actors = set(ActorLexicon.load().ids)
    every = [s for split in fc.SPLITS for s in sentences[split]]
    every += read_jsonl(CORPUS / "seed" / "sentences.jsonl")
    for s in every:
        assert s["mode"] in MODES and isinstance(s["reported"], bool), s["id"]
        assert s["speaker"] in actors | {OTHER_SPEAKER, None}, s["id"]
        assert s["reported"] or s["speaker"] is None, s["id"]
        assert {m["actor"] for m in s["mentions"]} == {x["actor"] for x in s["stances"]}
        assert all(m["type"] in MENTION_TYPES and m["actor"] in actors for m in s["mentions"])
        assert all(x["stance"] in STANCES for x in s["stances"])
        stances = {x["actor"]: x["stance"] for x in s["stances"]}
        assert s["frames"] == frames(s["mode"], s["reported"], stances), s["id"]


def test_mention_rows_match_the_sentences(sentences) -> None:
    for split in fc.SPLITS:
        rows = read_jsonl(CORPUS / "data" / split / "mentions.jsonl")
        expected = [(s["id"], m["text_start"], m["actor"]) for s in sentences[split]
                    for m in s["mentions"]]  # fmt: skip
        assert [(r["id"], r["mention_start"], r["actor"]) for r in rows] == expected


def test_splits_are_whole_articles_stratified_and_fixed(documents, sentences) -> None:
    recorded = json.loads((CORPUS / "splits.json").read_text("utf-8"))
    assert recorded == {d["doc_id"]: d["split"] for d in documents}
    listed = read_jsonl(CORPUS / "documents.jsonl")
    assert fixed_splits(CORPUS, listed, record=False) == recorded
    for split in fc.SPLITS:
        docs = {d["doc_id"] for d in documents if d["split"] == split}
        assert {s["doc_id"] for s in sentences[split]} <= docs
    share = Counter(d["split"] for d in documents)
    assert 0.15 <= share["test"] / len(documents) <= 0.25
    assert 0.05 <= share["dev"] / len(documents) <= 0.15
    for group in {d["slant_group"] for d in documents}:
        assert any(d["split"] == "test" for d in documents if d["slant_group"] == group), group


def test_balance_of_the_corpus(documents, sentences) -> None:
    """The issue's floor: 12 outlets in 6 slant groups, 35% opinion, no outlet above 15%."""
    assert len({d["outlet"] for d in documents}) >= 12
    assert len({d["slant_group"] for d in documents}) >= 6
    assert sum(d["genre"] == "opinion" for d in documents) / len(documents) >= 0.35
    outlet = {d["doc_id"]: d["outlet"] for d in documents}
    per = Counter(outlet[s["doc_id"]] for split in fc.SPLITS for s in sentences[split])
    assert max(per.values()) / sum(per.values()) <= 0.15


def test_loaders_serve_both_views_of_both_configs(sentences) -> None:
    dev = fc.load_corpus_sentences(split="dev")
    assert len(dev) == len(sentences["dev"]) and dev[0]["id"] == sentences["dev"][0]["id"]
    pairs = fc.load_corpus_pairs(split="test")
    assert len(pairs) == sum(len(s["mentions"]) for s in sentences["test"])
    seed = fc.load_corpus_sentences("seed")
    assert len(seed) == len(read_jsonl(CORPUS / "seed" / "sentences.jsonl"))
    assert len(fc.load_corpus_sentences()) == sum(map(len, sentences.values()))
    assert len(fc.load_corpus_sentences(split="all")) == sum(map(len, sentences.values()))
    assert len(fc.load_corpus_documents()) == len(read_jsonl(CORPUS / "documents.jsonl"))
    with pytest.raises(ValueError, match="unknown split 'validation'"):
        fc.load_corpus_sentences(split="validation")
    with pytest.raises(ValueError, match="the seed config has one split"):
        fc.load_corpus_pairs("seed", split="dev")


def test_framing_data_serves_both_views_of_both_configs(sentences) -> None:
    from framing import data

    assert len(data.load_sentences(config="corpus", split="dev")) == len(sentences["dev"])
    pairs = data.load_pairs(config="corpus", split="train")
    assert len(pairs) == sum(len(s["mentions"]) for s in sentences["train"])
    assert "mention_type" in pairs.column_names
    seed = read_jsonl(CORPUS / "seed" / "mentions.jsonl")
    assert len(data.load_pairs(config="seed")) == len(seed)
    assert len(data.load_sentences()) == 103  # the annotated set stays the default
    with pytest.raises(ValueError, match="unknown config 'gold'"):
        data.load_sentences(config="gold")
    with pytest.raises(ValueError, match="a folder is read only for the annotated set"):
        data.load_pairs("somewhere", config="corpus")


def test_article_folds_keep_articles_whole() -> None:
    train = fc.load_corpus_pairs(split="train")
    folds = list(fc.article_folds(train, k=5))
    assert len(folds) == 5
    seen = Counter()
    for fit, held in folds:  # [:] a list: a datasets Column is iterated row by row
        assert not set(fit["doc_id"][:]) & set(held["doc_id"][:])
        assert len(fit) + len(held) == len(train)
        seen.update(set(held["doc_id"][:]))
    assert set(seen) == set(train["doc_id"][:]) and set(seen.values()) == {1}
    assert [len(h) for _, h in folds] == [len(h) for _, h in fc.article_folds(train, k=5)]


def test_fold_of_puts_every_article_in_one_fold_and_is_stable() -> None:
    train = fc.load_corpus_pairs(split="train")
    docs = train["doc_id"][:]
    folds = fc.fold_of(docs, 5, seed=3)
    assert set(folds) == set(docs) and set(folds.values()) == set(range(5))
    sizes = Counter(folds.values()).values()
    assert max(sizes) - min(sizes) <= 1
    assert fc.fold_of(reversed(docs), 5, seed=3) == folds  # the order of the rows does not matter
    assert fc.fold_of(docs, 5, seed=4) != folds
    held = [set(h["doc_id"][:]) for _, h in fc.article_folds(train, k=5, seed=3)]
    assert held == [{d for d, f in folds.items() if f == k} for k in range(5)]
    with pytest.raises(ValueError, match="cannot make 3 folds"):
        fc.fold_of(["a", "b"], 3)


def test_training_examples_come_from_the_corpus_and_the_seed_config(sentences) -> None:
    examples = load_examples("corpus", split="train")
    assert len(examples) == len(sentences["train"])
    first, row = examples[0], sentences["train"][0]
    assert first.text == row["text"]
    assert [(m.start, m.actor) for m in first.mentions] == [
        (m["text_start"], m["actor"]) for m in row["mentions"]
    ]
    assert len(load_examples("seed")) == len(read_jsonl(CORPUS / "seed" / "sentences.jsonl"))
    assert len(load_examples("corpus", split="all")) == sum(map(len, sentences.values()))


def test_the_card_declares_the_corpus_as_it_is(sentences) -> None:
    text = (REPO / "training" / "README.md").read_text("utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    info = {c["config_name"]: c for c in meta["dataset_info"]}
    for split in fc.SPLITS:
        counts = {s["name"]: s["num_examples"] for s in info["corpus"]["splits"]}
        assert counts[split] == len(sentences[split])
        pairs = {s["name"]: s["num_examples"] for s in info["corpus_mentions"]["splits"]}
        assert pairs[split] == len(read_jsonl(CORPUS / "data" / split / "mentions.jsonl"))
    seed = {s["name"]: s["num_examples"] for s in info["seed"]["splits"]}
    assert seed["train"] == len(read_jsonl(CORPUS / "seed" / "sentences.jsonl"))
    n = sum(map(len, sentences.values()))
    assert f"| **all** | {len(read_jsonl(CORPUS / 'documents.jsonl'))} | {n} |" in text


@pytest.mark.slow
def test_the_corpus_loads_with_datasets_from_the_card(sentences, tmp_path: Path) -> None:
    import datasets

    folder = str(REPO / "training")
    cache = str(tmp_path / "cache")
    dev = datasets.load_dataset(folder, "corpus", split="dev", cache_dir=cache)
    assert len(dev) == len(sentences["dev"]) and "speaker" in dev.column_names
    seed = datasets.load_dataset(folder, "seed_mentions", split="train", cache_dir=cache)
    assert len(seed) == len(read_jsonl(CORPUS / "seed" / "mentions.jsonl"))
    docs = datasets.load_dataset(folder, "corpus_documents", split="train", cache_dir=cache)
    assert sorted(set(docs["split"])) == sorted(fc.SPLITS)
