"""The public benchmarks by name, and reading and scoring their files in their own formats.

:data:`BENCHMARKS` holds one :class:`~framing.public.base.Benchmark` entry per benchmark (reader,
scorer, official metrics, licence, citation):

- ``newsmtsc``: NewsMTSC, JSONL, one target per row (:mod:`framing.public.newsmtsc`);
- ``checkthat``: CLEF CheckThat! subjectivity, TSV (:mod:`framing.public.checkthat`);
- ``annotated``: the project's own schema (:mod:`framing.public.annotated`).

:func:`register_benchmark` adds another; every function here (and ``python -m
framing.evaluate``, ``data.public`` and ``evaluation.benchmarks`` of a training config) then
reads and scores it by name.

A public example carries only the labels its benchmark has: ``mode`` and ``reported`` are
``None`` where unknown, and a mention's ``actor`` is ``None`` where the benchmark has no lexicon.

Bad rows never stop a read: :func:`read_benchmark` returns the good examples and one
:class:`Problem` per bad row (file and line named); training refuses data with problems
(:func:`load_benchmark`), the evaluation command skips them and reports them
(:func:`read_scorable`).

Example:
    >>> from framing.public.benchmarks import read_benchmark, score_benchmark, headline
    >>> examples, problems = read_benchmark("checkthat", "dev.tsv")  # doctest: +SKIP
    >>> headline("checkthat", score_benchmark(model, "checkthat", examples))  # doctest: +SKIP
    'macro_f1 0.744, subj_f1 0.701, accuracy 0.790'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.data.annotated import DataError
from framing.public.annotated import ANNOTATED
from framing.public.base import Benchmark, Problem
from framing.public.checkthat import CHECKTHAT
from framing.public.newsmtsc import NEWSMTSC
from framing.records import Example, as_examples
from framing.registry import Registry

__all__ = [
    "BENCHMARKS",
    "Benchmark",
    "Problem",
    "headline",
    "load_benchmark",
    "read_benchmark",
    "read_scorable",
    "register_benchmark",
    "score_benchmark",
]

BENCHMARKS: Registry[Benchmark] = Registry("benchmark")


def register_benchmark(benchmark: Benchmark) -> Benchmark:
    """Add ``benchmark`` under its name (replacing any entry of that name); returns it.

    Raises:
        TypeError: not a :class:`Benchmark`.
    """
    if not isinstance(benchmark, Benchmark):
        raise TypeError(f"a benchmark entry is a Benchmark, got {type(benchmark).__name__}")
    BENCHMARKS.register(benchmark.name, benchmark)
    return benchmark


register_benchmark(NEWSMTSC)
register_benchmark(CHECKTHAT)
register_benchmark(ANNOTATED)


def read_benchmark(name: str, path: str | Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The examples of a benchmark file, and the rows that could not be read.

    Raises:
        ValueError: an unknown benchmark name (the known ones are listed).
        FileNotFoundError: no such file.
    """
    benchmark = BENCHMARKS.get(name)
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"no such {name} file: {path}")
    return benchmark.reader(path)


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


def load_benchmark(name: str, path: str | Path, limit: int = 0) -> list[Example]:
    """Training examples of a benchmark file (the first ``limit`` when > 0), as records (a
    reader's mappings are read by :func:`framing.records.as_examples`).

    Raises:
        DataError: any bad row (all of them are counted, the first ten named).
    """
    examples, problems = read_benchmark(name, path)
    if problems:
        shown = "; ".join(map(str, problems[:10]))
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise DataError(f"{len(problems)} bad row(s) in {path}: {shown}{more}")
    examples = as_examples(examples)
    return examples[:limit] if limit > 0 else examples


def score_benchmark(
    model, name: str, examples: Sequence[Example | Mapping[str, Any]], batch_size: int = 256
) -> dict[str, Any]:
    """The benchmark's scores (its official metrics among them) of a model's predictions.

    newsmtsc: ``f1m`` (macro-F1 over the three classes) and ``accuracy``, per target.
    checkthat: ``macro_f1``, ``subj_f1`` and ``accuracy``. annotated: stance macro-F1 and mode
    macro-F1 (in-sample when the model was trained on the same file).

    Raises:
        ValueError: no examples, or an unknown benchmark name.
    """
    if not examples:
        raise ValueError(f"no {name} example to score")
    examples = as_examples(examples)
    benchmark = BENCHMARKS.get(name)
    predictions = []
    for i in range(0, len(examples), batch_size):
        predictions += model.predict(examples[i : i + batch_size])
    return benchmark.scorer(examples, predictions)


def headline(name: str, result: dict[str, Any], digits: int = 3, accuracy: bool = True) -> str:
    """The official metrics of a :func:`score_benchmark` result, as ``key value`` pairs."""
    keys = [k for k in BENCHMARKS.get(name).official if accuracy or k != "accuracy"]
    return ", ".join(f"{k} {result[k]:.{digits}f}" for k in keys)
