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
- datelines ("Friday, May 8, 2009"; "ERBIL, Kurdistan Region -", "BAGHDAD (Dispatches) --" and
  the other forms of :mod:`framing.text.dateline`) are their own sentences, also run into a
  line; so are photo credits ("Image: Reuters") run into a caption;
- web text: a sentence may start in lower case after "?", "!" or a plain word's period, and a
  paragraph break ends a sentence unless its line stops on an open word or a comma.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from framing.text.dateline import iter_datelines
from framing.text.layout import continues, leaves_open
from framing.text.segmenter import Segmenter

__all__ = ["NewsSegmenter"]

# Never end a sentence: titles and abbreviations that are always followed by more.
TITLES = frozenset(
    """
    mr mrs ms mx dr drs prof gen lt col capt cpt maj sgt cpl pvt adm cmdr cdr brig sen rep gov pres
    supt insp det atty rev fr hon amb mt messrs mme mlle vs v viz cf approx ca e.g i.e
    """.split()
)
# Do not end a sentence before a number ("No. 5", "Art. 3", "p. 12", "c. 1230" for circa); may
# end one elsewhere ("Iran said no.").
NUMBERED = frozenset(
    "no nos nr vol vols art arts sec secs fig figs ch chap p pp para tel ext c".split()
)
# May end a sentence: then the next word must be a sentence opener ("in the U.S. The talks",
# not "the U.S. Army"); never before a number ("Jan. 5").
MAY_END = frozenset(
    """
    inc ltd co corp llc plc bros jr sr esq etc al ave blvd rd hwy st ft dept min max jan feb mar
    apr jun jul aug sep sept oct nov dec u.s u.k u.n u.s.a e.u d.c l.a n.y a.m p.m b.c a.d
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
# Abbreviations found before a lower-case word ("voc. ed. classes", "approx. five"); with the
# titles and MAY_END, a period after one of them does not end a sentence there.
LOWER_ABBREVIATIONS = frozenset(
    """
    ed eds voc approx est govt incl excl esp misc ref refs orig dept univ assoc intl natl corp
    div ave bldg sq yr yrs mo mos wk wks hr hrs mins sec secs pt pts lb lbs oz cm mm km kg mg
    ml ft al ct inc ltd co nos nr vol vols fig figs ch chap pp para tel
    """.split()
)
_PREPOSITIONS = frozenset(
    """
    on since until till by from of before after last through to and or between in at
    """.split()
)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Each scan starts with a literal or a small character set, so the regex engine skips ahead fast
# (one alternation of all of them would be several times slower). None of them backtracks over
# a run of characters: a 5 MB run of "!" stays linear. A run of bracketed citations is read once
# even when punctuation inside the brackets leads to it again ("[a.][b.][c.]...").
_PUNCT = re.compile(r"[.!?…]+")
_QUOTES_AFTER = re.compile(r"[\"”’')\]»]*")
_CITATIONS_AFTER = re.compile(r"(?:[ \t]*\[[^\[\]\n]{1,30}\])+")
_GAP = re.compile(r"[ \t\xa0]+(?=\S)")
_CLOSERS = frozenset("\"”’')]»")
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BLANKS = " \t\xa0\u200b"
# line breaks with blanks between them (the blanks after the last break are given back in
# starts()): one character class, so that a run of 200,000 blank lines is one cheap match
_NEWLINES = re.compile(f"[{_BREAKS}][{_BREAKS}{_BLANKS}]*")
_DATE = re.compile(r"day, (?:" + _MONTHS + r") \d{1,2}, \d{4}\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (a link is read up to 300 characters: a run of "http://" without spaces stays linear)
_URL_AFTER_URL = re.compile(r"(?:https?://|www\.)[^\s]{1,300}[ \t]+(?=https?://|www\.)")
_CREDIT = re.compile(r"(?:Image|Photo|Picture|Photograph|Credit)s?:[ \t]")
_RUN_IN = re.compile(r"(?:He|She|They|We) (?=[a-z])")
_SPACE = re.compile(r"[ \t\xa0]+")
_TOKEN_BEFORE = re.compile(r"([\w.&'’-]{0,24})$")
_WORD_BEFORE = re.compile(r"(\S*)[ \t]+$")
_WORD_AFTER = re.compile(r"[\"“‘'(\[]*([\w’'-]*)")
_CITATION_RUN = re.compile(r"(?:\[[^\[\]\n]{1,30}\][ \t]*)+")
_LIST_ITEM = re.compile(r"[a-z0-9]{1,2}\)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


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
        cited = _Run(_CITATIONS_AFTER)
        trailing = _Run(_CITATION_RUN)
        last_end, after, added = -1, -1, False
        # what was read after the next sentence's start: a plain dict, not a cache, as it is
        # right only for one boundary and is cleared when the boundary moves
        memo: dict[str, str] = {}
        for m in _PUNCT.finditer(text):
            end = m.end()
            if end < n and text[end] in _CLOSERS:
                end = _QUOTES_AFTER.match(text, end).end()
            # "... Baghdad.[1][3] Next" and "... Baghdad. [1] Next": the citations stay with
            # their sentence
            if end < n and text[end] == "[":
                end = cited.end(text, end)
            if end != last_end:  # several runs of punctuation may end at the same place
                gap = _GAP.match(text, end)
                if gap is not None and text[gap.end()] == "[":
                    cite = cited.end(text, gap.end())
                    if cite > gap.end():
                        end = cite
                        gap = _GAP.match(text, end)
                last_end, after, added = end, gap.end() if gap else -1, False
                memo.clear()
            if after < 0 or added:
                continue
            if self._ends_at_punct(text, m.start(), m.group(), after, trailing, memo):
                add(end)
                added = True
        line_start, joined = 0, False
        for m in _NEWLINES.finditer(text):
            end = m.end()
            while text[end - 1] in _BLANKS:  # the run ends with its last line break
                end -= 1
            previous_start, line_start = line_start, end
            if end >= n:
                continue
            # a sentence broken by the layout goes on; anything else starts a new sentence (the
            # test needs the previous line only when the next one may start in lower case)
            first = text[end]
            if first.islower() or first in "\"'“‘([":
                before = text[previous_start : m.start()]
                joined = continues(before, text[end : end + 80], joined=joined) and (
                    not _blank_line(m.group()) or leaves_open(before)
                )
            else:
                joined = False
            if not joined:
                add(end)
        # "CAIRO –", "BAGHDAD (Dispatches) --": a sentence of its own (framing.text.dateline)
        for dateline in iter_datelines(text):
            add(dateline.start)
            add(dateline.end)
        for m in _DATE.finditer(text):
            if text.endswith(_WEEKDAYS, max(0, m.start() - 6), m.start() + 3):
                self._dateline(text, m, add)
        # a list of links, one after another on a line: each is a sentence of its own (looked
        # for only in a text with a link: the scan tries every position, a substring test not)
        if "://" in text or "www." in text:
            for m in _URL_AFTER_URL.finditer(text):
                add(m.end())
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
    def _ends_at_punct(
        text: str, start: int, run: str, after: int, trailing: _Run, memo: dict[str, str]
    ) -> bool:
        """Decide a boundary after the punctuation ``run`` at ``start``; the next sentence would
        start at ``after`` (a non-space character). ``trailing`` reads runs of citations;
        ``memo`` keeps what was read after ``after`` (the same for every run of punctuation that
        leads there)."""
        punct = "..." if run.startswith(("...", "…")) else run[0]
        nxt = text[after]
        if nxt.islower():
            return _ends_before_lower(text, start, run, after)
        if nxt == "[":
            end = trailing.end(text, after)
            if end > after and (end == len(text) or text[end] == "\n"):
                return False  # "... bears down. [Wikipedia]" closes the line: the citation stays
        if punct in ("…", "..."):
            # An ellipsis ends a sentence before a capital, unless it elides inside one (". ...")
            return nxt.isupper() and not text[max(0, start - 2) : start].endswith(". ")
        if punct != "." or len(run) > 1:
            return True
        token = _TOKEN_BEFORE.search(text, max(0, start - 24), start).group(1)
        if not token:
            return True
        lower = token.lower().rstrip(".")
        if nxt.isdigit():
            return lower not in TITLES and lower not in NUMBERED and lower not in MAY_END
        if lower in TITLES:
            return False
        if lower in NUMBERED:
            return True
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
        if "word" not in memo:
            memo["word"] = _WORD_AFTER.match(text, after).group(1)
        return memo["word"] in OPENERS

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


class _Run:
    """Where a run of bracketed items matched by ``regex`` ends, read once per run. Each item
    holds one "[", its opening bracket, so a "[" inside the last run read opens one of its items
    and the run from there ends where the whole run ends: the question gets its answer without
    reading the rest of the run again."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.start = self.stop = -1

    def end(self, text: str, pos: int) -> int:
        """The end of the run starting at ``pos`` (``text[pos] == "["``); ``pos`` if none."""
        if not self.start <= pos < self.stop:
            m = self.regex.match(text, pos)
            self.start, self.stop = pos, m.end() if m else pos
        return max(pos, self.stop)


def _ends_before_lower(text: str, start: int, run: str, after: int) -> bool:
    """Decide a boundary after the punctuation ``run`` at ``start`` when the next word, at
    ``after``, starts in lower case: web text and forums often start sentences that way ("Is it
    open? they said no. it is closed."), news almost never does, but abbreviations and quotes do
    ("Corp. common stock", "vs. the Internet", '"Why?" he asked').

    Only a bare run (no closing quote or bracket after it) of "?" and "!", or one period after a
    word that is no known abbreviation and not a list marker after it ("the world. b) next"),
    ends a sentence here. Ellipses and "..": never (a pause, or text elided inside a sentence).
    """
    if text[start + len(run)] not in " \t\xa0":  # a quote or bracket closes: '"Why?" he asked'
        return False
    if run[0] in "?!":
        return all(ch in "?!" for ch in run)
    if run != ".":
        return False
    word = _TOKEN_BEFORE.search(text, max(0, start - 24), start).group(1)
    if len(word) < 2 or "." in word or not word[-1].isalnum():
        return False  # initials ("j. smith"), "e.g", "U.S", nothing
    lower = word.lower()
    # (not NUMBERED: "said no. it" and "loves art. the" end there)
    if lower in TITLES or lower in MAY_END or lower in LOWER_ABBREVIATIONS:
        return False
    return _LIST_ITEM.match(text, after) is None


def _blank_line(run: str) -> bool:
    """The run of line breaks and blanks holds an empty line ("\\n\\n", "\\r\\n \\r\\n")."""
    return sum(ch in _BREAKS for ch in run.replace("\r\n", "\n")) >= 2


def _line_start(text: str, pos: int) -> bool:
    """Only spaces stand between the start of the line and ``pos``."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


# the segmenters of this module, registered by framing.text.segment: (name, factory, options)
SEGMENTERS = [
    (
        "default",
        NewsSegmenter,
        {"description": "framing's rule-based news segmenter (abbreviations, quotes, datelines)"},
    ),
]
