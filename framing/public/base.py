"""What a public benchmark is: a :class:`Benchmark` entry (how its files are read, how a model is
scored on them, its official metrics, its licence), and what the readers and scorers share.

The built-in benchmarks (:mod:`framing.public.newsmtsc`, :mod:`framing.public.checkthat`,
:mod:`framing.public.annotated`) import only this module; :mod:`framing.public.benchmarks`
registers them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.data.jsonl import Problem
from framing.records import Example, Prediction

__all__ = ["Benchmark", "Problem", "Reader", "Scorer", "class_f1"]

# a file -> the examples it holds and one Problem per row that could not be read
Reader = Callable[[Path], tuple[list[Example], list[Problem]]]
# (examples, the model's predictions for them, in order) -> the scores
Scorer = Callable[[Sequence[Example], Sequence[Prediction]], dict[str, Any]]


@dataclass(frozen=True)
class Benchmark:
    """A public benchmark: everything the package knows of it, in one entry.

    Attributes:
        name: the registered name (``--benchmark``, ``data.public[].benchmark``).
        title: how a report or a model card names it.
        reader: reads one file of the benchmark in its own format into examples
            (:class:`framing.records.Example`: ``doc_id``, ``text``, ``mode``, ``reported``,
            ``mentions``; a label the benchmark lacks is ``None``), with one :class:`Problem`
            per row it could not read; a bad row never stops the read.
        scorer: the scores of a model's predictions (:meth:`FramingModel.predict`) for the
            examples, under the benchmark's official metrics.
        official: the keys of the official metrics in a score, in the order they are shown
            (:func:`framing.public.benchmarks.headline`); the first is the headline metric.
        licence: the data's licence, in one line.
        licence_note: what a model card must say when the model was trained on the data (empty
            when its licence puts no condition on the model).
        citation: what to cite for the data.
        dataset: its Hub dataset id or type, for a model card's metadata (empty when none).

    Example:
        >>> from framing.public.benchmarks import BENCHMARKS
        >>> BENCHMARKS.get("newsmtsc").official
        ('f1m', 'accuracy')
    """

    name: str
    title: str
    reader: Reader
    scorer: Scorer
    official: tuple[str, ...]
    licence: str
    licence_note: str = ""
    citation: str = ""
    dataset: str = ""

    def __post_init__(self) -> None:
        if not self.name or not self.official or not self.licence:
            raise ValueError(
                f"benchmark {self.name!r}: a name, the official metrics and the licence are "
                "required"
            )


def class_f1(pred: Sequence[str], gold: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Macro-F1 over ``labels`` (a label absent from gold and predictions counts as 0), accuracy,
    each label's F1 and the number of items."""
    from sklearn.metrics import accuracy_score, f1_score

    per_class = f1_score(gold, pred, labels=list(labels), average=None, zero_division=0)
    return {
        "macro_f1": float(np.mean(per_class)),
        "accuracy": float(accuracy_score(gold, pred)) if gold else 0.0,
        "per_class_f1": {label: float(v) for label, v in zip(labels, per_class, strict=True)},
        "n": len(gold),
    }
