"""The result of analysing a document: sentences, mentions, stances, frames and a summary.

Everything is plain data with ``to_dict()``; :meth:`DocumentAnalysis.to_json` writes the
versioned schema below (``schema_version`` changes when a field changes meaning or goes away;
new fields may appear without a change: a sentence's ``speaker`` came so, in version 1).

Schema, version 1::

    {"schema_version": 1,
     "model": {"family": str, "source": str},
     "text_length": int,                      # characters of the raw text
     "genre": {"label": "opinion"|"news", "score": float},   # score: share of opinion sentences
     "sentences": [
        {"index": int, "start": int, "end": int,  # offsets into the raw text
         "text": str,                              # the clean sentence
         "mode": {"label": str, "probability": float, "probabilities": {label: float}},
         "reported": {"label": bool, "probability": float},
         "speaker": str | null,   # whose content it reports: an actor id or "other"; null when
                                  # not reported, or from a model without a speaker component
         "mentions": [{"actor": str, "text": str, "start": int, "end": int,  # raw offsets
                       "sentence_start": int, "sentence_end": int,  # offsets in "text"
                       "stance": {"label": str, "probabilities": {label: float}}}],
         "stances": {actor: label},                # one per actor: mean over its mentions
         "frames": {frame: bool}}],
     "actors": {actor: {"name": str, "mentions": int, "sentences": int,
                        "counts": {label: int}, "shares": {label: float}}},
     "frames": {frame: {"sentences": int, "share": float}},
     "dominant_frames": [frame, ...],          # the frames of the most sentences, ties kept
     "removed": [{"start": int, "end": int, "kind": str, "text": str}],  # what cleaning cut
     "warnings": [str]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1

__all__ = [
    "SCHEMA_VERSION",
    "DocumentAnalysis",
    "MentionAnalysis",
    "SentenceAnalysis",
]


def _fields(record: Any, *names: str) -> dict[str, Any]:
    """The named attributes of a record as they are, in the schema's order (the nested parts of
    the schema are built by each ``to_dict``)."""
    return {name: getattr(record, name) for name in names}


@dataclass
class MentionAnalysis:
    """An actor mention: its span in the raw text and the stance the sentence takes toward it."""

    actor: str
    text: str
    start: int
    end: int
    stance: str
    probabilities: dict[str, float]
    sentence_start: int = 0  # the mention in its sentence's clean text
    sentence_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            **_fields(self, "actor", "text", "start", "end", "sentence_start", "sentence_end"),
            "stance": {"label": self.stance, "probabilities": self.probabilities},
        }


@dataclass
class SentenceAnalysis:
    """One sentence: offsets into the raw text, mode, reported, mentions, stances, frames and,
    when it is reported and the model predicts it, the speaker (an actor id or "other")."""

    index: int
    start: int
    end: int
    text: str
    mode: str
    mode_probabilities: dict[str, float]
    reported: bool
    reported_probability: float
    mentions: list[MentionAnalysis] = field(default_factory=list)
    stances: dict[str, str] = field(default_factory=dict)
    frames: dict[str, bool] = field(default_factory=dict)
    speaker: str | None = None

    @property
    def mode_probability(self) -> float:
        return self.mode_probabilities[self.mode]

    def to_dict(self) -> dict[str, Any]:
        return {
            **_fields(self, "index", "start", "end", "text"),
            "mode": {
                "label": self.mode,
                "probability": self.mode_probability,
                "probabilities": self.mode_probabilities,
            },
            "reported": {"label": self.reported, "probability": self.reported_probability},
            "speaker": self.speaker,
            "mentions": [m.to_dict() for m in self.mentions],
            "stances": dict(self.stances),
            "frames": dict(self.frames),
        }


@dataclass
class DocumentAnalysis:
    """The analysis of one document (see the module docstring for the schema)."""

    sentences: list[SentenceAnalysis]
    genre: str
    genre_score: float
    actors: dict[str, dict[str, Any]]
    frames: dict[str, dict[str, Any]]
    dominant_frames: list[str]
    removed: list[dict[str, Any]]
    text_length: int
    model: dict[str, str]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "model": dict(self.model),
            "text_length": self.text_length,
            "genre": {"label": self.genre, "score": self.genre_score},
            "sentences": [s.to_dict() for s in self.sentences],
            "actors": json.loads(json.dumps(self.actors)),
            "frames": json.loads(json.dumps(self.frames)),
            "dominant_frames": list(self.dominant_frames),
            "removed": [dict(r) for r in self.removed],
            "warnings": list(self.warnings),
        }

    def to_json(self, **kwargs: Any) -> str:
        """The schema as JSON (``json.dumps`` keyword arguments pass through)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def __len__(self) -> int:
        return len(self.sentences)
