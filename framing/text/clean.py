"""Turn raw scraped article text into clean text, keeping an exact map back to the raw offsets.

Scraped news pages carry site chrome ("Skip to content", "Read also:", comment-moderation
blocks), citation markers ("[1][3]", "(IRNA English +12)"), photo captions and credits,
headlines repeated two or three times, pull-quotes that repeat the body, list bullets, and
sentences broken across blank lines by the page layout. :func:`clean` removes the noise, joins
the broken sentences and records every removal as a :class:`Removal` (raw span and kind), so that
a user can audit what was dropped.

Every character of :attr:`CleanedText.text` is either the raw character at
``CleanedText.offsets[i]`` or a whitespace character standing for raw whitespace there (tabs and
non-breaking spaces become spaces, the gap of a joined sentence becomes one space).

This module holds the :class:`Cleaner`, its passes over the lines and the result with its
offset map. The rules, and :class:`CleanConfig` that YAML files extend, are data in
:mod:`framing.text.rules` (``CleanConfig`` is importable from here too); repeated lines and
pull-quotes are found by :mod:`framing.text.repeats`. Every pass runs in time linear in its
input: the caption and pull-quote passes take a fixed number of passes over the lines.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from framing.records import Span
from framing.text.layout import LINE_BREAKS, ZERO_WIDTH, continues, ends_sentence, starts_lower
from framing.text.repeats import duplicates, normalise, pull_quotes
from framing.text.rules import (
    ENUMERATION,
    LETTER_MARKER,
    NAME_LINE,
    PARTY_TITLE,
    RELATED_HEADING,
    TEASER_END,
    CleanConfig,
    alternation,
)
from framing.text.site_names import name_key, name_keys

__all__ = ["CleanConfig", "CleanedText", "Cleaner", "Removal", "clean"]

# What str.splitlines() breaks on, as one character class.
_BREAKS = "".join(sorted(LINE_BREAKS))
_LINE_RE = re.compile(rf"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}]|$)")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+[A-Z\"“]")
_SEPARATOR = re.compile(r"[-*_=~#.•·—–|/\\+<>^ ]+")  # a separator line: "***", "---", "• • •"
_WORD_RE = re.compile(r"\w+")
# where a sentence of a line ends: final punctuation, closing quotes, then space before a capital
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*(?=[ \t]+[\"“‘(\[]?[A-Z])")
# a line that closes a sentence (a caption repeated on the next line ends like one)
_CLOSED = re.compile(r"[.!?)][\"”’']?$")
_BYLINE_KINDS = ("byline", "metadata")
_NAME_SEPARATORS = (" | ", " - ", " – ", " — ")  # "Headline | Site", "Headline - Site"
_MAX_SITE_NAME_CHARS = 80  # longer lines and runs are never only a site's name
_WHITESPACE_TABLE = {ord(c): " " for c in "\t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004"}
_WHITESPACE_TABLE.update({ord(c): " " for c in "\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"})
_WHITESPACE_TABLE.update({ord("\u3000"): " "})


@dataclass(frozen=True)
class Removal(Span):
    """A span ``[start, end)`` of the raw text that cleaning dropped, its kind (one of
    :attr:`CleanConfig.KINDS`) and the text dropped; ``to_dict`` gives the four fields."""

    kind: str
    text: str


@dataclass
class CleanedText:
    """Clean text with the raw offset of every character and the list of removals."""

    raw: str
    text: str
    offsets: array
    removals: list[Removal]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span ``[a, b)`` covering the clean span ``[start, end)`` (``start < end``)."""
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"clean span ({start}, {end}) outside 0..{len(self.text)}")
        return self.offsets[start], self.offsets[end - 1] + 1

    def removals_within(self, start: int, end: int) -> list[Removal]:
        """Removals lying inside the raw span ``[start, end)``."""
        return [r for r in self.removals if r.start >= start and r.end <= end]


