"""The project's own schema as a benchmark: a file in the ``sentences`` view of the annotated set
(:func:`framing.data.load_examples`), scored on stance and mode macro-F1.

The file is checked whole, as for training: its first bad row is the one problem reported.
Scored on the bundled set, a model trained on that set gives in-sample scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.labels import MODES, STANCES
from framing.public.base import Benchmark, Problem, class_f1
from framing.records import Example, Prediction

__all__ = ["ANNOTATED", "read_annotated", "score_annotated"]


def read_annotated(path: Path) -> tuple[list[Example], list[Problem]]:
    """The examples of a file in the project's schema; a bad row is the one problem (line 0:
    the message names the row)."""
    from framing.data.annotated import DataError, load_examples

    try:
        return load_examples(str(path)), []
    except DataError as err:
        return [], [Problem(str(path), 0, str(err))]


def score_annotated(
    examples: Sequence[Example], predictions: Sequence[Prediction]
) -> dict[str, Any]:
    """``stance_macro_f1`` and ``mode_macro_f1``, with each task's full scores."""
    stance = class_f1(
        [s for p in predictions for s in p.stances],
        [m.stance for ex in examples for m in ex.mentions],
        STANCES,
    )
    mode = class_f1([p.mode for p in predictions], [ex.mode for ex in examples], MODES)
    return {
        "stance_macro_f1": stance["macro_f1"],
        "mode_macro_f1": mode["macro_f1"],
        "stance": stance,
        "mode": mode,
    }


ANNOTATED = Benchmark(
    "annotated", "framing annotated set", read_annotated, score_annotated,
    official=("stance_macro_f1", "mode_macro_f1"),
    licence="CC BY 4.0 (the annotations); the articles' copyright stays with their publishers",
    citation="The framing authors. framing annotated set: coverage of the 2025 Iran--Iraq "
    "security memorandum. 2026 (training/README.md).",
)  # fmt: skip
