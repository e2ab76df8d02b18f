"""Validation of the annotated set in training/data and of its loaders."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from framing.actors import ActorLexicon
from framing.data.annotated import (
    annotated_dir,
    clean_span,
    features,
    load_boilerplate,
    load_documents,
    load_pairs,
    load_sentences,
    loao_folds,
    read_jsonl,
)
from framing.labels import FRAMES, MODES, STANCES, frames
from training.build_dataset import BOILERPLATE_KINDS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "training" / "data"


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return read_jsonl(DATA / "documents.jsonl")


@pytest.fixture(scope="module")
def raws(documents: list[dict]) -> dict[str, str]:
    return {d["doc_id"]: (DATA / d["file"]).read_text(encoding="utf-8") for d in documents}


@pytest.fixture(scope="module")
def sentences() -> list[dict]:
    return read_jsonl(DATA / "sentences.jsonl")


@pytest.fixture(scope="module")
def boilerplate() -> list[dict]:
    return read_jsonl(DATA / "boilerplate.jsonl")


def holes_in(boilerplate: list[dict], s: dict) -> list[tuple[int, int]]:
    return [
        (b["start"], b["end"])
        for b in boilerplate
        if b["doc_id"] == s["doc_id"] and s["start"] <= b["start"] < s["end"]
    ]


def test_articles_are_the_seeds_verbatim(documents: list[dict], shared_dir: Path) -> None:
    assert len(documents) == 5
    for d in documents:
        seed = shared_dir / "seeds" / Path(d["file"]).name
        assert (DATA / d["file"]).read_bytes() == seed.read_bytes()
        assert d["genre"] in ("news", "opinion")
        assert d["description"]
    outlets = {d["doc_id"][:3]: d["outlet"] for d in documents}
    assert outlets["002"] == "Rudaw"
    assert "Iran" in outlets["004"]


def test_offsets_reproduce_the_text(
    sentences: list[dict], boilerplate: list[dict], raws: dict[str, str]
) -> None:
    for s in sentences:
        raw = raws[s["doc_id"]]
        text, _ = clean_span(raw, s["start"], s["end"], holes_in(boilerplate, s))
        assert text == s["text"], s["id"]
        assert not raw[s["start"]].isspace() and not raw[s["end"] - 1].isspace()
        for m in s["mentions"]:
            assert raw[m["start"] : m["end"]] == m["text"], (s["id"], m)
            assert s["text"][m["text_start"] : m["text_end"]] == m["text"], (s["id"], m)
    for b in boilerplate:
        assert raws[b["doc_id"]][b["start"] : b["end"]] == b["text"]


def test_every_character_is_in_one_sentence_or_boilerplate_span(
    sentences: list[dict], boilerplate: list[dict], raws: dict[str, str]
) -> None:
    for doc_id, raw in raws.items():
        in_sentence = Counter()
        in_noise = Counter()
        for s in (s for s in sentences if s["doc_id"] == doc_id):
            in_sentence.update(range(s["start"], s["end"]))
        for b in (b for b in boilerplate if b["doc_id"] == doc_id):
            in_noise.update(range(b["start"], b["end"]))
        for i, ch in enumerate(raw):
            if ch.isspace():
                continue
            assert in_sentence[i] <= 1 and in_noise[i] <= 1, (doc_id, i)
            assert in_sentence[i] + in_noise[i] >= 1, (doc_id, i, raw[i - 20 : i + 20])


def test_every_label_is_in_its_set(sentences: list[dict], boilerplate: list[dict]) -> None:
    lexicon = ActorLexicon.load()
    for s in sentences:
        assert s["mode"] in MODES
        assert isinstance(s["reported"], bool)
        assert {x["stance"] for x in s["stances"]} <= set(STANCES)
        assert {m["actor"] for m in s["mentions"]} == {x["actor"] for x in s["stances"]}, s["id"]
        assert {m["actor"] for m in s["mentions"]} <= set(lexicon.ids)
    assert {b["kind"] for b in boilerplate} <= set(BOILERPLATE_KINDS)


def test_every_lexicon_alias_is_an_annotated_mention(
    sentences: list[dict], boilerplate: list[dict], raws: dict[str, str]
) -> None:
    lexicon = ActorLexicon.load()
    for s in sentences:
        raw = raws[s["doc_id"]]
        gold = {(m["start"], m["end"], m["actor"]) for m in s["mentions"]}
        holes = holes_in(boilerplate, s)
        for found in lexicon.find(raw, s["start"], s["end"]):
            if any(a <= found.start < b for a, b in holes):
                continue
            assert (found.start, found.end, found.actor) in gold, (s["id"], found)


def test_stored_frames_equal_recomputed_ones(sentences: list[dict]) -> None:
    for s in sentences:
        stances = {x["actor"]: x["stance"] for x in s["stances"]}
        assert s["frames"] == frames(s["mode"], s["reported"], stances), s["id"]
        assert set(s["frames"]) == set(FRAMES)


def test_loaders_and_folds(sentences: list[dict]) -> None:
    ds = load_sentences()
    pairs = load_pairs()
    assert len(ds) == len(sentences)
    assert len(pairs) == sum(len(s["mentions"]) for s in sentences)
    assert len(load_documents()) == 5
    assert len(load_boilerplate()) == len(read_jsonl(DATA / "boilerplate.jsonl")) == 38
    assert annotated_dir() == DATA
    for view in (ds, pairs):
        folds = list(loao_folds(view))
        assert len(folds) == 5
        seen = []
        for train, test in folds:  # [:] a list: a datasets Column is iterated row by row
            assert len(set(test["doc_id"][:])) == 1
            assert not set(train["doc_id"][:]) & set(test["doc_id"][:])
            assert len(train) + len(test) == len(view)
            seen += test["doc_id"][:]
        assert sorted(seen) == sorted(view["doc_id"][:])
    row = pairs[0]
    assert row["text"][row["mention_start"] : row["mention_end"]] == row["mention"]


def card_metadata() -> dict:
    text = (REPO / "training" / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_card_counts_equal_the_loaders() -> None:
    meta = card_metadata()
    counts = {"sentences": len(load_sentences()), "mentions": len(load_pairs())}
    counts |= {"documents": len(load_documents()), "boilerplate": len(load_boilerplate())}
    infos = {info["config_name"]: info for info in meta["dataset_info"]}
    for name, count in counts.items():
        assert infos[name]["splits"][0]["num_examples"] == count, name


def test_load_dataset_reads_the_card_offline() -> None:
    import datasets

    meta = card_metadata()
    assert {c["config_name"] for c in meta["configs"]} >= {"sentences", "mentions"}
    ds = datasets.load_dataset(str(REPO / "training"), "sentences", split="train")
    assert len(ds) == len(load_sentences())
    assert ds.features == features("sentences")
    assert set(ds.column_names) >= {"text", "mode", "reported", "mentions", "stances", "frames"}
    pairs = datasets.load_dataset(str(REPO / "training"), "mentions", split="train")
    assert len(pairs) == len(load_pairs())


@pytest.mark.slow
def test_installed_package_carries_the_set_the_lexicon_and_the_model(tmp_path: Path) -> None:
    """Build a wheel, install it into an empty folder and load the set from there."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheel_dir), str(REPO)],
        check=True,
    )  # fmt: skip
    target = tmp_path / "site"
    wheel = next(wheel_dir.glob("framing-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    code = (
        "import framing.data as d, framing.actors as a; "
        "print(d.annotated_dir()); print(len(d.load_sentences())); "
        "print(len(a.ActorLexicon.load().ids)); import framing; m = framing.load(); "
        "print(framing.inference.analyzer.BUNDLED); "
        "print(len(m.analyze('Iran and Iraq met. Both spoke.'))); "
        "import framing.data.corpus as c\ntry: c.corpus_dir(); print('corpus-found')\n"
        "except FileNotFoundError: print('corpus-absent')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    folder, count, actors, bundled, sentences, corpus = out.stdout.split()
    assert corpus == "corpus-absent"  # the corpus's texts may not be redistributed
    with zipfile.ZipFile(wheel) as archive:
        assert not any("corpus/" in name for name in archive.namelist())
    assert folder.startswith(str(target))
    assert bundled.startswith(str(target))  # the bundled model travels in the wheel
    assert int(sentences) == 2
    assert int(count) == len(load_sentences())
    assert int(actors) == len(ActorLexicon.load().ids)


def test_card_is_current() -> None:
    """The card is generated; a change to the data without `python -m training.make_card` fails."""
    from training.make_card import render

    card, _ = render()
    assert (REPO / "training" / "README.md").read_text(encoding="utf-8") == card


def test_adjudication_is_reproducible(tmp_path: Path) -> None:
    """Every disagreement has a decision, and the decisions give the stored final labels."""
    from training.adjudicate import ANNOTATION, apply

    pass_a = read_jsonl(ANNOTATION / "pass_a.jsonl")
    final = apply(pass_a, read_jsonl(ANNOTATION / "decisions.jsonl"))
    assert final == read_jsonl(ANNOTATION / "adjudicated.jsonl")
