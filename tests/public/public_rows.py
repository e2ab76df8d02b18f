"""Rows and files of the public benchmarks' formats, shared by the tests of framing.public: tiny
NewsMTSC- and CheckThat!-like sets with words the annotated set lacks, and examples with the
labels each kind of data has."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from framing.records import Example, Target


def target(sentence: str, mention: str, polarity, *, occurrence: int = 0, **extra) -> dict:
    """A NewsMTSC row whose ``from``/``to`` point at ``mention`` in ``sentence``."""
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(mention, start + 1)
    row = {"sentence": sentence, "mention": mention, "from": start, "to": start + len(mention)}
    return {**row, "polarity": polarity, **extra}


def write_jsonl(path: Path, rows: list) -> Path:
    """One line per row: a dict or list is dumped as JSON, a str is written as it is."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def write_tsv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


CT_HEADER = ["sentence_id", "sentence", "label", "solved_conflict"]


def annotated(text: str, mode: str, reported: bool, *spans: tuple[str, str]) -> Example:
    """An example as :func:`framing.data.load_examples` gives it (all labels present)."""
    mentions = []
    for actor_text, stance in spans:
        start = text.index(actor_text)
        mentions.append(Target(start, start + len(actor_text), actor="iran", stance=stance))
    return Example(text, mentions, doc_id="d", mode=mode, reported=reported)


def public_stance(text: str, *spans: tuple[str, str]) -> Example:
    """A NewsMTSC-style example: stance labels only."""
    example = annotated(text, "news", False, *spans)
    for m in example.mentions:
        m.actor = None
    return replace(example, doc_id="newsmtsc:1", mode=None, reported=None)


def public_mode(text: str, mode: str) -> Example:
    """A CheckThat!-style example: a mode label only."""
    return Example(text, doc_id="checkthat:2", mode=mode)


# a tiny NewsMTSC-like training set and a CheckThat!-like one, with words the annotated set lacks
NEWSMTSC_TRAIN = [
    target("Zorblax praised Quimby for the deal.", "Zorblax", 1),
    target("Zorblax praised Quimby for the deal.", "Quimby", 1),
    target("Voters condemned Quimby after the vote.", "Quimby", -1),
    target("Quimby met Zorblax on Monday.", "Quimby", 0),
    target("Quimby met Zorblax on Monday.", "Zorblax", 0),
    target("Critics attacked Zorblax over taxes.", "Zorblax", -1),
]
NEWSMTSC_DEV = [
    target("Quimby praised the new plan.", "Quimby", 1),
    target("Critics condemned Zorblax again.", "Zorblax", -1),
    target("Zorblax met reporters.", "Zorblax", 0),
]
CHECKTHAT_TRAIN = [
    CT_HEADER,
    ["c1", "This policy is a disgrace and must end.", "SUBJ", "False"],
    ["c2", "The ministry published figures on Tuesday.", "OBJ", "False"],
    ["c3", "Frankly, the plan seems doomed.", "SUBJ", "False"],
    ["c4", "The vote took place in the capital.", "OBJ", "False"],
]
CHECKTHAT_DEV = [
    CT_HEADER[:3],
    ["d1", "It should be scrapped at once.", "SUBJ"],
    ["d2", "The council met on Friday.", "OBJ"],
]


ANNOTATED = [
    annotated("Tehran said the talks went well.", "news", True, ("Tehran", "neutral")),
    annotated("Tehran reported progress in talks.", "news", True, ("Tehran", "supportive")),
    annotated("Tehran should stop this folly now.", "opinion", False, ("Tehran", "critical")),
    annotated("Tehran must be praised for courage.", "opinion", False, ("Tehran", "supportive")),
    annotated("Tehran stated its position.", "news", True, ("Tehran", "neutral")),
    annotated("Tehran should resign in shame.", "opinion", False, ("Tehran", "critical")),
]
PUBLIC = [
    public_stance("Voters condemned Quimby harshly.", ("Quimby", "critical")),
    public_stance("Zorblax praised Quimby.", ("Zorblax", "supportive"), ("Quimby", "supportive")),
    public_stance("Quimby met Zorblax.", ("Quimby", "neutral"), ("Zorblax", "neutral")),
    public_stance("Critics attacked Zorblax.", ("Zorblax", "critical")),
    public_mode("This plan is a disgrace.", "opinion"),
    public_mode("The ministry published figures.", "news"),
]

TEST = [
    Example("Quimby should quit now.", [Target(0, 6, actor=None)]),
    Example("Nothing here."),
]


def write_files(folder: Path) -> dict[str, Path]:
    """The tiny sets as files in ``folder``: NewsMTSC train and dev, CheckThat! train and dev."""
    return {
        "train": write_jsonl(folder / "train.jsonl", NEWSMTSC_TRAIN),
        "dev": write_jsonl(folder / "dev.jsonl", NEWSMTSC_DEV),
        "ct_train": write_tsv(folder / "ct_train.tsv", CHECKTHAT_TRAIN),
        "ct_dev": write_tsv(folder / "ct_dev.tsv", CHECKTHAT_DEV),
    }
