"""Third-party segmenters behind the same interface: pySBD, blingfire, syntok, spaCy.

Each is an optional import; a missing one is reported with the extra that installs it.
"""

from __future__ import annotations

from collections.abc import Iterable

from framing.text.segmenter import Segmenter

__all__ = ["BlingfireSegmenter", "PysbdSegmenter", "SpacySegmenter", "SyntokSegmenter", "align"]


def align(text: str, pieces: Iterable[str]) -> list[int]:
    """Start offsets in ``text`` of ``pieces``, sentences a library returned as strings.

    Libraries may drop or change whitespace; each piece is looked up just after the previous
    one, by its first non-space characters, in a window a little longer than the piece, so a piece
    that cannot be found is skipped (not misplaced, and not searched for in the whole text).
    """
    starts, cursor = [], 0
    for piece in pieces:
        stripped = piece.strip()
        head = stripped[:20]
        if not head:
            continue
        found = text.find(head, cursor, cursor + 2 * len(piece) + 200)
        if found < 0:
            continue
        starts.append(found)
        # skip the whole piece when it stands there verbatim, else at least its head
        cursor = found + (len(stripped) if text.startswith(stripped, found) else len(head))
    return starts


class PysbdSegmenter(Segmenter):
    """pySBD, the rule-based "Golden Rules" segmenter (``pip install 'framing[pysbd]'``)."""

    name = "pysbd"

    def __init__(self) -> None:
        import pysbd

        self._segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)

    def starts(self, text: str) -> Iterable[int]:
        return align(text, self._segmenter.segment(text))


class BlingfireSegmenter(Segmenter):
    """Microsoft's blingfire (``pip install 'framing[blingfire]'``)."""

    name = "blingfire"

    def starts(self, text: str) -> Iterable[int]:
        import blingfire

        if not text.strip():
            return []
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [start for start, _ in offsets]


class SyntokSegmenter(Segmenter):
    """syntok's segmenter (``pip install 'framing[syntok]'``)."""

    name = "syntok"

    def starts(self, text: str) -> Iterable[int]:
        from syntok import segmenter

        starts = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                if sentence:
                    starts.append(sentence[0].offset)
        return starts


class SpacySegmenter(Segmenter):
    """spaCy's rule-based sentencizer on a blank English pipeline.

    Needs ``pip install 'framing[spacy]'``; no spaCy model is downloaded.
    """

    name = "spacy"

    def __init__(self) -> None:
        import spacy

        self._nlp = spacy.blank("en")
        self._nlp.add_pipe("sentencizer")

    def starts(self, text: str) -> Iterable[int]:
        self._nlp.max_length = max(self._nlp.max_length, len(text) + 1)
        return [sent.start_char for sent in self._nlp(text).sents]


# the segmenters of this module, registered by framing.text.segment: (name, factory, options)
SEGMENTERS = [
    (
        "pysbd",
        PysbdSegmenter,
        {"requires": ("pysbd",), "extra": "pysbd", "description": "pySBD rule-based segmenter"},
    ),
    (
        "blingfire",
        BlingfireSegmenter,
        {"requires": ("blingfire",), "extra": "blingfire", "description": "Microsoft blingfire"},
    ),
    (
        "syntok",
        SyntokSegmenter,
        {"requires": ("syntok",), "extra": "syntok", "description": "syntok segmenter"},
    ),
    (
        "spacy",
        SpacySegmenter,
        {
            "requires": ("spacy",),
            "extra": "spacy",
            "description": "spaCy blank English pipeline with the rule-based sentencizer",
        },
    ),
]
