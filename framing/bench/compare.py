"""``python -m framing.bench compare``: time ``framing compare`` on synthetic analyses.

N analyses (default 10,000) are made with realistic shapes: 20–60 sentences, two to five actors
drawn from the bundled lexicon's ids, outlets from a list, dates over a year, a speaker on the
reported sentences. They are written to a temporary JSONL file, and reading plus comparing them
(1,000 resamples) is timed; the median of ``--repeat`` runs is reported. The issue's target: 10,000
documents in under 30 s on 2 cores.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from framing.comparison import compare
from framing.inference.results import SCHEMA_VERSION
from framing.labels import FRAMES, STANCES, frames

__all__ = ["OUTLETS", "format_compare", "run_compare", "synthetic_analysis", "write_analyses"]

OUTLETS = ("Reuters", "AP", "Press TV", "Al Jazeera", "Times of Israel", "Tasnim", "BBC", "CNN")
ACTORS = ("iran", "united_states", "israel", "hezbollah", "saudi_arabia", "iraq", "russia")
WORDS = "the minister said talks would resume after officials met in the capital on".split()


def synthetic_analysis(rng: random.Random) -> dict[str, Any]:
    """One analysis in the schema ``framing analyze`` writes (version 2), with random labels."""
    actors = rng.sample(ACTORS, rng.randint(2, 5))
    sentences, start = [], 0
    for index in range(rng.randint(20, 60)):
        text = " ".join(rng.choices(WORDS, k=rng.randint(8, 30))).capitalize() + "."
        mode = "opinion" if rng.random() < 0.3 else "news"
        reported = rng.random() < 0.4
        mentioned = [a for a in actors if rng.random() < 0.35]
        stances = {a: rng.choices(STANCES, weights=(5, 2, 3))[0] for a in mentioned}
        mentions = [
            {"actor": a, "text": a, "start": start, "end": start + len(a), "sentence_start": 0,
             "sentence_end": len(a), "stance": {"label": stances[a], "probabilities":
                                                {s: round(1 / 3, 4) for s in STANCES}}}
            for a in mentioned
        ]  # fmt: skip
        sentences.append({
            "index": index, "start": start, "end": start + len(text), "text": text,
            "mode": {"label": mode, "probability": 0.8,
                     "probabilities": {"news": 0.8, "opinion": 0.2}},
            "reported": {"label": reported, "probability": 0.7 if reported else 0.2},
            "speaker": rng.choice([*actors, "other"]) if reported else None,
            "mentions": mentions, "stances": stances, "frames": frames(mode, reported, stances),
        })  # fmt: skip
        start += len(text) + 1
    counts = {
        a: {s: sum(x["stances"].get(a) == s for x in sentences) for s in STANCES} for a in actors
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "model": {"family": "synthetic", "source": "bench"},
        "metadata": {"outlet": rng.choice(OUTLETS), "date": f"2025-{rng.randint(1, 12):02d}-15",
                     "url": None, "title": None, "author": None},
        "source": {"format": "text", "extractor": None, "text": None},
        "text_length": start,
        "dateline": None,
        "genre": {"label": "news", "score": 0.3},
        "sentences": sentences,
        "actors": {a: {"name": a.replace("_", " ").title(), "mentions": sum(c.values()),
                       "sentences": sum(c.values()), "counts": c, "shares": {}}
                   for a, c in counts.items()},
        "frames": {f: {"sentences": 0, "share": 0.0} for f in FRAMES},
        "dominant_frames": [],
        "removed": [],
        "warnings": [],
    }  # fmt: skip


def write_analyses(path: Path, documents: int, seed: int = 0) -> int:
    """Write ``documents`` synthetic analyses as ``framing analyze``'s JSONL; the bytes written."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(documents):
            handle.write(json.dumps({"id": f"doc{i}", **synthetic_analysis(rng)}) + "\n")
    return path.stat().st_size


def run_compare(
    documents: int = 10_000, resamples: int = 1000, repeat: int = 3, by: str = "outlet"
) -> dict[str, Any]:
    """Time reading and comparing ``documents`` synthetic analyses; the median of ``repeat``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "analyses.jsonl"
        size = write_analyses(path, documents)
        seconds = []
        for _ in range(repeat):
            began = time.perf_counter()
            result = compare(path, by=by, resamples=resamples)
            seconds.append(round(time.perf_counter() - began, 3))
    return {
        "documents": documents,
        "resamples": resamples,
        "by": by,
        "groups": len(result.groups),
        "rows": len(result.rows),
        "differences": len(result.difference_rows),
        "megabytes": round(size / 1e6, 1),
        "seconds": seconds,
        "median_seconds": statistics.median(seconds),
        "target_seconds": 30,
    }


def format_compare(results: dict[str, Any]) -> str:
    return (
        f"compare: {results['documents']} documents ({results['megabytes']} MB of JSONL), "
        f"{results['groups']} groups by {results['by']}, {results['resamples']} resamples: "
        f"{results['median_seconds']} s (median of {len(results['seconds'])}; target < "
        f"{results['target_seconds']} s); {results['rows']} rows, "
        f"{results['differences']} differences"
    )
