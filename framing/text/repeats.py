"""Repeated lines of a scraped page: headlines repeated two or three times, and pull-quotes.

Both passes read the kept text of each line (a list of strings, in page order) and return the
indices of the lines to remove; :class:`framing.text.clean.Cleaner` calls them and records the
removals as ``"duplicate"`` and ``"pull_quote"``. The pull-quote pass stays linear in the text:
it looks for a line only where its first words stand in a longer line, never by scanning it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["duplicates", "normalise", "pull_quotes"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_MAX_CANDIDATES = 64
_WORD_RE = re.compile(r"\w+")
_ALNUM_RE = re.compile(r"[^\W_]+")  # a run of letters and digits (str.isalnum)


def duplicates(bodies: Sequence[str], min_chars: int) -> list[int]:
    """Indices of the lines that repeat an earlier line, compared in lower case and by their
    words only; lines shorter than ``min_chars`` (so compared) never count.

    Example:
        >>> duplicates(["Iran and Iraq sign a pact", "Text.", "IRAN AND IRAQ SIGN A PACT!"], 20)
        [2]
    """
    seen: set[str] = set()
    found = []
    for i, body in enumerate(bodies):
        norm = normalise(body)
        if len(norm) < min_chars:
            continue
        if norm in seen:
            found.append(i)
        seen.add(norm)
    return found


def pull_quotes(bodies: Sequence[str], removed: Sequence[bool], n: int) -> list[int]:
    """Indices of the lines repeated verbatim inside another, longer line that is not removed
    (the first line of the document, its headline, stays even when the lede repeats it).

    Candidates for line i are the lines holding i's rarest word n-gram, at most
    ``_MAX_CANDIDATES`` of them, and in each candidate line i is looked for only where its
    first n-gram of letter-and-digit runs stands (at most ``_MAX_CANDIDATES`` places), never
    by scanning the whole candidate, so that the work stays linear in the text. A line
    without any letter or digit is never a pull-quote.

    Args:
        bodies: the kept text of each line.
        removed: lines already removed: never a pull-quote, never the line that holds one (a
            line found to be a pull-quote counts as removed for the lines after it).
        n: the shortest pull-quote, in words (the n of the n-grams).
    """
    gone = list(removed)
    texts = [_normalise_verbatim(body) for body in bodies]
    words = [_WORD_RE.findall(t) for t in texts]  # n-gram keys ignore punctuation

    def keys(ws: list[str]) -> map[int]:  # one hash per word n-gram of a line
        return map(hash, zip(*(ws[k:] for k in range(n)), strict=False))

    index: dict[int, set[int]] = {}
    for i, ws in enumerate(words):
        if not gone[i]:
            for key in keys(ws):
                index.setdefault(key, set()).add(i)
    # (line, size) -> anchors, a per-call memo: the same line is looked in for many needles
    places: dict[tuple[int, int], dict[int, list[int]]] = {}
    found = []
    for i, ws in enumerate(words):
        if i == 0 or gone[i] or len(ws) < n:
            continue
        rarest = min(map(index.__getitem__, keys(ws)), key=len)
        anchor: tuple[int, int, int] | None = None
        for checked, j in enumerate(rarest):
            if checked >= _MAX_CANDIDATES:
                break
            if j == i or gone[j]:
                continue
            # strictly longer: an exact repeat is the duplicate rule's (min_duplicate_chars)
            if len(texts[j]) <= len(texts[i]):
                continue
            if anchor is None and (anchor := _anchor(texts[i], n)) is None:
                break  # no letter or digit
            size, key, offset = anchor
            if (j, size) not in places:
                places[j, size] = _anchors(texts[j], size)
            starts = places[j, size].get(key, ())
            if _contains_at(texts[j], texts[i], starts, offset):
                gone[i] = True
                found.append(i)
                break
    return found


def normalise(text: str) -> str:
    """Lower case, words only, single spaces: how repeated lines are compared.

    Example:
        >>> normalise("IRAN and Iraq -- sign a pact!")
        'iran and iraq sign a pact'
    """
    return " ".join(_WORD_RE.findall(text.lower()))


def _normalise_verbatim(text: str) -> str:
    """Lower case, one kind of quote, single spaces, no surrounding quotes: pull-quotes repeat
    the body verbatim, punctuation included."""
    text = text.lower().translate(_QUOTES)
    return " ".join(text.split()).strip(" \"'")


def _anchor(text: str, n: int) -> tuple[int, int, int] | None:
    """The first (up to) ``n`` runs of letters and digits of ``text``: their number, their hash
    and the offset of the first; None when ``text`` has none."""
    runs = []
    for m in _ALNUM_RE.finditer(text):
        runs.append(m)
        if len(runs) == n:
            break
    if not runs:
        return None
    return len(runs), hash(tuple(m.group() for m in runs)), runs[0].start()


def _anchors(text: str, size: int) -> dict[int, list[int]]:
    """Hash of every ``size`` consecutive runs of letters and digits of ``text`` -> the offsets
    where they start."""
    found = list(_ALNUM_RE.finditer(text))
    runs = [m.group() for m in found]
    places: dict[int, list[int]] = {}
    for k, key in enumerate(map(hash, zip(*(runs[k:] for k in range(size)), strict=False))):
        places.setdefault(key, []).append(found[k].start())
    return places


def _contains_at(haystack: str, needle: str, anchors: Sequence[int], offset: int) -> bool:
    """``needle`` stands in ``haystack`` as whole words (punctuation may follow or precede) at
    ``a - offset`` for one of the first ``_MAX_CANDIDATES`` of ``anchors``.

    Where ``needle`` stands as whole words, its runs of letters and digits are runs of
    ``haystack`` too (the characters around it are neither letters nor digits), so looking only
    where its first runs stand in ``haystack`` (:func:`_anchors`) finds every such place.
    """
    end = len(needle)
    for anchor in anchors[:_MAX_CANDIDATES]:
        start = anchor - offset
        if (
            start >= 0
            and haystack.startswith(needle, start)
            and (start == 0 or not haystack[start - 1].isalnum())
            and (start + end == len(haystack) or not haystack[start + end].isalnum())
        ):
            return True
    return False