@dataclass
class _Line:
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    kind: str | None = None  # removal kind of the whole line, None when kept
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # inline removals (raw)
    body: str = ""  # the kept text, for the rules that look at content
    listed: bool = False  # a list item (its marker was cut): never joined to the line before


class Cleaner:
    """Compiled cleaning rules; call it on raw text.

    Args:
        config: the rules (:class:`framing.text.rules.CleanConfig`); the built-in ones when None.

    Example:
        >>> cleaner = Cleaner()
        >>> cleaned = cleaner("Skip to content\\n\\nIran and Iraq signed a pact [1][2].")
        >>> cleaned.text
        'Iran and Iraq signed a pact.'
        >>> [(r.kind, r.text) for r in cleaned.removals]
        [('chrome', 'Skip to content'), ('citation', ' [1][2]')]
    """

    def __init__(self, config: CleanConfig | None = None) -> None:
        self.config = config = config or CleanConfig()
        off = set(config.disabled)
        self._line_rules = [
            (kind, rx)
            for kind, regexes in config.line_patterns.items()
            if kind not in off and (rx := alternation(regexes)) is not None
        ]
        self._inline_rules = [
            (kind, rx)
            for kind, regexes in config.inline_patterns.items()
            if kind not in off and (rx := alternation(regexes)) is not None
        ]
        self._caption = None if "caption" in off else alternation(config.caption_markers)
        self._comment_start = None if "comments" in off else re.compile(config.comment_start)
        self._comment_body = re.compile(config.comment_body)
        self._bullet = None if "bullet" in off else re.compile(config.bullet)
        self._quote = None if "quote_marker" in off else re.compile(config.quote_marker)
        self._credit_inline = (
            None if "credit" in off else alternation(config.inline_patterns.get("credit", []))
        )
        self._letter_marker = re.compile(LETTER_MARKER)
        self._party = re.compile(PARTY_TITLE)
        self._enumeration = re.compile(ENUMERATION)
        self._sentence_rules = [
            (kind, rx) for kind, rx in self._line_rules if kind in config.sentence_kinds
        ]
        self._related_heading = None if "related" in off else re.compile(RELATED_HEADING)
        self._name_line = None if "byline" in off else re.compile(NAME_LINE)
        self._teaser_end = re.compile(TEASER_END)
        self._off = off

    def __call__(self, raw: str, *, site_names: Sequence[str] = ()) -> CleanedText:
        """Clean ``raw``; a line that is only one of ``site_names`` (the names the page's own
        site goes by, :func:`framing.text.site_names.site_names`) is removed as ``site_name``."""
        if not isinstance(raw, str):
            raise TypeError(f"clean() expects str, got {type(raw).__name__}")
        if isinstance(site_names, str):
            site_names = (site_names,)
        keys = name_keys(site_names) if "site_name" not in self._off else frozenset()
        lines = self._split(raw)
        self._classify(raw, lines, keys)
        self._find_captions(raw, lines)
        self._cut_inline(raw, lines, keys)
        self._find_context(raw, lines)
        if self.config.deduplicate:
            self._deduplicate(raw, lines)
        return self._assemble(raw, lines)

    # -- steps --------------------------------------------------------------------------------
    @staticmethod
    def _split(raw: str) -> list[_Line]:
        lines = []
        for match in _LINE_RE.finditer(raw):
            a, b = match.start(), match.end()
            if a == b:
                break
            while b > a and raw[b - 1] in LINE_BREAKS:
                b -= 1
            while a < b and (raw[a].isspace() or raw[a] in ZERO_WIDTH):
                a += 1
            while b > a and (raw[b - 1].isspace() or raw[b - 1] in ZERO_WIDTH):
                b -= 1
            if a < b:
                lines.append(_Line(a, b))
        return lines

    def _classify(self, raw: str, lines: list[_Line], keys: frozenset[str] = frozenset()) -> None:
        in_comments = False
        for line in lines:
            text = raw[line.start : line.end]
            if in_comments and self._comment_body.search(text):
                line.kind = "comments"
                continue
            in_comments = False
            if self._comment_start is not None and self._comment_start.fullmatch(text):
                line.kind, in_comments = "comments", True
                continue
            bare = text.strip(" :»›>|·•-–—")
            for kind, rule in self._line_rules:
                if rule.fullmatch(text) or (bare and bare != text and rule.fullmatch(bare)):
                    line.kind = kind
                    break
            else:
                if keys and len(text) <= _MAX_SITE_NAME_CHARS and name_key(text) in keys:
                    line.kind = "site_name"

    def _find_captions(self, raw: str, lines: list[_Line]) -> None:
        """Mark photo captions. A line not otherwise removed is a caption when

        1. it has a position marker, or is a short sentence closed by a photo credit
           (:meth:`_marks_caption`);
        2. it is a fragment (at most ``max_caption_fragment_chars`` long, without final
           punctuation) right after a credit line, and does not start in lower case;
        3. it continues (:func:`~framing.text.layout.continues`) the caption line right before it;
        4. it is a fragment right before a credit line, and the text does not go on on the
           other side: the first line after the credit lines and captions that follow it does
           not continue it (else it is a sentence broken by the layout around the photo).

        Rules 1 to 3 look back only, so one forward pass decides them. Rule 4 looks at the lines
        after the credit, whose own status never depends on the line before the credit (a credit
        line ends every chain of rule 3), so one backward pass then decides it with their final
        status. Two passes, each linear in the number of lines.
        """
        if self._caption is None:
            return
        limit = self.config.max_caption_fragment_chars

        def fragment(text: str) -> bool:
            return len(text) <= limit and not ends_sentence(text)

        prev: _Line | None = None
        for line in lines:
            if line.kind is None:
                text = raw[line.start : line.end]
                if (
                    self._marks_caption(text)
                    or (
                        prev is not None
                        and prev.kind == "credit"
                        and not starts_lower(text)
                        and fragment(text)
                    )
                    or (
                        prev is not None
                        and prev.kind == "caption"
                        and continues(raw[prev.start : prev.end], text)
                    )
                ):
                    line.kind = "caption"
            prev = line
        # the first line after ``i`` that is neither a credit nor a caption, and its text (read
        # once, however many fragments before credits look at it)
        after, after_text = len(lines), ""
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            if line.kind is None and i + 1 < len(lines) and lines[i + 1].kind == "credit":
                text = raw[line.start : line.end]
                if fragment(text):
                    if after < len(lines) and not after_text:
                        after_text = raw[lines[after].start : lines[after].end]
                    if not (after < len(lines) and continues(text, after_text)):
                        line.kind = "caption"
            if line.kind not in ("credit", "caption"):
                after, after_text = i, ""

    def _marks_caption(self, text: str) -> bool:
        """A position marker, or a short one-sentence line closed by a photo credit."""
        if self._caption is not None and self._caption.search(text):
            return True
        enumeration = self._enumeration.search(text) is not None
        for m in self._letter_marker.finditer(text):
            letter = m.group(1)
            if letter == "c" and enumeration:
                continue
            if letter in "Rr" and self._party.search(text, max(0, m.start() - 40), m.start()):
                continue
            return True
        if self._credit_inline is not None and (credit := self._credit_inline.search(text)):
            before = text[: credit.start()]
            return len(before) <= 250 and not _SENTENCE_BREAK.search(before)
        return False

    def _cut_inline(self, raw: str, lines: list[_Line], keys: frozenset[str] = frozenset()) -> None:
        for line in lines:
            if line.kind is not None:
                continue
            a, b = line.start, line.end
            text = raw[a:b]
            cuts: list[tuple[int, int, str]] = []
            if self._quote is not None and (m := self._quote.match(text)):
                cuts.append((a, a + m.end(), "quote_marker"))
            if self._bullet is not None:
                rest = m.end() if cuts else 0
                if bullet := self._bullet.match(text, rest):
                    cuts.append((a + bullet.start(), a + bullet.end(), "bullet"))
            for kind, rule in self._inline_rules:
                for m in rule.finditer(text):
                    if m.end() > m.start():
                        cuts.append((a + m.start(), a + m.end(), kind))
            if keys:
                cuts += _site_name_cuts(text, a, keys)
            cuts = _merge(cuts)
            if self._sentence_rules:
                cuts = _merge(cuts + self._sentence_cuts(text, a, cuts))
            line.cuts = cuts
            line.body = _kept_text(raw, a, b, cuts)
            line.listed = any(kind == "bullet" for _, _, kind in cuts)
            # what is left once the cuts are made is noise too: "date 2025-09-03 COMMENTARY",
            # "- Policy Analysis"
            if cuts and (kind := self._line_kind(line.body.strip())) is not None:
                line.kind, line.cuts = kind, []
                continue
            # nothing left but marks: the line was all citations, credits, ... or it is a
            # separator ("***"); a line of emoji is content and stays
            if not _WORD_RE.search(line.body) and (cuts or _SEPARATOR.fullmatch(text)):
                line.kind = cuts[-1][2] if cuts else "chrome"
                line.cuts = []

    def _line_kind(self, text: str) -> str | None:
        """The kind of the first whole-line rule that ``text`` fully matches, else None."""
        for kind, rule in self._line_rules:
            if rule.fullmatch(text):
                return kind
        return None

    def _sentence_cuts(
        self, text: str, a: int, cuts: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Sentences of a line (at least three words, outside the cuts made) that fully match a
        whole-line rule of the sentence kinds, with the spaces before them; ``a`` is the line's
        raw offset. Each sentence is matched once: linear in the line."""
        found = []
        start = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        if not ends:
            return found  # one sentence: the whole-line rules had it
        for end in [*ends, len(text)]:
            piece = text[start:end]
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            s, e = a + start + lead, a + start + lead + len(body)
            if len(body.split()) >= 3 and not any(ca < e and s < cb for ca, cb, _ in cuts):
                for kind, rule in self._sentence_rules:
                    if rule.fullmatch(body):
                        found.append((a + start, e, kind))
                        break
            start = end
        return found

    def _find_context(self, raw: str, lines: list[_Line]) -> None:
        """Noise that only its neighbours give away, in one forward pass:

        - a name alone on a line right after a byline ("by" / "Mona Yacoubian"), or between two
          byline or metadata lines ("By MAX BOOT" / "Washington Post" / "July 3, 2025");
        - the short unterminated lines right after a related heading ("Also in Opinions"): other
          articles' headlines;
        - two or more teasers in a row (headlines cut short by an ellipsis);
        - a caption repeated on the next line (the page's alt text and its caption): the first
          copy is a caption, the second a duplicate.
        """
        limit = self.config.max_related_headline_chars
        in_related = False
        for i, line in enumerate(lines):
            prev = lines[i - 1] if i else None
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if line.kind is not None:
                heading = self._related_heading is not None and (
                    self._related_heading.fullmatch(raw[line.start : line.end]) is not None
                )
                in_related = line.kind == "related" and (heading or in_related)
                continue
            body = line.body.strip()
            if in_related and len(body) <= limit and not ends_sentence(body):
                line.kind = "related"
                continue
            in_related = False
            if (
                self._name_line is not None
                and prev is not None
                and prev.kind in _BYLINE_KINDS
                and (prev.kind == "byline" or (nxt is not None and nxt.kind in _BYLINE_KINDS))
                and self._name_line.fullmatch(body)
            ):
                line.kind = "byline"
                continue
            if "related" not in self._off and self._teaser(body):
                nxt_body = nxt.body.strip() if nxt is not None and nxt.kind is None else ""
                if (prev is not None and prev.kind == "related" and prev.body) or self._teaser(
                    nxt_body
                ):
                    line.kind = "related"
                    continue
            if (
                "caption" not in self._off
                and nxt is not None
                and nxt.kind is None
                and _CLOSED.search(body)
                and normalise(body) == normalise(nxt.body)
            ):
                line.kind = "caption"

    def _teaser(self, body: str) -> bool:
        """A headline cut short by the page: short, ending in an ellipsis after a word."""
        return (
            0 < len(body) <= self.config.max_related_headline_chars
            and self._teaser_end.search(body) is not None
        )

    def _deduplicate(self, raw: str, lines: list[_Line]) -> None:
        kept = [ln for ln in lines if ln.kind is None]
        bodies = [ln.body for ln in kept]
        if "duplicate" not in self._off:
            for i in duplicates(bodies, self.config.min_duplicate_chars):
                kept[i].kind = "duplicate"
        if "pull_quote" not in self._off:
            removed = [ln.kind is not None for ln in kept]
            for i in pull_quotes(bodies, removed, self.config.min_pull_quote_words):
                kept[i].kind = "pull_quote"
        if "duplicate" not in self._off:
            self._repeated_sentences(raw, lines)

    def _repeated_sentences(self, raw: str, lines: list[_Line]) -> None:
        """Cut the sentences (of at least ``min_duplicate_sentence_words`` words) that repeat an
        earlier sentence of the kept lines, compared by :func:`~framing.text.repeats.normalise`
        on their kept text: a paragraph printed twice, a standfirst repeated in the body. The
        first copy stays. Sentences are those of :meth:`_sentence_cuts`; a set of the
        normalised sentences seen keeps it linear in the text."""
        min_words = self.config.min_duplicate_sentence_words
        seen: set[str] = set()
        for line in lines:
            if line.kind is not None:
                continue
            a, text, cuts = line.start, raw[line.start : line.end], line.cuts
            found: list[tuple[int, int, str]] = []
            start, k = 0, 0  # k: the first cut that may overlap the sentence
            for end in [*(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]:
                s, e = a + start, a + end
                while k < len(cuts) and cuts[k][1] <= s:
                    k += 1
                inside = []  # the cuts overlapping this sentence, clipped to it
                for j in range(k, len(cuts)):
                    if cuts[j][0] >= e:
                        break
                    inside.append((max(cuts[j][0], s), min(cuts[j][1], e), cuts[j][2]))
                norm = normalise(_kept_text(raw, s, e, inside))
                if norm.count(" ") + 1 >= min_words:
                    if norm in seen:
                        if start == 0:  # the line's first sentence: cut the spaces after it
                            while a + end < line.end and raw[a + end] in " \t":
                                end += 1
                        found.append((s, a + end, "duplicate"))
                    seen.add(norm)
                start = end
            if found:
                line.cuts = _merge(cuts + found)
                line.body = _kept_text(raw, a, line.end, line.cuts)
                if not _WORD_RE.search(line.body):
                    line.kind, line.cuts = "duplicate", []

    def _assemble(self, raw: str, lines: list[_Line]) -> CleanedText:
        pieces: list[str] = []
        offsets = array("q")
        removals: list[Removal] = []
        prev: _Line | None = None
        prev_joined = False
        for line in lines:
            if line.kind is not None:
                removals.append(
                    Removal(line.start, line.end, line.kind, raw[line.start : line.end])
                )
                continue
            if prev is not None:
                gap_newlines = [
                    k for k in range(prev.end, line.start) if raw[k] in LINE_BREAKS
                ] or [prev.end]
                if (
                    self.config.join_broken_sentences
                    and not line.listed
                    and continues(prev.body, line.body, joined=prev_joined)
                ):
                    prev_joined = True
                    pieces.append(" ")
                    offsets.append(gap_newlines[0])
                else:
                    prev_joined = False
                    # a line break counts once: "\r\n" by its "\n", a lone "\r" by itself
                    newline_positions = [
                        k for k in gap_newlines if raw[k] != "\r" or raw[k + 1 : k + 2] != "\n"
                    ]
                    sep = "\n\n" if len(newline_positions) > 1 else "\n"
                    pieces.append(sep)
                    offsets.extend((newline_positions + gap_newlines)[: len(sep)])
            cursor = line.start
            for a, b, kind in line.cuts:
                if a > cursor:
                    pieces.append(raw[cursor:a])
                    offsets.extend(range(cursor, a))
                removals.append(Removal(a, b, kind, raw[a:b]))
                cursor = b
            if line.end > cursor:
                pieces.append(raw[cursor : line.end])
                offsets.extend(range(cursor, line.end))
            prev = line
        removals.sort(key=lambda r: (r.start, r.end))
        text = "".join(pieces).translate(_WHITESPACE_TABLE)
        return CleanedText(raw=raw, text=text, offsets=offsets, removals=removals)


def _merge(cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    cuts.sort()
    merged: list[tuple[int, int, str]] = []
    for a, b, kind in cuts:
        if merged and a < merged[-1][1]:
            pa, pb, pk = merged[-1]
            merged[-1] = (pa, max(pb, b), pk)
        else:
            merged.append((a, b, kind))
    return merged


def _site_name_cuts(text: str, a: int, keys: frozenset[str]) -> list[tuple[int, int, str]]:
    """A site's name ending a line (``text``, at raw offset ``a``), set off from the rest by a
    separator (:data:`_NAME_SEPARATORS`), with the separator: "Iraq and Iran sign a pact |
    Peregraf" loses " | Peregraf". A name opening a line stays: "Shafaq News – Washington"
    opens a dateline, which is the article's own text."""
    found = []
    for sep in _NAME_SEPARATORS:
        last = text.rfind(sep)
        tail = text[last + len(sep) :] if last > 0 else ""
        if tail and len(tail) <= _MAX_SITE_NAME_CHARS and name_key(tail) in keys:
            found.append((a + last, a + len(text), "site_name"))
    return found


def _kept_text(raw: str, a: int, b: int, cuts: list[tuple[int, int, str]]) -> str:
    parts, cursor = [], a
    for ca, cb, _ in cuts:
        parts.append(raw[cursor:ca])
        cursor = cb
    parts.append(raw[cursor:b])
    return "".join(parts).strip()


@functools.cache
def _default_cleaner() -> Cleaner:
    """The cleaner with the built-in rules, compiled on first use and then shared."""
    return Cleaner()


def clean(
    text: str, config: CleanConfig | None = None, *, site_names: Sequence[str] = ()
) -> CleanedText:
    """Clean raw scraped text.

    Args:
        text: the raw article text.
        config: cleaning rules; the defaults when None.
        site_names: the names the page's own site goes by (its outlet, its URL's host: see
            :func:`framing.text.site_names.site_names`); a line that is only one of them
            (case, punctuation and a leading "The" aside, or its initialism) is removed as
            ``site_name``, and so is one ending a line after " | " or " - " ("Headline | Site").
            A sentence that merely names the site stays.

    Returns:
        The clean text, the raw offset of each of its characters and the removals.

    Raises:
        TypeError: ``text`` is not a string.

    Example:
        >>> cleaned = clean("Photo: IRIB\\n\\nLarijani met Sudani in Baghdad [2].")
        >>> cleaned.text
        'Larijani met Sudani in Baghdad.'
        >>> cleaned.to_raw(0, 8)
        (13, 21)
        >>> clean("The New Region\\n\\nIraq signed a pact.", site_names=["New Region"]).text
        'Iraq signed a pact.'
    """
    if config is not None:
        return Cleaner(config)(text, site_names=site_names)
    return _default_cleaner()(text, site_names=site_names)
