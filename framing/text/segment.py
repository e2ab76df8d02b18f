"""Sentences with exact offsets, and the segmenters that find them, chosen by name.

One interface, several implementations::

    framing.segment(text, segmenter="default")   # the project's news segmenter
    framing.segment(text, segmenter="punkt")     # NLTK Punkt with parameters trained in-domain
    framing.segment(text, segmenter="pysbd")     # pySBD, blingfire, syntok, spacy: optional extras

Every segmenter returns the start offsets of its sentences; spans are then built the same way for
all of them (:func:`framing.text.segmenter.spans_from_starts`), so that spans are sorted, never
overlap, and cover every non-space character.

This module holds :func:`segment` and the registry of segmenters (a
:class:`framing.registry.Registry`): :func:`register_segmenter`, :func:`get_segmenter` and
:func:`available_segmenters`. The built-in ones are registered on first use, from the
``SEGMENTERS`` list of :mod:`framing.text.news`, :mod:`framing.text.punkt` and
:mod:`framing.text.external`.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.registry import Registry
from framing.text.layout import is_blank
from framing.text.segmenter import Segmenter, Sentence, spans_from_starts

if TYPE_CHECKING:
    from framing.text.clean import CleanConfig

__all__ = [
    "Segmenter",
    "Sentence",
    "available_segmenters",
    "get_segmenter",
    "is_blank",
    "register_segmenter",
    "segment",
    "spans_from_starts",
]


# eq=False: an entry is itself, hashed by identity, so that it keys the cache of built
# segmenters (_build) whatever its factory is
@dataclass(frozen=True, eq=False)
class _Entry:
    factory: Callable[[], Segmenter]
    requires: tuple[str, ...] = ()
    extra: str | None = None
    description: str = ""


_SEGMENTERS: Registry[_Entry] = Registry("segmenter")


def register_segmenter(
    name: str,
    factory: Callable[[], Segmenter],
    *,
    requires: tuple[str, ...] = (),
    extra: str | None = None,
    description: str = "",
) -> None:
    """Make a segmenter available by name (replacing any segmenter of that name).

    Args:
        name: the name users pass to :func:`segment`.
        factory: builds the segmenter (called once, on first use).
        requires: importable modules it needs; missing ones make it unavailable.
        extra: the ``pip install framing[extra]`` that provides them.
        description: one line for listings.

    Raises:
        ValueError: an empty name.
    """
    _load_builtins()
    _SEGMENTERS.register(name, _Entry(factory, tuple(requires), extra, description))


def _missing(entry: _Entry) -> list[str]:
    return [module for module in entry.requires if importlib.util.find_spec(module) is None]


def available_segmenters(*, installed_only: bool = True) -> dict[str, str]:
    """Segmenters by name, with a one-line description.

    Args:
        installed_only: leave out those whose optional dependencies are not installed.

    Example:
        >>> "default" in available_segmenters()
        True
    """
    _load_builtins()
    entries = {name: _SEGMENTERS.get(name) for name in _SEGMENTERS}
    return {
        name: entry.description
        for name, entry in entries.items()
        if not installed_only or not _missing(entry)
    }


def get_segmenter(name: str) -> Segmenter:
    """The segmenter registered under ``name`` (built once and reused).

    Raises:
        ValueError: no segmenter has that name.
        ImportError: its optional dependency is missing; the message names the extra to install.
    """
    _load_builtins()
    if name not in _SEGMENTERS:
        known = ", ".join(sorted(_SEGMENTERS))
        raise ValueError(f"unknown segmenter {name!r}; available: {known}")
    entry = _SEGMENTERS.get(name)
    missing = _missing(entry)
    if missing:
        hint = f"pip install 'framing[{entry.extra}]'" if entry.extra else "install it"
        raise ImportError(
            f"segmenter {name!r} needs {', '.join(missing)}, which is not installed: {hint}"
        )
    return _build(entry)


@functools.cache
def _build(entry: _Entry) -> Segmenter:
    """The segmenter of ``entry``, built on first use. Keyed by the entry, not the name, so that
    registering a name again builds its new segmenter and the others stay as they are."""
    return entry.factory()


def segment(
    text: str,
    *,
    segmenter: str | Segmenter = "default",
    clean: bool = True,
    clean_config: CleanConfig | None = None,
) -> list[Sentence]:
    """Split text into sentences with offsets into ``text``.

    Args:
        text: the text, raw scraped article text or anything else.
        segmenter: a registered name (see :func:`available_segmenters`) or a
            :class:`Segmenter` instance.
        clean: remove site chrome, citations, captions, repeats and join sentences broken by
            layout first (:mod:`framing.text.clean`); offsets still point into ``text``.
        clean_config: cleaning rules, when ``clean`` is true.

    Returns:
        Sentences in text order; ``[]`` for empty or whitespace-only text.

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``clean_config`` is given with ``clean=False``.

    Example:
        >>> [s.text for s in segment("Gen. Smith arrived in the U.S. on Monday. He left.")]
        ['Gen. Smith arrived in the U.S. on Monday.', 'He left.']
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() expects str, got {type(text).__name__}")
    if clean_config is not None and not clean:
        raise ValueError("clean_config is given but clean=False: the config would be ignored")
    seg = segmenter if isinstance(segmenter, Segmenter) else get_segmenter(segmenter)
    if not clean:
        return [Sentence(a, b, text[a:b]) for a, b in seg.spans(text)]
    from framing.text.clean import clean as clean_text

    cleaned = clean_text(text, clean_config)
    clean_str = cleaned.text
    sentences = []
    for a, b in seg.spans(clean_str):
        start, end = cleaned.to_raw(a, b)
        sentences.append(Sentence(start, end, clean_str[a:b]))
    return sentences


@functools.cache
def _load_builtins() -> None:
    """Register the built-in segmenters, once, on first use of the registry: their modules are
    imported only then (each lists its own in ``SEGMENTERS``, so none imports this module)."""
    from framing.text.external import SEGMENTERS as EXTERNAL
    from framing.text.news import SEGMENTERS as NEWS
    from framing.text.punkt import SEGMENTERS as PUNKT

    for name, factory, options in (*NEWS, *PUNKT, *EXTERNAL):
        _SEGMENTERS.register(name, _Entry(factory, **options))
