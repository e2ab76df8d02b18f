"""The text front end of the Analyzer: raw text to what the model scores.

Bytes are decoded (undecodable ones replaced, with a warning), text the model was not made for
is flagged (:func:`text_warnings`), the text is cleaned and split into sentences, and the
lexicon's mentions are found in each; every sentence and mention keeps its offsets into the raw
text. Cleaning and segmentation are those the model was trained with when its ``framing.json``
records them (:func:`recorded_front_end`), unless the user chooses others.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from framing.actors import ActorLexicon
from framing.models.errors import ModelError
from framing.text.clean import CleanConfig, CleanedText
from framing.text.segment import Segmenter, get_segmenter

__all__ = ["Prepared", "prepare", "recorded_front_end", "text_warnings"]

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
class Prepared:
    """A document after cleaning, segmentation and mention finding, before scoring."""

    raw: str
    sentences: list[tuple[int, int, str]]  # raw start, raw end, clean text
    mentions: list[list[dict[str, Any]]]  # per sentence: clean-sentence offsets, raw offsets
    removed: list[dict[str, Any]]
    warnings: list[str]


def recorded_front_end(
    preprocessing: Mapping[str, Any] | None,
    where: str,
    *,
    segmenter: str | Segmenter | None,
    clean: bool = True,
    clean_config: CleanConfig | None = None,
) -> tuple[Segmenter, CleanConfig | None]:
    """The segmenter and cleaning rules to use: those given, else those the model recorded
    (``framing.json``'s ``preprocessing``), else the default segmenter and the built-in rules.

    Args:
        preprocessing: the model's record, ``{"segmenter": name, "cleaning": mapping or None}``,
            or None (a model saved before it was recorded).
        where: the file the record comes from, for errors.
        segmenter: the user's choice (a name or an instance), or None.
        clean: whether the text is cleaned at all (without, no cleaning rules are read).
        clean_config: the user's cleaning rules, or None.

    Raises:
        ModelError: the recorded segmenter is unknown or its library missing, or the recorded
            cleaning is not a valid :meth:`CleanConfig.from_dict` mapping (naming ``where``, the
            key and the value).
        ValueError: a segmenter name given by the user is unknown.
    """
    if preprocessing is not None and not isinstance(preprocessing, Mapping):
        raise ModelError(f"{where}: 'preprocessing' must be an object, got {preprocessing!r}")
    recorded = preprocessing or {}
    if segmenter is None and recorded.get("segmenter") is not None:
        try:
            segmenter = get_segmenter(recorded["segmenter"])
        except (ValueError, ImportError) as err:
            raise ModelError(f"{where}: preprocessing.segmenter: {err}") from None
    if clean and clean_config is None and recorded.get("cleaning") is not None:
        try:
            clean_config = CleanConfig.from_dict(
                recorded["cleaning"], source=f"{where}: preprocessing.cleaning"
            )
        except (ValueError, TypeError) as err:
            raise ModelError(str(err)) from None
    if not isinstance(segmenter, Segmenter):
        segmenter = get_segmenter("default" if segmenter is None else segmenter)
    return segmenter, clean_config


def prepare(
    text: str | bytes,
    lexicon: ActorLexicon,
    segmenter: Segmenter,
    cleaner: Any | None,
) -> Prepared:
    """One document made ready for scoring.

    Args:
        text: the raw text, or UTF-8 bytes.
        lexicon: the actors to find.
        segmenter: splits the (clean) text into sentences.
        cleaner: a callable from raw text to :class:`~framing.text.clean.CleanedText`, or None
            to analyse the raw text as it is.

    Raises:
        TypeError: ``text`` is neither a string nor bytes.
    """
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
        return Prepared(text, [], [], [], notes)
    cleaned: CleanedText | None = cleaner(text) if cleaner is not None else None
    if cleaned is not None:
        body = cleaned.text
        removed = [r.to_dict() for r in cleaned.removals]
        for r in removed:
            r["text"] = text[r["start"] : r["end"]]
        to_raw = cleaned.to_raw
    else:
        body, removed = text, []

        def to_raw(a: int, b: int) -> tuple[int, int]:
            return a, b

    sentences, mentions = [], []
    for a, b in segmenter.spans(body):
        start, end = to_raw(a, b)
        sentences.append((start, end, body[a:b]))
        found = []
        for m in lexicon.find(body, a, b):
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
    return Prepared(text, sentences, mentions, removed, notes)


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
