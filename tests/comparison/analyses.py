"""Analysis lines written by hand, in the shape ``framing analyze`` writes them (schema 2)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from framing.labels import STANCES, frames

_NUMBERS = itertools.count(1)
NAMES = {"iran": "Iran", "united_states": "United States", "israel": "Israel"}


def sentence(
    index: int,
    stances: dict[str, str] | None = None,
    mode: str = "news",
    reported: bool = False,
    speaker: str | None = None,
) -> dict[str, Any]:
    stances = stances or {}
    text = f"Sentence {index} of the story."
    return {
        "index": index, "start": index * 40, "end": index * 40 + len(text), "text": text,
        "mode": {"label": mode, "probability": 0.9,
                 "probabilities": {mode: 0.9, "news" if mode == "opinion" else "opinion": 0.1}},
        "reported": {"label": reported, "probability": 0.9 if reported else 0.1},
        "speaker": speaker,
        "mentions": [
            {"actor": a, "text": NAMES[a], "start": index * 40, "end": index * 40 + 4,
             "sentence_start": 0, "sentence_end": 4,
             "stance": {"label": s, "probabilities": {x: float(x == s) for x in STANCES}}}
            for a, s in stances.items()
        ],
        "stances": dict(stances),
        "frames": frames(mode, reported, stances),
    }  # fmt: skip


def analysis(
    sentences: list[dict[str, Any]],
    outlet: str | None = "Reuters",
    date: str | None = "2025-11-03",
    genre: str = "news",
    title: str | None = None,
    ident: str = "doc",
    extra: dict[str, str] | None = None,
) -> dict[str, Any]:
    actors = sorted({a for s in sentences for a in s["stances"]})
    doc = {
        "id": ident,
        "schema_version": 2,
        "model": {"family": "tfidf", "source": "tests"},
        "metadata": {"outlet": outlet, "date": date, "url": None, "title": title,
                     "author": None},
        "source": {"format": "text", "extractor": None, "text": None},
        "text_length": 40 * len(sentences),
        "dateline": None,
        "genre": {"label": genre, "score": 0.5 if genre == "opinion" else 0.1},
        "sentences": sentences,
        "actors": {a: {"name": NAMES[a], "mentions": 1, "sentences": 1, "counts": {},
                       "shares": {}} for a in actors},
        "frames": {},
        "dominant_frames": [],
        "removed": [],
        "warnings": [],
    }  # fmt: skip
    if extra:
        doc["metadata"]["extra"] = dict(extra)
    return doc


def stance_doc(outlet: str, actor: str, labels: list[str], **kwargs: Any) -> dict[str, Any]:
    """A document of one sentence per label, each taking that stance toward ``actor``."""
    return analysis([sentence(i, {actor: s}) for i, s in enumerate(labels)], outlet, **kwargs)


def line(doc: dict[str, Any]) -> str:
    """A document as a JSON line of its own: the default id ("doc") numbered (see :func:`write`)."""
    if doc.get("id") == "doc":
        doc = {**doc, "id": f"doc-{next(_NUMBERS)}"}
    return json.dumps(doc)


def write(path: Path, docs: list[dict[str, Any] | str]) -> Path:
    """The documents as a JSONL file, each dict a document of its own: the default id ("doc")
    is numbered across every file written, as framing analyze gives every document its own id
    (compare counts a repeated id of the same document once)."""
    lines = [d if isinstance(d, str) else line(d) for d in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
