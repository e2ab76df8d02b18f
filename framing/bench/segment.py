"""Benchmarks: ``python -m framing.bench segment``.

``segment`` scores every available segmenter on sentence-boundary JSONL files (by default GUM
news train and dev, GUM dev of every genre and the English Web Treebank dev, under the shared
folder: ``{"doc_id", "text", "sentences": [[start, end], ...]}``): boundary precision, recall
and F1 in "para" mode (text as given) and "flat" mode (blank lines replaced by one space), the
golden rules (:mod:`framing.bench.golden`, passed/total), and throughput in sentences per second
with one call per document over every document, as the median of repeated runs.
It also times the default segmenter on synthetic documents of growing size to show that time
and memory grow linearly. Results are printed as a table and written as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.bench.golden import CASES, score_golden
from framing.text.layout import is_blank
from framing.text.segment import available_segmenters, get_segmenter

__all__ = [
    "BoundaryScore",
    "flatten",
    "format_table",
    "load_boundary_file",
    "run_segment",
    "score_boundaries",
]


@contextlib.contextmanager
def _quiet_gc():
    """Collect, then keep the garbage collector out of the timed code (as timeit does)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class BoundaryScore:
    """Micro-averaged boundary counts over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[int], pred: set[int]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def boundaries(text: str, spans: Sequence[Sequence[int]]) -> set[int]:
    """Start offsets of every sentence but the first (spans sorted first), leading blanks
    (whitespace and zero-width characters) skipped."""
    result = set()
    for start, _ in sorted(spans)[1:]:
        while start < len(text) and is_blank(text[start]):
            start += 1
        result.add(start)
    return result


def load_boundary_file(path: str | Path) -> list[dict[str, Any]]:
    """Read a boundary JSONL file, checking every record.

    Raises:
        ValueError: a line is not JSON, lacks a key, or has a span outside its text; the message
            names the file and line.
    """
    from framing.data.jsonl import iter_jsonl

    docs = []
    for number, record in iter_jsonl(path):
        where = f"{path}:{number}"
        for key in ("doc_id", "text", "sentences"):
            if key not in record:
                raise ValueError(f"{where}: missing key '{key}'")
        text = record["text"]
        for span in record["sentences"]:
            if not (len(span) == 2 and 0 <= span[0] <= span[1] <= len(text)):
                raise ValueError(f"{where}: sentence span {span} outside the text")
        docs.append(record)
    return docs


def flatten(text: str, spans: Sequence[Sequence[int]]) -> tuple[str, list[list[int]]]:
    """The "flat" variant: every blank line ``\\n\\n`` becomes one space, spans shifted."""
    shift = [0] * (len(text) + 1)
    out, i, removed = [], 0, 0
    while i < len(text):
        if text.startswith("\n\n", i):
            out.append(" ")
            shift[i] = removed
            shift[i + 1] = removed
            removed += 1
            i += 2
        else:
            out.append(text[i])
            shift[i] = removed
            i += 1
    shift[len(text)] = removed
    return "".join(out), [[s - shift[s], e - shift[e]] for s, e in spans]


def score_boundaries(
    name: str, docs: list[dict[str, Any]], *, flat: bool = False, clean: bool = False
) -> BoundaryScore:
    """Boundary counts of segmenter ``name`` over ``docs``; with ``clean``, the documents are
    raw scraped articles and :func:`framing.segment` cleans them first (offsets stay raw)."""
    from framing.text.segment import segment

    score = BoundaryScore()
    for doc in docs:
        text, spans = doc["text"], doc["sentences"]
        if flat:
            text, spans = flatten(text, spans)
        predicted = [(s.start, s.end) for s in segment(text, segmenter=name, clean=clean)]
        score.add(boundaries(text, spans), boundaries(text, predicted))
    return score


def load_annotated_segmentation(folder: Path | None = None) -> list[dict[str, Any]]:
    """The gold segmentation of the annotated set as boundary documents (raw articles); empty
    when the set has no sentences file yet."""
    from framing.data.annotated import annotated_dir
    from framing.data.jsonl import read_jsonl

    folder = folder or annotated_dir()
    if not (folder / "sentences.jsonl").is_file():
        return []
    sentences: dict[str, list[list[int]]] = {}
    for record in read_jsonl(folder / "sentences.jsonl"):
        sentences.setdefault(record["doc_id"], []).append([record["start"], record["end"]])
    return [
        {
            "doc_id": doc["doc_id"],
            "text": (folder / doc["file"]).read_text(encoding="utf-8"),
            "sentences": sorted(sentences.get(doc["doc_id"], [])),
        }
        for doc in read_jsonl(folder / "documents.jsonl")
    ]


def throughput(name: str, texts: list[str], sentences: int, repeat: int) -> dict[str, float]:
    """Sentences per second, one :func:`framing.segment` call per document, median of runs."""
    from framing.text.segment import segment

    segment(texts[0], segmenter=name, clean=False)  # warm up: imports, caches
    times = []
    for _ in range(repeat):
        with _quiet_gc():
            t0 = time.perf_counter()
            for text in texts:
                segment(text, segmenter=name, clean=False)
            times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    return {
        "sentences_per_second": round(sentences / median),
        "seconds_median": round(median, 5),
        "runs": repeat,
    }


def scaling(texts: list[str], sizes_mb: Sequence[float], repeat: int) -> list[dict[str, float]]:
    """Time and peak memory of the default segmenter on documents of growing size, alone and
    with cleaning in front (``framing.segment(doc)``)."""
    from framing.text.segment import segment

    seg = get_segmenter("default")
    base = "\n\n".join(texts)
    rows = []
    for size in sizes_mb:
        n = int(size * 1_000_000)
        doc = (base * (n // len(base) + 1))[:n]
        times = []
        for _ in range(repeat):
            with _quiet_gc():
                t0 = time.perf_counter()
                spans = seg.spans(doc)
                times.append(time.perf_counter() - t0)
        tracemalloc.start()
        seg.spans(doc)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        seconds = statistics.median(times)
        with _quiet_gc():
            t0 = time.perf_counter()
            segment(doc)
            with_cleaning = time.perf_counter() - t0
        rows.append(
            {
                "megabytes": size,
                "sentences": len(spans),
                "seconds_median": round(seconds, 4),
                "seconds_per_megabyte": round(seconds / size, 4),
                "peak_memory_mb": round(peak / 1e6, 1),
                "seconds_with_cleaning": round(with_cleaning, 4),
            }
        )
    return rows


def adversarial_documents(size: int) -> dict[str, str]:
    """Documents of about ``size`` characters built to trip super-linear rules: one run of
    punctuation, lines that share their opening words, and captions alternating with credits."""
    lines = (
        f"Officials in Baghdad said on Monday that talks number {i} went well." for i in range(size)
    )
    shared = "\n\n".join(lines)[:size]
    credits = "\n\n".join(
        ("Photo: IRNA", "Security Council Ali Larijani arrives to") * (size // 60 + 1)
    )
    return {
        "punctuation run": "He said" + "!" * size,
        "shared openings": shared,
        "alternating credits": credits[:size],
    }


def adversarial(sizes_mb: Sequence[float]) -> list[dict[str, Any]]:
    """Seconds of ``framing.segment`` (cleaning on) on the adversarial documents, median of 3."""
    from framing.text.segment import segment

    rows = []
    for size in sizes_mb:
        for name, doc in adversarial_documents(int(size * 1_000_000)).items():
            times = []
            for _ in range(3):
                with _quiet_gc():
                    t0 = time.perf_counter()
                    segment(doc)
                    times.append(time.perf_counter() - t0)
            seconds = round(statistics.median(times), 3)
            rows.append({"document": name, "megabytes": size, "seconds_median": seconds})
    return rows


# The data sets scored by default, under the shared folder: GUM news (train, dev), every GUM
# genre (dev) and the English Web Treebank (dev). Their test splits are kept out on purpose.
DEFAULT_DATA = (
    "data/segmentation/gum-news/train.jsonl",
    "data/segmentation/gum-news/dev.jsonl",
    "data/segmentation/ud-dev/gum_dev.jsonl",
    "data/segmentation/ud-dev/ewt_dev.jsonl",
)


def run_segment(args: argparse.Namespace) -> dict[str, Any]:
    """Score every segmenter of ``args.segmenters`` (all installed by default) on every data set,
    in one run: boundary F1 para and flat, the golden rules, the annotated set, throughput; then
    the linearity check of the default segmenter when ``args.scaling`` lists sizes."""
    files = args.data or [args.shared / path for path in DEFAULT_DATA]
    sets = {}
    for path in files:
        path = Path(path)
        if not path.exists():
            raise SystemExit(f"error: no such file: {path} (pass --data or --shared)")
        label = path.parent.name + "/" + path.stem
        sets[label] = load_boundary_file(path)
    sets["all"] = [doc for docs in list(sets.values()) for doc in docs]
    annotated = [] if args.no_annotated else load_annotated_segmentation()
    names = args.segmenters or list(available_segmenters())
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "repeat": args.repeat,
        "data": {label: len(docs) for label, docs in sets.items()},
        "annotated_documents": len(annotated),
        "golden_cases": len(CASES) if args.golden else 0,
        "segmenters": {},
    }
    for name in names:
        row: dict[str, Any] = {}
        for label, docs in sets.items():
            row[label] = {
                "para": score_boundaries(name, docs).to_dict(),
                "flat": score_boundaries(name, docs, flat=True).to_dict(),
            }
        docs = sets["all"]
        row["speed"] = throughput(
            name, [d["text"] for d in docs], sum(len(d["sentences"]) for d in docs), args.repeat
        )
        if annotated:
            row["annotated (cleaned)"] = score_boundaries(name, annotated, clean=True).to_dict()
        if args.golden:
            row["golden"] = score_golden(name)
        results["segmenters"][name] = row
        print(f"  scored {name}", file=sys.stderr)
    if args.scaling:
        results["scaling"] = scaling([d["text"] for d in sets["all"]], args.scaling, 3)
        results["adversarial"] = adversarial(args.scaling[:2])
    return results


def format_table(results: dict[str, Any]) -> str:
    labels = [label for label in results["data"] if label != "all"] + ["all"]
    header = ["segmenter"]
    for label in labels:
        header += [f"{label} para F1", f"{label} flat F1"]
    annotated = results.get("annotated_documents", 0) > 0
    if annotated:
        header.append("annotated F1 (cleaned)")
    golden = results.get("golden_cases", 0) > 0
    if golden:
        header.append("golden rules")
    header += ["sentences/s"]
    rows = [header]
    for name, row in results["segmenters"].items():
        cells = [name]
        for label in labels:
            cells += [f"{row[label]['para']['f1']:.3f}", f"{row[label]['flat']['f1']:.3f}"]
        if annotated:
            cells.append(f"{row['annotated (cleaned)']['f1']:.3f}")
        if golden:
            cells.append(f"{row['golden']['passed']}/{row['golden']['total']}")
        cells.append(f"{row['speed']['sentences_per_second']:,}")
        rows.append(cells)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    for entry in results.get("adversarial", []):
        lines.append(
            f"adversarial '{entry['document']}' {entry['megabytes']} MB, cleaning on: "
            f"{entry['seconds_median']} s"
        )
    for entry in results.get("scaling", []):
        lines.append(
            f"default on {entry['megabytes']} MB: {entry['seconds_median']} s "
            f"({entry['seconds_per_megabyte']} s/MB), peak {entry['peak_memory_mb']} MB; "
            f"with cleaning {entry['seconds_with_cleaning']} s"
        )
    return "\n".join(lines)
