"""The result of analysing a document: sentences, mentions, stances, frames and a summary.

Everything is plain data with ``to_dict()``; :meth:`DocumentAnalysis.to_json` writes the
versioned schema below (``schema_version`` changes when a field changes meaning or goes away;
new fields may appear without a change: a sentence's ``speaker`` came so, in version 1, and
``metadata.extra`` in version 2).
:func:`read_analysis` reads a line of either version back (a version-1 line with empty metadata
and a text source).

Schema, version 2 (version 1 is the same without ``metadata`` and ``source``)::

    {"schema_version": 2,
     "model": {"family": str, "source": str},
     "metadata": {"outlet": str|null, "date": str|null,   # date: YYYY-MM-DD when it was readable
                  "url": str|null, "title": str|null, "author": str|null,
                  "extra": {name: str}},     # only when there are other fields (--meta-fields
                                             # slant_group,genre=kind): never one of the five
     "source": {"format": "text"|"html"|"pdf",
                "extractor": str|null,        # html, pdf: what gave the text ("pypdf" for pdf)
                "text": str|null},            # html, pdf: the extracted text, which offsets
                                              # point into; null for text input (the user's own)
     "text_length": int,                      # characters of the raw (or extracted) text
     "dateline": {"text": str, "place": str, "agency": str|null, "date": str|null,
                  "start": int, "end": int} | null,   # the story's opening dateline ("CAIRO –",
                                              # "BEIRUT (AP) —"), offsets as the sentences'
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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.text.metadata import DocumentMeta

SCHEMA_VERSION = 2
# the versions read_analysis reads
READABLE_VERSIONS = (1, 2)

__all__ = [
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "DocumentAnalysis",
    "MentionAnalysis",
    "SentenceAnalysis",
    "read_analysis",
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MentionAnalysis:
        return cls(
            **_fields_of(data, "actor", "text", "start", "end", "sentence_start", "sentence_end"),
            stance=data["stance"]["label"],
            probabilities=dict(data["stance"]["probabilities"]),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SentenceAnalysis:
        return cls(
            **_fields_of(data, "index", "start", "end", "text"),
            mode=data["mode"]["label"],
            mode_probabilities=dict(data["mode"]["probabilities"]),
            reported=data["reported"]["label"],
            reported_probability=data["reported"]["probability"],
            mentions=[MentionAnalysis.from_dict(m) for m in data["mentions"]],
            stances=dict(data["stances"]),
            frames=dict(data["frames"]),
            speaker=data.get("speaker"),
        )


@dataclass
class DocumentAnalysis:
    """The analysis of one document (see the module docstring for the schema).

    ``text`` is the text that every offset points into: the raw text given, or the text
    extracted from an HTML page (``source_format`` ``"html"``, with the ``extractor``'s name), so
    that ``doc.text[s.start:s.end]`` is the span of sentence ``s`` either way. ``meta`` is the
    document's outlet, date, URL, title and author, where known.
    """

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
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    text: str | None = None
    source_format: str = "text"
    extractor: str | None = None
    dateline: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        extracted = self.source_format != "text"
        return {
            "schema_version": SCHEMA_VERSION,
            "model": dict(self.model),
            "metadata": self.meta.to_dict(),
            "source": {
                "format": self.source_format,
                "extractor": self.extractor,
                "text": self.text if extracted else None,
            },
            "text_length": self.text_length,
            "dateline": dict(self.dateline) if self.dateline else None,
            "genre": {"label": self.genre, "score": self.genre_score},
            "sentences": [s.to_dict() for s in self.sentences],
            "actors": json.loads(json.dumps(self.actors)),
            "frames": json.loads(json.dumps(self.frames)),
            "dominant_frames": list(self.dominant_frames),
            "removed": [dict(r) for r in self.removed],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentAnalysis:
        """The analysis of a schema dict (see :func:`read_analysis`)."""
        return read_analysis(data)

    def to_json(self, **kwargs: Any) -> str:
        """The schema as JSON (``json.dumps`` keyword arguments pass through)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def __len__(self) -> int:
        return len(self.sentences)


def _fields_of(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: data[name] for name in names}


def read_analysis(line: str | bytes | Mapping[str, Any]) -> DocumentAnalysis:
    """A :class:`DocumentAnalysis` from a line of ``analyze``'s jsonl output (or its dict), of
    schema version 1 or 2; a version-1 line reads with empty metadata, as text input. An ``id``
    beside the schema (the CLI writes one) is ignored.

    Raises:
        ValueError: not JSON, not an object, a version this package does not read (named), or a
            field missing or of the wrong shape (named).

    Example:
        >>> doc = read_analysis(open("results.jsonl").readline())  # doctest: +SKIP
        >>> doc.meta.outlet, doc.sentences[0].text                 # doctest: +SKIP
    """
    if isinstance(line, str | bytes):
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"not a JSON line ({err.msg})") from None
    else:
        data = line
    if not isinstance(data, Mapping):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    version = data.get("schema_version")
    if version not in READABLE_VERSIONS:
        raise ValueError(
            f"schema_version {version!r} is not one this version of framing reads "
            f"({', '.join(map(str, READABLE_VERSIONS))}): upgrade framing to read it"
        )
    try:
        source = data.get("source") or {}
        genre = data["genre"]
        return DocumentAnalysis(
            sentences=[SentenceAnalysis.from_dict(s) for s in data["sentences"]],
            genre=genre["label"],
            genre_score=genre["score"],
            actors=json.loads(json.dumps(data["actors"])),
            frames=json.loads(json.dumps(data["frames"])),
            dominant_frames=list(data["dominant_frames"]),
            removed=[dict(r) for r in data["removed"]],
            text_length=data["text_length"],
            model=dict(data["model"]),
            warnings=list(data["warnings"]),
            # loose: a writer that put other fields beside the five (not under "extra") is read
            meta=DocumentMeta.from_dict(data.get("metadata"), source="metadata", loose=True),
            text=source.get("text"),
            source_format=source.get("format", "text"),
            extractor=source.get("extractor"),
            dateline=dict(data["dateline"]) if data.get("dateline") else None,
        )
    except KeyError as err:
        raise ValueError(f"schema version {version}: no field {err.args[0]!r}") from None
    except (TypeError, AttributeError) as err:
        raise ValueError(f"schema version {version}: a field of the wrong shape ({err})") from None
