"""The project's own sentence segmenter for news text (the ``"default"`` segmenter).

Rule-based and linear in the input: one regular-expression scan finds candidate boundaries
(terminal punctuation followed by space, line breaks, datelines, photo credits, run-in headings)
and a few table look-ups decide each one. What it knows about news:

- abbreviations that never end a sentence (titles: Gen., Dr., Sen.; months: Jan.; "No.", "vs."),
  abbreviations that may (U.S., D.C., Inc., a.m.), and initials (L. Ron Hubbard): the last two end
  a sentence only when the next word is a common sentence opener ("The", "He", "However", ...);
- decimals and numbers (3.5, 1,000.00) never break; ellipses break before a capital;
- closing quotes, nested quotes and bracketed citations stay with the sentence they close;
- a blank line ends a sentence unless the line before leaves it open and the next starts in lower
  case (a sentence broken by layout); a single newline ends one unless the next line starts in
  lower case; so headlines, datelines, list items and lines without final punctuation are their
  own sentences;
- datelines ("Friday, May 8, 2009", "ERBIL, Kurdistan Region -") are their own sentences, also
  run into a line; so are photo credits ("Image: Reuters") run into a caption.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .segment import Segmenter, register_segmenter

__all__ = ["NewsSegmenter"]

# Never end a sentence: titles, months, and abbreviations that are always followed by more.
NON_FINAL = frozenset(
    """
    mr mrs ms mx dr prof gen lt col capt cpt maj sgt cpl pvt adm cmdr cdr brig rear sen rep
    gov pres supt insp det atty rev fr sr hon amb gov. st mt ft messrs mme mlle jan feb mar
    apr jun jul aug sep sept oct nov dec no nos nr vol vols art arts sec secs fig figs ch chap
    p pp para cf vs v viz approx est ca tel ext dept min max e.g i.e
    """.split()
)
# May end a sentence: then the next word must be a sentence opener.
MAY_END = frozenset(
    """
    inc ltd co corp llc plc bros jr esq etc al ave blvd rd hwy u.s u.k u.n u.s.a e.u d.c l.a
    n.y a.m p.m b.c a.d
    """.split()
)
# Words that commonly open a sentence in news text; after an ambiguous abbreviation or an
# initial, one of these says the sentence ended.
OPENERS = frozenset(
    """
    A An The This That These Those There Here It Its He She They We I You His Her Their Our My
    Your Him Them Us But And Or So Yet Nor However Meanwhile Moreover Furthermore Nevertheless
    Still Also Instead Indeed Thus Therefore Then Now Today Yesterday Tomorrow Last Next
    Earlier Later In On At For From With Without After Before During When While Whereas If As
    Although Though Since Because According Despite Under Over By To Of Some Many Most All
    Both Each Every Other Others Such What Why How Where Who Whom Whose Which Whatever No Not
    None One Two Three Several Few Another Officials Analysts Critics Experts Police
    Authorities
    """.split()
)
_PREPOSITIONS = frozenset(
    """
    on since until till by from of before after last through to and or between in at
    """.split()
)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Each scan starts with a literal or a small character set, so the regex engine skips ahead fast
# (one alternation of all of them would be several times slower).
_TERM = re.compile(
    r"(?:\.\.\.|…|[.!?])[.!?…]*[\"”’')\]»]*(?:[ \t]*\[[^\[\]\n]{1,30}\])*(?=[ \t\xa0]+\S)"
)
_NEWLINES = re.compile(r"[\n\u2028\u2029](?:[ \t\r\xa0\u200b]*\n)*")
_DATE = re.compile(r"day, (?:" + _MONTHS + r") \d{1,2}, \d{4}\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CREDIT = re.compile(r"(?:Image|Photo|Picture|Photograph|Credit)s?:[ \t]")
_RUN_IN = re.compile(r"(?:He|She|They|We) (?=[a-z])")
_SPACE = re.compile(r"[ \t\xa0]+")
_TOKEN_BEFORE = re.compile(r"([\w.&'’-]{0,24})$")
_WORD_BEFORE = re.compile(r"(\S*)[ \t]+$")
_WORD_AFTER = re.compile(r"[\"“‘'(\[]*([\w’'-]*)")
_TRAILING_CITATION = re.compile(r"(?:\[[^\[\]\n]{1,30}\][ \t]*)+(?:\n|$)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*•·▪◦‣–—]|\d{1,2}[.)]|[a-zA-Z][.)])[ \t]")
_WIRE_DATELINE = re.compile(
    r"[ \t]*(?:[A-Z]{2,}[A-Z'’.-]*|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*,)"
    r"(?:[ ,]+[A-Z][\w.'’-]*){0,5}(?:[ \t]*\([^()\n]{1,30}\))?[ \t]+[-–—][ \t]+(?=[A-Z\"“])"
)


class NewsSegmenter(Segmenter):
    """Rule-based sentence segmenter for news articles.

    Example:
        >>> seg = NewsSegmenter()
        >>> text = 'Sen. Smith said "It is over." The U.S. Army agreed.'
        >>> [text[a:b] for a, b in seg.spans(text)]
        ['Sen. Smith said "It is over."', 'The U.S. Army agreed.']
    """

    name = "default"

    def starts(self, text: str) -> Iterable[int]:
        starts: list[int] = []
        add = starts.append
        n = len(text)
        for m in _TERM.finditer(text):
            if self._ends_at_punct(text, m.start(), m.end()):
                add(m.end())
        if (m := _WIRE_DATELINE.match(text)) is not None:
            add(m.end())
        for m in _NEWLINES.finditer(text):
            end = m.end()
            if end >= n:
                continue
            paragraph = m.end() - m.start() > 1
            if (
                not text[end].islower()
                or (paragraph and _ends_sentence(text, m.start()))
                or _LIST_MARKER.match(text, end)
            ):
                add(end)
                if (d := _WIRE_DATELINE.match(text, end)) is not None:
                    add(d.end())
        for m in _DATE.finditer(text):
            if text.endswith(_WEEKDAYS, max(0, m.start() - 6), m.start() + 3):
                self._dateline(text, m, add)
        for m in _CREDIT.finditer(text):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before is not None and before.group(1)[-1:] not in ".!?":
                add(m.start())
        for m in _RUN_IN.finditer(text):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            word = before.group(1) if before is not None else ""
            if word[:1].isupper() and word[-1:].isalpha():
                add(m.start())
        return starts

    @staticmethod
    def _ends_at_punct(text: str, start: int, end: int) -> bool:
        """Decide a boundary after the punctuation at ``start``; the next sentence would start
        at ``end`` (the lookahead guarantees a non-space character after the spaces)."""
        punct = text[start]
        if punct == "." and text.startswith("..", start + 1):
            punct = "..."
        space = _SPACE.match(text, end)
        after = space.end() if space else end
        nxt = text[after]
        if nxt.islower():
            return False
        if nxt == "[" and _TRAILING_CITATION.match(text, after):
            return False  # "... bears down. [Wikipedia]" closes the line: the citation stays
        if punct in ("…", "..."):
            # An ellipsis ends a sentence before a capital, unless it elides inside one (". ...")
            return nxt.isupper() and not text[max(0, start - 2) : start].endswith(". ")
        if punct != "." or text[start + 1 : start + 2] in ("!", "?"):
            return True
        token = _TOKEN_BEFORE.search(text, max(0, start - 24), start).group(1)
        if not token:
            return True
        lower = token.lower().rstrip(".")
        if nxt.isdigit():
            return lower not in NON_FINAL
        if lower in NON_FINAL:
            return False
        if token.isdigit():
            # "1. First point" at the start of a line is a list marker, not a sentence
            return not (len(token) <= 2 and _line_start(text, start - len(token)))
        ambiguous = (
            lower in MAY_END
            or _INITIALISM.fullmatch(token) is not None
            or (len(token) == 1 and token.isupper())
        )
        if not ambiguous:
            return True
        word = _WORD_AFTER.match(text, after).group(1)
        return word in OPENERS

    @staticmethod
    def _dateline(text: str, m: re.Match[str], add: Callable[[int], None]) -> None:
        """A date like "Friday, May 8, 2009" followed by a capital is a dateline: a sentence of
        its own, also when the headline before it has no final punctuation."""
        space = _SPACE.match(text, m.end())
        if space is None or space.end() >= len(text) or not text[space.end()].isupper():
            return
        add(space.end())
        date_start = text.rfind(" ", 0, m.start()) + 1  # the weekday's first letter
        before = _WORD_BEFORE.search(text, max(0, date_start - 40), date_start)
        if before is not None and before.group(1).lower() not in _PREPOSITIONS:
            add(date_start)


def _line_start(text: str, pos: int) -> bool:
    """Only spaces stand between the start of the line and ``pos``."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


def _ends_sentence(text: str, pos: int) -> bool:
    """The text before ``pos`` (trailing spaces skipped) ends with sentence-final punctuation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\xa0":
        i -= 1
    return i >= 0 and text[i] in ".!?:;…\"”’')]»"


def register() -> None:
    register_segmenter(
        "default",
        NewsSegmenter,
        description="framing's rule-based news segmenter (abbreviations, quotes, datelines)",
    )
