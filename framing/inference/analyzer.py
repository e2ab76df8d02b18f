"""Inference for users: a saved model, the actor lexicon and the text front end in one object.

    >>> import framing
    >>> analyzer = framing.load()                      # doctest: +SKIP
    >>> doc = analyzer.analyze(open("article.txt").read())  # doctest: +SKIP
    >>> doc.genre, doc.actors["iran"]["shares"]        # doctest: +SKIP

Raw text goes through cleaning (offsets kept back to the raw text), sentence segmentation and the
lexicon's mention finder; the model scores every sentence once (mode, reported, and the stance
toward each mention); frames and the document summary follow by the rules of the annotated set
(:func:`framing.labels.frames`, :func:`framing.labels.actor_stances`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.inference.results import DocumentAnalysis, MentionAnalysis, SentenceAnalysis
from framing.labels import FRAMES, MODES, STANCES, actor_stances, frames, genre
from framing.models.errors import ModelError as ModelError
from framing.models.folder import checked_file

# the model-folder functions live in model_folder.py; their names stay importable from here
from framing.models.loading import BUNDLED as BUNDLED
from framing.models.loading import DOWNLOAD_PATTERNS as DOWNLOAD_PATTERNS
from framing.models.loading import _download as _download
from framing.models.loading import load_checked
from framing.models.loading import resolve_model as resolve_model
from framing.models.pickles import PICKLE_SUFFIXES as PICKLE_SUFFIXES
from framing.text.clean import CleanConfig, Cleaner
from framing.text.clean import clean as clean_text
from framing.text.segment import Segmenter, get_segmenter

__all__ = ["Analyzer", "ModelError", "load"]

# frequent English words that are not frequent words of other Latin-script languages too ("in",
# "a", "is", "was", "on", "to" are German, Dutch, Romance or Slavic words as well)
_STOPWORDS = frozenset("the of and that for with as by said it from at his has be are have".split())
# control characters (but tab and line breaks), surrogates and private-use characters
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class _Prepared:
    """A document after cleaning, segmentation and mention finding, before scoring."""

    raw: str
    sentences: list[tuple[int, int, str]]  # raw start, raw end, clean text
    mentions: list[list[dict[str, Any]]]  # per sentence: clean-sentence offsets, raw offsets
    removed: list[dict[str, Any]]
    warnings: list[str]


class Analyzer:
    """A model with its actor lexicon and text front end.

    Args:
        model: a trained :class:`framing.models.FramingModel`.
        lexicon: the actors to find; the model folder's ``actors.yaml`` or the bundled one.
        segmenter: a segmenter name or instance.
        clean: clean the raw text first (offsets still point into it).
        clean_config: cleaning rules.
        source: where the model came from (shown in results).
    """

    def __init__(
        self,
        model: Any,
        lexicon: ActorLexicon | None = None,
        *,
        segmenter: str | Segmenter = "default",
        clean: bool = True,
        clean_config: CleanConfig | None = None,
        source: str = "",
    ) -> None:
        self.model = model
        self.lexicon = lexicon or ActorLexicon.load()
        self.segmenter = segmenter if isinstance(segmenter, Segmenter) else get_segmenter(segmenter)
        self.clean = clean
        self.clean_config = clean_config
        # rules of one's own are compiled once here, not per document (the defaults are shared)
        self._cleaner = Cleaner(clean_config) if clean_config is not None else clean_text
        self.source = source
        self.directory: Path | None = None  # the model folder, when loaded from one

    # -- loading ----------------------------------------------------------------------------------
    @classmethod
    def from_pretrained(
        cls, path_or_id: str | Path | None = None, *, revision: str | None = None, **kwargs: Any
    ) -> Analyzer:
        """Load a saved model: the bundled default (no argument, or ``"bundled"``), a model folder,
        a training run folder (its ``model/``), or a Hub repository id (``user/name``).

        Raises:
            ModelError: the folder is missing, incomplete, from an incompatible version, holds
                pickle files, links or files that leave it, or a file that cannot be read, is
                truncated, mis-shaped or holds non-finite numbers (the message names what).
        """
        directory, source = resolve_model(path_or_id, revision=revision)
        model = load_checked(directory)
        lexicon_file = checked_file(directory, "actors.yaml")
        if "lexicon" not in kwargs and lexicon_file is not None:
            kwargs["lexicon"] = _lexicon(lexicon_file)
        analyzer = cls(model, source=source, **kwargs)
        analyzer.directory = directory
        return analyzer

    def push_to_hub(
        self,
        repo_id: str,
        *,
        private: bool = False,
        token: str | None = None,
        commit_message: str = "Upload framing model",
    ) -> str:
        """Upload the model folder this analyzer was loaded from, with its generated card (see
        :func:`framing.publish.push_to_hub`); the commit URL."""
        from framing.hub.publish import push_to_hub

        if self.directory is None:
            raise ValueError("this analyzer was not loaded from a folder: save the model first")
        return push_to_hub(
            self.directory, repo_id, private=private, token=token, commit_message=commit_message
        )

    def add_actor(
        self,
        actor_id: str,
        aliases: str | Iterable[str],
        name: str | None = None,
        description: str = "",
    ) -> Analyzer:
        """Add an actor (or aliases to a known one); the stance model is target-aware, so the
        new actor gets stances like any other. Returns the analyzer."""
        names = [aliases] if isinstance(aliases, str) else list(aliases)  # one alias or several
        aliases = [a for a in names if a.strip()]
        if not aliases:
            raise ValueError(f"actor {actor_id!r}: give at least one alias")
        self.lexicon = self.lexicon.with_actor(actor_id, name or actor_id, aliases, description)
        return self

    # -- analysis ---------------------------------------------------------------------------------
    def analyze(self, text: str | bytes) -> DocumentAnalysis:
        """The analysis of one document (empty text gives an empty analysis)."""
        return self.analyze_many([text])[0]

    def analyze_many(
        self, texts: Iterable[str | bytes], batch_size: int = 1024
    ) -> list[DocumentAnalysis]:
        """Analyses of many documents, in input order.

        The model gets ``batch_size`` sentences at a time, across documents; the neural families
        sort each call's sentences by length and encode them in forward batches of 32, so a
        larger call means less padding (and a linear family fewer, larger matrix products)."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        prepared = [self._prepare(text) for text in texts]
        examples = [
            {"text": s[2], "mentions": m}
            for doc in prepared
            for s, m in zip(doc.sentences, doc.mentions, strict=True)
        ]
        scored = self._score(examples, batch_size)
        results, k = [], 0
        for doc in prepared:
            n = len(doc.sentences)
            results.append(self._assemble(doc, scored[k : k + n]))
            k += n
        return results

    def _score(self, examples: Sequence[dict[str, Any]], batch_size: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i in range(0, len(examples), batch_size):
            out += self.model.predict_proba(examples[i : i + batch_size])
        return out

    def _prepare(self, text: str | bytes) -> _Prepared:
        notes: list[str] = []
        if isinstance(text, bytes):
            decoded = text.decode("utf-8", errors="replace")
            if "\ufffd" in decoded:
                notes.append("input bytes are not valid UTF-8: undecodable bytes were replaced")
            text = decoded
        if not isinstance(text, str):
            raise TypeError(f"analyze() expects str or bytes, got {type(text).__name__}")
        notes += text_warnings(text)
        if not text.strip():
            return _Prepared(text, [], [], [], notes)
        if self.clean:
            cleaned = self._cleaner(text)
            body = cleaned.text
            removed = [r.to_dict() for r in cleaned.removals]
            for r in removed:
                r["text"] = text[r["start"] : r["end"]]

            def to_raw(a: int, b: int) -> tuple[int, int]:
                return cleaned.to_raw(a, b)
        else:
            body, removed = text, []

            def to_raw(a: int, b: int) -> tuple[int, int]:
                return a, b

        sentences, mentions = [], []
        for a, b in self.segmenter.spans(body):
            start, end = to_raw(a, b)
            sentences.append((start, end, body[a:b]))
            found = []
            for m in self.lexicon.find(body, a, b):
                raw_start, raw_end = to_raw(m.start, m.end)
                found.append(
                    {
                        "start": m.start - a,
                        "end": m.end - a,
                        "actor": m.actor,
                        "text": m.text,
                        "raw": (raw_start, raw_end),
                    }
                )
            mentions.append(found)
        return _Prepared(text, sentences, mentions, removed, notes)

    def _assemble(self, doc: _Prepared, scored: Sequence[dict[str, Any]]) -> DocumentAnalysis:
        sentences = []
        for i, ((start, end, text), found, p) in enumerate(
            zip(doc.sentences, doc.mentions, scored, strict=True)
        ):
            mode = max(MODES, key=lambda label: p["mode"][label])
            reported = p["reported"] >= 0.5
            mentions = [
                MentionAnalysis(
                    actor=m["actor"],
                    text=m["text"],
                    start=m["raw"][0],
                    end=m["raw"][1],
                    stance=max(STANCES, key=probs.__getitem__),
                    probabilities=probs,
                    sentence_start=m["start"],
                    sentence_end=m["end"],
                )
                for m, probs in zip(found, p["stances"], strict=True)
            ]
            stances = actor_stances(
                [m.actor for m in mentions],
                [[m.probabilities[s] for s in STANCES] for m in mentions],
            )
            sentences.append(
                SentenceAnalysis(
                    index=i,
                    start=start,
                    end=end,
                    text=text,
                    mode=mode,
                    mode_probabilities=dict(p["mode"]),
                    reported=reported,
                    reported_probability=float(p["reported"]),
                    mentions=mentions,
                    stances=stances,
                    frames=frames(mode, reported, stances),
                )
            )
        return summarise(sentences, doc, self.lexicon, self.model_info())

    def model_info(self) -> dict[str, str]:
        return {"family": self.model.family, "source": self.source}

    def __repr__(self) -> str:
        return (
            f"Analyzer(family={self.model.family!r}, source={self.source!r}, "
            f"actors={len(self.lexicon.ids)})"
        )


def summarise(
    sentences: list[SentenceAnalysis], doc: _Prepared, lexicon: ActorLexicon, model: dict[str, str]
) -> DocumentAnalysis:
    """The document summary: genre (opinion when more than half of the sentences are), per-actor
    stance counts and shares (one stance per actor per sentence), frame counts and shares."""
    n = len(sentences)
    opinion = sum(s.mode == "opinion" for s in sentences)
    share = opinion / n if n else 0.0
    actors: dict[str, dict[str, Any]] = {}
    for s in sentences:
        for actor, stance in s.stances.items():
            entry = actors.setdefault(
                actor,
                {
                    "name": _name(lexicon, actor),
                    "mentions": 0,
                    "sentences": 0,
                    "counts": dict.fromkeys(STANCES, 0),
                    "shares": {},
                },
            )
            entry["sentences"] += 1
            entry["counts"][stance] += 1
        for m in s.mentions:
            actors[m.actor]["mentions"] += 1
    for entry in actors.values():
        entry["shares"] = {k: v / entry["sentences"] for k, v in entry["counts"].items()}
    counts = {f: sum(s.frames[f] for s in sentences) for f in FRAMES}
    top = max(counts.values(), default=0)
    return DocumentAnalysis(
        sentences=sentences,
        genre=genre(share),
        genre_score=share,
        actors=dict(sorted(actors.items(), key=lambda kv: (-kv[1]["mentions"], kv[0]))),
        frames={f: {"sentences": c, "share": c / n if n else 0.0} for f, c in counts.items()},
        dominant_frames=[f for f, c in counts.items() if top and c == top],
        removed=doc.removed,
        text_length=len(doc.raw),
        model=model,
        warnings=doc.warnings,
    )


def _name(lexicon: ActorLexicon, actor: str) -> str:
    try:
        return lexicon.actor(actor).name
    except KeyError:
        return actor


def text_warnings(text: str) -> list[str]:
    """Warnings for text the model was not made for: binary data, or text that is not English."""
    if not text.strip():
        return []
    sample = text[:20_000]
    control = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if control / len(sample) > 0.05:
        return ["the input looks like binary data, not text: results are meaningless"]
    ascii_letters = sum(map(sample.count, string.ascii_letters))
    letters = ascii_letters + sum(ch.isalpha() for ch in _NON_ASCII.findall(sample))
    if letters < 20:
        return []
    latin = ascii_letters / letters
    words = sample.lower().split()
    common = sum(map(_STOPWORDS.__contains__, words)) / max(len(words), 1)
    if latin < 0.7 or (len(words) >= 30 and common < 0.03):
        return ["the text does not look like English; the model was trained on English news"]
    return []


def _lexicon(file: Path) -> ActorLexicon:
    """The actor lexicon of a model folder.

    Raises:
        ModelError: not UTF-8, not valid YAML, or not a lexicon (the file named).
    """
    import yaml

    try:
        return ActorLexicon.load(file)
    except UnicodeDecodeError as err:
        raise ModelError(f"{file}: not UTF-8 text ({err})") from None
    except yaml.YAMLError as err:
        raise ModelError(f"{file}: not valid YAML ({err})") from None
    except (OSError, ValueError, TypeError, KeyError) as err:
        message = str(err)
        raise ModelError(
            message if message.startswith(str(file)) else f"{file}: {message}"
        ) from None


def load(path_or_id: str | Path | None = None, **kwargs: Any) -> Analyzer:
    """An :class:`Analyzer` for the bundled default model, a saved model folder, a training run
    folder or a Hub repository id. Keyword arguments go to :meth:`Analyzer.from_pretrained`."""
    return Analyzer.from_pretrained(path_or_id, **kwargs)
