"""Records that point into a text by character offsets.

:class:`Span` is the base of the records the front end returns, each with its offsets first:
:class:`framing.text.segmenter.Sentence`, :class:`framing.text.clean.Removal` and
:class:`framing.actors.Mention`. It gives them one ``to_dict`` (plain data for JSON).

Imports nothing of framing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Span"]


@dataclass(frozen=True, slots=True)
class Span:
    """Offsets ``[start, end)`` into a text; subclasses add their fields after these two.

    Example:
        >>> @dataclass(frozen=True)
        ... class Word(Span):
        ...     text: str
        >>> Word(4, 8, "Iran").to_dict()
        {'start': 4, 'end': 8, 'text': 'Iran'}
    """

    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The fields by name, in the order they are declared."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
