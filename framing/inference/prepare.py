"""The text front end of the Analyzer: raw text to what the model scores.

Bytes are decoded (undecodable ones replaced, with a warning), text the model was not made for
is flagged (:func:`text_warnings`), the text is cleaned and split into sentences, and the
lexicon's mentions are found in each; every sentence and mention keeps its offsets into the raw
text. Cleaning and segmentation are those the model was trained with when its ``framing.json``
records them (:func:`recorded_front_end`), unless the user chooses others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framing.actors import ActorLexicon
from framing.models.errors import ModelError
from framing.text.clean import CleanConfig, CleanedText
from framing.text.formats import PDF, control_share, sniff_text
from framing.text.language import language_name, rank
from framing.text.segment import Segmenter, get_segmenter

__all__ = ["Prepared", "prepare", "recorded_front_end", "text_warnings"]

# A text is flagged as another language when the identifier is sure it is not English (English
# at most ENGLISH_AT_MOST) and has a likeliest other language (at least OTHER_AT_LEAST: a list of
# names is "not English" too, but spread thin over many languages). English news full of foreign
# names and quotes stays far from both: py3langid gives the corpus articles 0.999+ English.
ENGLISH_AT_MOST = 0.01
OTHER_AT_LEAST = 0.5
# Nigerian Pidgin is English-lexified: the model's first guess for some English text that is
# mostly names, never a reason to warn
_ENGLISH_LIKE = frozenset({"en", "pcm"})


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
    *,
    site_names: Sequence[str] = (),
) -> Prepared:
    """One document made ready for scoring.

    Args:
        text: the raw text, or UTF-8 bytes.
        lexicon: the actors to find.
        segmenter: splits the (clean) text into sentences.
        cleaner: a callable from raw text to :class:`~framing.text.clean.CleanedText`, or None
            to analyse the raw text as it is.
        site_names: the names the document's own site goes by
            (:func:`framing.text.site_names.site_names` of its outlet and URL), passed to the
            cleaner, which removes a line that is only one of them; none when empty.

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
    cleaned: CleanedText | None = None
    if cleaner is not None:
        cleaned = cleaner(text, site_names=site_names) if site_names else cleaner(text)
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
    """Warnings for text the model was not made for: the bytes of a file format (a PDF's
    syntax, say), binary data, or text in another language than English.

    The language is identified by :func:`framing.text.language.rank` (py3langid, loaded on the
    first call); only a sure verdict warns (English at most :data:`ENGLISH_AT_MOST`, another
    language at least :data:`OTHER_AT_LEAST`), and a text too short for one does not.

    Example:
        >>> text_warnings("Die Bundesregierung hat am Montag neue Sanktionen angekündigt.")
        ['the text looks like German (de, p=0.99), not English; the model was trained on English news']
    """  # noqa: E501
    if not text.strip():
        return []
    found = sniff_text(text)
    if found is not None:
        hint = " (`framing analyze FILE.pdf` reads a PDF's text)" if found == PDF else ""
        return [f"the input looks like {found}, not text: results are meaningless{hint}"]
    sample = text[:20_000]
    # undecodable bytes replaced count too
    if control_share(sample) + sample.count("\ufffd") / len(sample) > 0.05:
        return ["the input looks like binary data, not text: results are meaningless"]
    ranked = rank(text)
    english = sum(p for code, p in ranked if code in _ENGLISH_LIKE)
    code, probability = ranked[0] if ranked else ("en", 1.0)
    if code not in _ENGLISH_LIKE and probability >= OTHER_AT_LEAST and english <= ENGLISH_AT_MOST:
        return [
            f"the text looks like {language_name(code)} ({code}, p={probability:.2f}), not "
            "English; the model was trained on English news"
        ]
    return []
