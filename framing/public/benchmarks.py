"""Public benchmarks in their own file formats, as training examples and as evaluation sets.

- ``newsmtsc``: NewsMTSC (Hamborg & Donnay, EACL 2021), JSONL, one target per row:
  ``sentence``, ``mention``, ``from``, ``to``, ``polarity`` (-1, 0, 1), ``id``. Polarity maps to
  stance: 1 -> supportive, -1 -> critical, 0 -> neutral. Rows of one sentence become one example
  with several mentions. Official metric: macro-F1 over the three classes (``F1m``), accuracy.
- ``checkthat``: CLEF CheckThat! subjectivity, TSV with a header: ``sentence_id``, ``sentence``,
  ``label`` (SUBJ or OBJ). SUBJ -> opinion, OBJ -> news. Official metric: macro-F1, SUBJ F1.
- ``annotated``: the project's own schema (the ``sentences`` view; see :mod:`framing.data`).

A public example carries only the labels its benchmark has: ``mode`` and ``reported`` are
``None`` where unknown, and NewsMTSC mentions have no lexicon actor (``actor`` is ``None``): the
stance models are target-aware, so any span is a target.

Bad rows never stop a read: :func:`read_benchmark` returns the good examples and one
:class:`Problem` per bad row (file and line named); training refuses data with problems, the
evaluation command skips them and reports them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.data.annotated import DataError
from framing.labels import MODES, STANCES

__all__ = [
    "BENCHMARKS",
    "OFFICIAL",
    "Problem",
    "headline",
    "read_benchmark",
    "read_scorable",
    "score_benchmark",
]

POLARITY = {1: "supportive", -1: "critical", 0: "neutral"}
SUBJECTIVITY = {"SUBJ": "opinion", "OBJ": "news"}


@dataclass(frozen=True)
class Problem:
    """A row that could not be read: where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def _newsmtsc(path: Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    by_sentence: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for number, row in _safe_jsonl(path, problems):
        try:
            sentence, start, end = row["sentence"], row["from"], row["to"]
            polarity = row["polarity"]
        except KeyError as err:
            problems.append(Problem(str(path), number, f"missing key {err}"))
            continue
        if not isinstance(sentence, str) or not sentence.strip():
            problems.append(Problem(str(path), number, "empty or non-string 'sentence'"))
            continue
        ints = isinstance(start, int) and isinstance(end, int)
        if not (ints and 0 <= start < end <= len(sentence)):
            reason = f"'from'/'to' ({start!r}, {end!r}) outside the sentence"
            problems.append(Problem(str(path), number, reason))
            continue
        if "mention" in row and sentence[start:end] != row["mention"]:
            problems.append(
                Problem(
                    str(path),
                    number,
                    f"sentence[from:to] is {sentence[start:end]!r}, "
                    f"not the mention {row['mention']!r}",
                )
            )
            continue
        if isinstance(polarity, float) and polarity.is_integer():
            polarity = int(polarity)
        if isinstance(polarity, bool) or not isinstance(polarity, int) or polarity not in POLARITY:
            problems.append(Problem(str(path), number, f"polarity {polarity!r} is not -1, 0 or 1"))
            continue
        example = by_sentence.setdefault(
            sentence,
            {
                "doc_id": f"newsmtsc:{number}",
                "text": sentence,
                "mode": None,
                "reported": None,
                "mentions": [],
                "ids": [],
            },
        )
        example["mentions"].append(
            {"start": start, "end": end, "actor": None, "stance": POLARITY[polarity]}
        )
        example["ids"].append(str(row.get("id", number)))
    return list(by_sentence.values()), problems


def _safe_jsonl(path: Path, problems: list[Problem]):
    """(line, record) of every line that is a JSON object; other lines become problems."""
    import json

    with path.open("rb") as handle:  # decoded line by line: a bad byte spoils only its line
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                problems.append(Problem(str(path), number, f"not UTF-8 text ({err.reason})"))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(Problem(str(path), number, f"not valid JSON ({err.msg})"))
                continue
            if not isinstance(record, dict):
                problems.append(Problem(str(path), number, "expected a JSON object"))
                continue
            yield number, record


def _checkthat(path: Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    examples, problems = [], []
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
                    {
                        "doc_id": f"checkthat:{number}",
                        "text": text.strip(),
                        "mode": SUBJECTIVITY[label],
                        "reported": None,
                        "mentions": [],
                        "ids": [row.get("sentence_id") or str(number)],
                    }
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


def _annotated(path: Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    from framing.data.annotated import load_examples

    try:
        return load_examples(str(path)), []
    except DataError as err:
        return [], [Problem(str(path), 0, str(err))]


BENCHMARKS: dict[str, Callable[[Path], tuple[list[dict[str, Any]], list[Problem]]]] = {
    "newsmtsc": _newsmtsc,
    "checkthat": _checkthat,
    "annotated": _annotated,
}


def read_benchmark(name: str, path: str | Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The examples of a benchmark file, and the rows that could not be read.

    Raises:
        ValueError: an unknown benchmark name.
        FileNotFoundError: no such file.
    """
    if name not in BENCHMARKS:
        raise ValueError(f"unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}")
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"no such {name} file: {path}")
    return BENCHMARKS[name](path)


def read_scorable(
    name: str, path: str | Path, limit: int = 0
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The examples to score (the first ``limit`` when > 0) and the rows skipped, for a file that
    has at least one readable example.

    Raises:
        DataError: not one readable example (the first problems are named).
    """
    examples, problems = read_benchmark(name, path)
    if limit > 0:
        examples = examples[:limit]
    if not examples:
        shown = "; ".join(map(str, problems[:5])) or "the file is empty"
        raise DataError(f"{path}: no readable {name} example ({shown})")
    return examples, problems


# each benchmark's official metrics, in the order they are shown
OFFICIAL = {
    "newsmtsc": ("f1m", "accuracy"),
    "checkthat": ("macro_f1", "subj_f1", "accuracy"),
    "annotated": ("stance_macro_f1", "mode_macro_f1"),
}


def headline(name: str, result: dict[str, Any], digits: int = 3, accuracy: bool = True) -> str:
    """The official metrics of a :func:`score_benchmark` result, as ``key value`` pairs."""
    keys = [k for k in OFFICIAL[name] if accuracy or k != "accuracy"]
    return ", ".join(f"{k} {result[k]:.{digits}f}" for k in keys)


def load_benchmark(name: str, path: str | Path, limit: int = 0) -> list[dict[str, Any]]:
    """Training examples of a benchmark file (the first ``limit`` when > 0).

    Raises:
        DataError: any bad row (all of them are named, up to ten).
    """
    examples, problems = read_benchmark(name, path)
    if problems:
        shown = "; ".join(map(str, problems[:10]))
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise DataError(f"{len(problems)} bad row(s) in {path}: {shown}{more}")
    return examples[:limit] if limit > 0 else examples


def _f1(pred: Sequence[str], gold: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score

    per_class = f1_score(gold, pred, labels=list(labels), average=None, zero_division=0)
    return {
        "macro_f1": float(np.mean(per_class)),
        "accuracy": float(accuracy_score(gold, pred)) if gold else 0.0,
        "per_class_f1": {label: float(v) for label, v in zip(labels, per_class, strict=True)},
        "n": len(gold),
    }


def score_benchmark(
    model, name: str, examples: Sequence[dict[str, Any]], batch_size: int = 256
) -> dict[str, Any]:
    """The benchmark's official metrics for a model's predictions.

    newsmtsc: ``f1m`` (macro-F1 over the three classes) and ``accuracy``, per target.
    checkthat: ``macro_f1``, ``subj_f1`` and ``accuracy``. annotated: stance macro-F1 and mode
    macro-F1 (in-sample when the model was trained on the same file).
    """
    if not examples:
        raise ValueError(f"no {name} example to score")
    predictions = []
    for i in range(0, len(examples), batch_size):
        predictions += model.predict(examples[i : i + batch_size])
    if name == "newsmtsc":
        gold = [m["stance"] for ex in examples for m in ex["mentions"]]
        pred = [s for p in predictions for s in p["stances"]]
        result = _f1(pred, gold, STANCES)
        return {
            "f1m": result["macro_f1"],
            "accuracy": result["accuracy"],
            "per_class_f1": result["per_class_f1"],
            "n": result["n"],
        }
    if name == "checkthat":
        gold = [ex["mode"] for ex in examples]
        result = _f1([p["mode"] for p in predictions], gold, MODES)
        return {
            "macro_f1": result["macro_f1"],
            "subj_f1": result["per_class_f1"]["opinion"],
            "accuracy": result["accuracy"],
            "n": result["n"],
        }
    if name == "annotated":
        stance = _f1(
            [s for p in predictions for s in p["stances"]],
            [m["stance"] for ex in examples for m in ex["mentions"]],
            STANCES,
        )
        mode = _f1([p["mode"] for p in predictions], [ex["mode"] for ex in examples], MODES)
        return {
            "stance_macro_f1": stance["macro_f1"],
            "mode_macro_f1": mode["macro_f1"],
            "stance": stance,
            "mode": mode,
        }
    raise ValueError(f"unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}")
