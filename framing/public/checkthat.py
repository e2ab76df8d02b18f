"""CLEF CheckThat! subjectivity (English): is a news sentence subjective or objective.

TSV with a header: ``sentence_id``, ``sentence``, ``label`` (SUBJ or OBJ). SUBJ -> opinion,
OBJ -> news; an example has no mentions, and ``reported`` is ``None``. Official metrics:
macro-F1, SUBJ F1, and accuracy.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.labels import MODES
from framing.public.base import Benchmark, Problem, class_f1
from framing.records import Example, Prediction

__all__ = ["CHECKTHAT", "SUBJECTIVITY", "read_checkthat", "score_checkthat"]

SUBJECTIVITY = {"SUBJ": "opinion", "OBJ": "news"}


def read_checkthat(path: Path) -> tuple[list[Example], list[Problem]]:
    """The examples of a CheckThat! file (one per sentence) and one problem per bad row."""
    examples, problems = [], []
    # the csv module, not datasets.load_dataset("csv"): that fails the whole file on one bad
    # byte, reads "NA" or "null" as missing and loses the line numbers a problem is named by.
    # surrogateescape: a bad byte spoils only its row (checked below), not the whole file
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"sentence", "label"} - set(reader.fieldnames or ())
        if missing:
            return [], [Problem(str(path), 1, f"missing column(s) {sorted(missing)}")]
        for row in reader:
            number = reader.line_num  # the file's line: blank lines are skipped by the reader
            text, label = row.get("sentence"), row.get("label")
            if not _utf8(row.get("sentence_id"), text, label):
                problems.append(Problem(str(path), number, "not UTF-8 text"))
            elif not text or not text.strip():
                problems.append(Problem(str(path), number, "empty 'sentence'"))
            elif label not in SUBJECTIVITY:
                reason = f"label {label!r} is not SUBJ or OBJ"
                problems.append(Problem(str(path), number, reason))
            else:
                examples.append(
                    Example(
                        text.strip(),
                        doc_id=f"checkthat:{number}",
                        mode=SUBJECTIVITY[label],
                        ids=[row.get("sentence_id") or str(number)],
                    )
                )
    return examples, problems


def _utf8(*values: str | None) -> bool:
    """No value holds an undecodable byte (a lone surrogate of ``errors="surrogateescape"``)."""
    try:
        for value in values:
            if value is not None:
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def score_checkthat(
    examples: Sequence[Example], predictions: Sequence[Prediction]
) -> dict[str, Any]:
    """``macro_f1``, ``subj_f1`` (the F1 of SUBJ, that is opinion) and ``accuracy``."""
    gold = [ex.mode for ex in examples]
    result = class_f1([p.mode for p in predictions], gold, MODES)
    return {
        "macro_f1": result["macro_f1"],
        "subj_f1": result["per_class_f1"]["opinion"],
        "accuracy": result["accuracy"],
        "n": result["n"],
    }


CHECKTHAT = Benchmark(
    "checkthat", "CheckThat! subjectivity (English)", read_checkthat, score_checkthat,
    official=("macro_f1", "subj_f1", "accuracy"), licence="CC BY-NC-SA 4.0",
    licence_note="CheckThat! subjectivity data is CC BY-NC-SA 4.0: this model was trained on it, "
    "so treat the model as non-commercial.", dataset="clef-checkthat-subjectivity",
    citation="The CLEF CheckThat! Lab, subjectivity in news articles (English): "
    "https://checkthat.gitlab.io/",
)  # fmt: skip
