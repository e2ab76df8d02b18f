"""The Sentence record and the Segmenter interface every segmenter implements.

A segmenter finds where sentences start; :meth:`Segmenter.spans` turns the starts into spans the
same way for all of them (:func:`spans_from_starts`). Implementations import only this module;
:mod:`framing.text.segment` registers them by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from framing.records import Span
from framing.text.layout import ZERO_WIDTH

__all__ = ["Segmenter", "Sentence", "spans_from_starts"]


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """A sentence of the text the caller passed; ``to_dict`` gives start, end and text.

    Attributes:
        start: offset of its first character in the caller's text.
        end: offset after its last character in the caller's text.
        text: the sentence. Without cleaning it is ``text[start:end]``; with cleaning it is the
            clean version of that span (noise removed, a sentence broken by layout joined by one
            space).
    """

    text: str


class Segmenter:
    """Base class: finds sentence starts in a text.

    Subclasses implement :meth:`starts`; :meth:`spans` turns them into spans the same way for all.
    """

    name: str = ""

    def starts(self, text: str) -> Iterable[int]:
        """Offsets at which sentences start (any order; duplicates allowed)."""
        raise NotImplementedError

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Sorted, non-overlapping ``(start, end)`` spans covering every non-space character."""
        return spans_from_starts(text, self.starts(text))


def spans_from_starts(text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """Cut ``text`` at ``starts`` and trim blanks (:func:`is_blank`) from both ends of every piece.

    The first piece starts at the first non-blank character, so no text is ever lost.
    """
    n = len(text)
    cuts = sorted({s for s in starts if 0 < s < n})
    spans = []
    begin = 0
    for cut in [*cuts, n]:
        a, b = begin, cut
        while a < b and (text[a].isspace() or text[a] in ZERO_WIDTH):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ZERO_WIDTH):
            b -= 1
        if a < b:
            spans.append((a, b))
        begin = cut
    return spans
