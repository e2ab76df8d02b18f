"""Line-level rules of text layout shared by the cleaner (:mod:`framing.text.clean`) and the
segmenters (:mod:`framing.text.segmenter`, :mod:`framing.text.news`).

Defined once here: which characters break lines or print as nothing, what ends a sentence, what
marks a list item, and when a line that leaves a sentence open is continued by the next one
(a sentence broken by the page layout) rather than followed by a new one (a headline, a list
item, a truncated line).
"""

from __future__ import annotations

import re

__all__ = [
    "LINE_BREAKS",
    "LIST_MARKER",
    "TERMINAL",
    "ZERO_WIDTH",
    "continues",
    "ends_sentence",
    "is_blank",
    "leaves_open",
    "starts_lower",
]

# What str.splitlines() breaks on.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Characters that print as nothing; a sentence never starts or ends with one.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Characters that end a line without leaving a sentence open.
TERMINAL = frozenset(".!?:;…\"”’')]»")
# A list marker at the start of a line: "- ", "• ", "1. ", "2) ", "a) ".
LIST_MARKER = re.compile(r"[ \t]*(?:[-*•·▪◦‣–—]|\d{1,2}[.)]|[a-zA-Z][.)])[ \t]+")

# Words a sentence does not end on: a line ending with one was cut by the layout.
_OPEN_ENDINGS = frozenset(
    """
    a an the of to in on at by for from with into onto upon about over under between among
    through during after before since until as than and or but nor that which who whose whom
    whether if when while where its their his her our your my this these those is are was were
    be been being has have had will would can could should may might must not also both either
    neither such very more most
    """.split()
)
# Besides word characters, a word of _last_word holds apostrophes and hyphens.
_WORD_MARKS = "’'-"
_MARKS = re.compile(f"[{_WORD_MARKS}]+")
# Headlines drop articles and complementisers; running text keeps them.
_RUNNING_TEXT = re.compile(r"\b(?:the|a|an|that|which|who|whom|this|these|those)\b")


def is_blank(ch: str) -> bool:
    """Whitespace, or a zero-width character."""
    return ch.isspace() or ch in ZERO_WIDTH


def ends_sentence(text: str) -> bool:
    """``text`` (trailing blanks ignored) ends with sentence-final punctuation."""
    i = len(text) - 1
    while i >= 0 and is_blank(text[i]):
        i -= 1
    return i >= 0 and text[i] in TERMINAL


def starts_lower(text: str) -> bool:
    """The first letter of ``text``, after blanks, quotes and brackets, is lower case."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not (is_blank(ch) or ch in "\"'“‘(["):
            return False
    return False


def continues(before: str, after: str, *, joined: bool = False) -> bool:
    """True when line ``after`` continues a sentence that line ``before`` leaves open.

    ``before`` must not end a sentence and ``after`` must start in lower case and not with a list
    marker. And ``before`` must look like running text cut by the layout, not like a headline or
    a list item: it is long (over 60 characters), or has a comma or semicolon, or has four words
    or more with an article or complementiser ("the", "a", "that": headlines drop them), or ends
    on a word a sentence does not end on ("on", "of", ...), or was itself ``joined`` to the line
    before it. So "Key points" / "first item" and "Iraqi PM meets Larijani" / "al-Sudani welcomed
    ..." stay apart, while "... to follow through on" / "the practical implementation ..." join.
    """
    before = before.rstrip()
    if not before or ends_sentence(before) or not starts_lower(after):
        return False
    if LIST_MARKER.match(after):
        return False
    if joined or len(before) > 60 or "," in before or ";" in before:
        return True
    if len(before.split()) >= 4 and _RUNNING_TEXT.search(before):
        return True
    last = _last_word(before)
    return last is not None and last.lower() in _OPEN_ENDINGS


def leaves_open(before: str) -> bool:
    """True when line ``before`` stops where no sentence ends: on a comma, a hyphen or a dash,
    or on a word a sentence does not end on ("of", "the", "and", ...).

    A stronger sign than :func:`continues` asks for: a segmenter joins the lines across a blank
    line only then, as a paragraph break ends a sentence far more often than the layout cuts one.

    Example:
        >>> leaves_open("There is a will to follow through on"), leaves_open("Buy a new phone")
        (True, False)
    """
    before = before.rstrip()
    if before.endswith((",", "-", "–", "—")):
        return True
    if ends_sentence(before):
        return False
    last = _last_word(before)
    return last is not None and last.lower() in _OPEN_ENDINGS


def _is_word(ch: str) -> bool:
    """``ch`` matches ``\\w`` (the regex engine's word characters: alphanumerics and "_")."""
    return ch.isalnum() or ch == "_"


def _last_word(text: str) -> str | None:
    """The last word of ``text``: the run of word characters, apostrophes and hyphens around its
    last word character (``"on"`` in ``"... to follow through on --"``); without any word
    character, its first run of apostrophes and hyphens; None when it has neither.

    The same as ``re.search(r"([\\w’'-]+)\\W*$", text).group(1)``, found by scanning from the
    end: linear in the length of ``text`` (that search is quadratic on a long word).
    """
    end = len(text)
    while end and not _is_word(text[end - 1]):
        end -= 1
    if not end:
        marks = _MARKS.search(text)
        return marks.group() if marks is not None else None
    start = end - 1
    while start and (_is_word(text[start - 1]) or text[start - 1] in _WORD_MARKS):
        start -= 1
    while end < len(text) and text[end] in _WORD_MARKS:
        end += 1
    return text[start:end]
