"""``python -m framing.bench infer --engine ray``: the Ray engine beside the plain run, on the
same input in the same invocation.

Each run is ``framing analyze`` in a fresh process over one JSONL file (the annotated articles
repeated, or ``--documents N`` short generated ones), writing JSONL to a temporary file. While it
runs, the resident memory of its whole process tree (the driver and, for Ray, its raylet, object
store and worker actors) is summed every ``interval`` seconds with psutil, and the documents
written so far are counted from the output, so the report gives the peak RSS at checkpoints (10 %,
50 % and all of the documents: flat memory shows as equal peaks). Rates are the documents
written after the first write over the time from it to the last, leaving out the start (imports,
model loading, Ray's start) and the first batch, analysed before that clock began.

    python -m framing.bench infer --engine ray --model tfidf --documents 100000
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["format_engines", "generated_documents", "run_engines"]

# short documents of the shape of news briefs, with actors, a number making each one distinct
_BRIEF = (
    "Officials in {place} said on {day} that {a} had agreed to talks with {b} on item {n}. "
    "A spokesman for {b} called the offer a step forward, but critics in {place} were unmoved. "
    "{a} did not comment."
)
_ACTORS = ["Iran", "Iraq", "Israel", "Hezbollah", "the United States", "Russia", "Saudi Arabia"]
_PLACES = ["Baghdad", "Tehran", "Geneva", "Beirut", "Cairo"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated_documents(count: int) -> Any:
    """``count`` short distinct documents (three sentences each), lazily."""
    for n in range(count):
        a, b = _ACTORS[n % len(_ACTORS)], _ACTORS[(n // len(_ACTORS) + 1 + n) % len(_ACTORS)]
        yield _BRIEF.format(place=_PLACES[n % 5], day=_DAYS[(n // 5) % 5], a=a, b=b, n=n)


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all of its descendants (0 once it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):  # ended between the listing and the reading
            total += process.memory_info().rss
    return total


def measure_engine(
    command: list[str], output: Path, documents: int, interval: float = 0.5
) -> dict[str, Any]:
    """Run ``framing analyze`` (``command``: its arguments) writing ``output``; its timings,
    the process tree's peak RSS, and the peak reached by each checkpoint of documents."""
    checkpoints = sorted({max(1, documents // 10), max(1, documents // 2), documents})
    peaks: dict[int, float] = {}
    # "before": the documents of the first write, which the steady rate does not count (they
    # were analysed before the clock it counts from began)
    state = {"peak": 0, "written": 0, "first": None, "last": None, "before": 0}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "framing", "analyze", *command, "--output", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def sample() -> None:
        seen = 0
        while True:
            done = process.poll() is not None
            state["peak"] = max(state["peak"], _tree_rss(process.pid))
            try:
                with output.open("rb") as handle:
                    handle.seek(seen)
                    chunk = handle.read()
            except OSError:
                chunk = b""
            seen += len(chunk)
            now = time.perf_counter()
            if lines := chunk.count(b"\n"):
                if state["first"] is None:
                    state["first"], state["before"] = now, lines
                state["written"] += lines
                state["last"] = now
            for mark in checkpoints:
                if mark not in peaks and state["written"] >= mark:
                    peaks[mark] = round(state["peak"] / 2**20, 1)
            if done:
                return
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode not in (0, 1):
        last = (errors.strip().splitlines() or [f"exit status {process.returncode}"])[-1]
        raise RuntimeError(f"framing analyze {' '.join(command)} failed: {last}")
    sentences = docs = 0
    with output.open(encoding="utf-8") as handle:
        for line in handle:
            docs += 1
            sentences += len(json.loads(line)["sentences"])
    steady = (state["last"] or 0) - (state["first"] or 0)
    # from the first document written to the last, leaving out the start; when everything came
    # out at once (an input of a batch or two) only the wall time is left to count from
    if steady > 0:  # the documents written after the first write, over the time they took
        counted_from, seconds = "first written", steady
        share = (docs - state["before"]) / docs if docs else 0.0
    else:
        counted_from, seconds, share = "wall", wall, 1.0
    return {
        "documents": docs,
        "sentences": sentences,
        "wall_seconds": round(wall, 2),
        "rate_counted_from": counted_from,
        "documents_per_second": round(docs * share / seconds, 1),
        "sentences_per_second": round(sentences * share / seconds, 1),
        "peak_rss_mb": round(state["peak"] / 2**20, 1),
        "peak_rss_mb_by_documents": {str(k): v for k, v in sorted(peaks.items())},
    }


def run_engines(
    model: str | None,
    workers: int,
    *,
    copies: int = 10,
    documents: int | None = None,
    batch_size: int = 1024,
    docs_per_batch: int | None = None,
) -> dict[str, Any]:
    """The plain run (``--engine local``) and the Ray run (``--workers``) over the same JSONL
    input: the annotated articles ``copies`` times, or ``documents`` generated ones.
    ``docs_per_batch``: ``--docs-per-batch`` of both runs (the default, 32, when None)."""
    from framing.bench.infer import corpus

    with tempfile.TemporaryDirectory(prefix="framing-bench-") as folder:
        source = Path(folder) / "input.jsonl"
        texts = generated_documents(documents) if documents else corpus(copies)
        count = 0
        with source.open("w", encoding="utf-8") as handle:
            for text in texts:
                handle.write(json.dumps({"text": text}) + "\n")
                count += 1
        docs_per_batch = docs_per_batch or 32
        common = [str(source), "--quiet", "--batch-size", str(batch_size)]
        common += ["--docs-per-batch", str(docs_per_batch)]
        if model:
            common += ["--model", model]
        rows = []
        for engine, extra in (
            ("local", []),
            ("ray", ["--engine", "ray", "--workers", str(workers)]),
        ):
            output = Path(folder) / f"{engine}.jsonl"
            row = measure_engine([*common, *extra], output, count)
            rows.append({"engine": engine, "workers": workers if engine == "ray" else 1, **row})
    plain, ray = rows
    ratio = None
    if plain["documents_per_second"] and ray["documents_per_second"]:
        ratio = round(ray["documents_per_second"] / plain["documents_per_second"], 2)
    return {
        "model": model or "bundled",
        "documents": count,
        "docs_per_batch": docs_per_batch,
        "rows": rows,
        "ray_over_plain": ratio,
    }


def format_engines(results: dict[str, Any]) -> str:
    """The engines' table, and the ratio of their rates."""
    lines = [
        "| engine | workers | documents | docs/s | sentences/s | wall s | peak RSS MB "
        "| peak RSS MB by documents |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        marks = ", ".join(f"{k}: {v}" for k, v in r["peak_rss_mb_by_documents"].items())
        lines.append(
            f"| {r['engine']} | {r['workers']} | {r['documents']} | {r['documents_per_second']} "
            f"| {r['sentences_per_second']} | {r['wall_seconds']} | {r['peak_rss_mb']} "
            f"| {marks} |"
        )
    lines.append(f"ray over plain (documents/s): {results['ray_over_plain']}")
    return "\n".join(lines)
