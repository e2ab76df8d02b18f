"""NewsMTSC (Hamborg & Donnay, EACL 2021): sentiment toward a target person in news sentences.

JSONL, one target per row: ``sentence``, ``mention``, ``from``, ``to``, ``polarity`` (-1, 0, 1),
``id``. Polarity maps to stance: 1 -> supportive, -1 -> critical, 0 -> neutral. Rows of one
sentence become one example with several mentions; the mentions have no lexicon actor
(``actor`` is ``None``): the stance models are target-aware, so any span is a target. Official
metrics: macro-F1 over the three classes (``f1m``) and accuracy, per target.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.data.jsonl import iter_jsonl
from framing.labels import STANCES
from framing.public.base import Benchmark, Problem, class_f1
from framing.records import Example, Prediction, Target

__all__ = ["NEWSMTSC", "POLARITY", "read_newsmtsc", "score_newsmtsc"]

POLARITY = {1: "supportive", -1: "critical", 0: "neutral"}


def read_newsmtsc(path: Path) -> tuple[list[Example], list[Problem]]:
    """The examples of a NewsMTSC file (one per sentence) and one problem per bad row."""
    by_sentence: dict[str, Example] = {}
    problems: list[Problem] = []
    # a line reader, not datasets.load_dataset: that fails the whole file on one bad line, and
    # here a bad row is reported by line while the others are kept
    for number, row in iter_jsonl(path, problems):
        mention, reason = _target(row)
        if reason:
            problems.append(Problem(str(path), number, reason))
            continue
        example = by_sentence.setdefault(
            row["sentence"],
            Example(row["sentence"], doc_id=f"newsmtsc:{number}", ids=[]),
        )
        example.mentions.append(mention)
        example.ids.append(str(row.get("id", number)))
    return list(by_sentence.values()), problems


def _target(row: dict[str, Any]) -> tuple[Target | None, str]:
    """The mention of one row, or why the row cannot be read."""
    try:
        sentence, start, end = row["sentence"], row["from"], row["to"]
        polarity = row["polarity"]
    except KeyError as err:
        return None, f"missing key {err}"
    if not isinstance(sentence, str) or not sentence.strip():
        return None, "empty or non-string 'sentence'"
    ints = isinstance(start, int) and isinstance(end, int)
    if not (ints and 0 <= start < end <= len(sentence)):
        return None, f"'from'/'to' ({start!r}, {end!r}) outside the sentence"
    if "mention" in row and sentence[start:end] != row["mention"]:
        return None, (
            f"sentence[from:to] is {sentence[start:end]!r}, not the mention {row['mention']!r}"
        )
    if isinstance(polarity, float) and polarity.is_integer():
        polarity = int(polarity)
    if isinstance(polarity, bool) or not isinstance(polarity, int) or polarity not in POLARITY:
        return None, f"polarity {polarity!r} is not -1, 0 or 1"
    return Target(start, end, actor=None, stance=POLARITY[polarity]), ""


def score_newsmtsc(
    examples: Sequence[Example], predictions: Sequence[Prediction]
) -> dict[str, Any]:
    """``f1m (macro-F1 over the three classes) and ``accuracy``, per target; each class's F1."""
    gold = [m.stance for ex in examples for m in ex.mentions]
    pred = [s for p in predictions for s in p.stances]
    result = class_f1(pred, gold, STANCES)
    return {"f1m": result.pop("macro_f1"), **result}  # NewsMTSC calls its macro-F1 F1m


NEWSMTSC = Benchmark(
    "newsmtsc", "NewsMTSC", read_newsmtsc, score_newsmtsc, official=("f1m", "accuracy"),
    licence="MIT (Copyright 2020 Felix Hamborg)", dataset="fhamborg/news_sentiment_newsmtsc",
    citation="Felix Hamborg and Karsten Donnay. NewsMTSC: (Multi-)Target-dependent Sentiment "
    "Classification in News Articles. EACL 2021.",
)  # fmt: skip
