"""Turn raw scraped article text into clean text, keeping an exact map back to the raw offsets.

Scraped news pages carry site chrome ("Skip to content", "Read also:", comment-moderation
blocks), citation markers ("[1][3]", "(IRNA English +12)"), photo captions and credits,
headlines repeated two or three times, pull-quotes that repeat the body, list bullets, and
sentences broken across blank lines by the page layout. :func:`clean` removes the noise, joins
the broken sentences and records every removal as a :class:`Removal` (raw span and kind), so that
a user can audit what was dropped.

Every character of :attr:`CleanedText.text` is either the raw character at
``CleanedText.offsets[i]`` or a whitespace character standing for raw whitespace there (tabs and
non-breaking spaces become spaces, the gap of a joined sentence becomes one space). Rules are
regular expressions grouped by removal kind in :class:`CleanConfig`; YAML files can add patterns
or switch kinds off (see ``configs/cleaning.yaml``).

Every built-in rule and pass runs in time linear in its input: no rule nests or overlaps
repeats that can split a run of characters more than one way, rules that take the spaces before
a match start where the run of spaces starts (``(?<![ \t])[ \t]*``), look-arounds are bounded,
and the caption and pull-quote passes take a fixed number of passes over the lines (the rules
need no possessive repeats, so they run on Python 3.10 too). ``tests/reliability`` checks it on
every rule's own adversarial shapes. Patterns added from YAML are the user's to keep linear.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from framing.text.layout import (
    LINE_BREAKS,
    LIST_MARKER,
    ZERO_WIDTH,
    continues,
    ends_sentence,
    starts_lower,
)

__all__ = ["CleanConfig", "CleanedText", "Cleaner", "Removal", "clean"]

# Characters that end a line without leaving a sentence open.
_BREAKS = "".join(sorted(LINE_BREAKS))
_LINE_RE = re.compile(rf"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}]|$)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_MAX_CANDIDATES = 64
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+[A-Z\"“]")
_SEPARATOR = re.compile(r"[-*_=~#.•·—–|/\\+<>^ ]+")  # a separator line: "***", "---", "• • •"
_WORD_RE = re.compile(r"\w+")
_ALNUM_RE = re.compile(r"[^\W_]+")  # a run of letters and digits (str.isalnum)
_WHITESPACE_TABLE = {ord(c): " " for c in "\t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004"}
_WHITESPACE_TABLE.update({ord(c): " " for c in "\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"})
_WHITESPACE_TABLE.update({ord("\u3000"): " "})

_AGENCIES = (
    r"(?:AFP|AP|Reuters|REUTERS|Getty Images|EPA|Anadolu(?: Agency)?|Xinhua|IRNA|WANA"
    r"|Tasnim|Mehr|Fars|ISNA|IRIB|Shutterstock)"
)

# -- default rules ------------------------------------------------------------------------------
# Whole-line rules: a stripped line that fully matches one of these is removed with that kind.
_LINE_PATTERNS: dict[str, list[str]] = {
    "chrome": [
        r"(?i)skip to (?:main |primary )?(?:content|navigation|search)",
        r"(?i)(?:read|see) (?:also|more|next)(?: on .{1,40})?",
        r"(?i)related(?: (?:articles?|stories|story|news|posts?|coverage|content|topics))?",
        r"(?i)latest(?: (?:news|stories|articles|updates|videos))?",
        r"(?i)most (?:read|popular|viewed|shared)(?: (?:stories|articles))?",
        r"(?i)trending(?: now| stories)?|top stories|more stories|you (?:may|might) also like",
        r"(?i)recommended(?: for you| stories)?|editor'?s picks?|don'?t miss",
        r"(?i)advertisement|sponsored(?: content)?|ad(?:vert)?|promoted",
        r"(?i)share(?: (?:this|on \w+|via \w+))*(?: (?:article|story|page|post))?",
        r"(?i)(?:print|email|e-mail|whatsapp|facebook|twitter|telegram|linkedin|copy link)",
        r"(?i)(?:post|leave|add|write) a (?:comment|reply)|\d+ comments?|comments?(?: \(\d+\))?",
        # calls to action name what to subscribe to or where to follow; never a clause
        r"(?i)(?:subscribe|sign up|register)\b[^,.;!?]{0,60}\b(?:newsletters?|updates|alerts"
        r"|free|today|now|here)\b[^,.;!?]{0,30}[.!]?",
        r"(?i)(?:follow|join|like) us(?: (?:on|at))? (?:facebook|twitter|x|telegram|instagram"
        r"|whatsapp|youtube|linkedin|tiktok|google news|social media)\b[^,.;!?]{0,40}[.!]?",
        r"(?i)download (?:our|the) app\b[^,.;!?]{0,40}[.!]?",
        r"(?i)loading(?:\.\.\.|…)?|back to top|menu|search|home|close|next|previous",
        # a tag list: short items separated by commas or bars, never a clause, at most 2,000
        # characters. An item (at most 40 characters, the first 41) holds no separator and starts
        # and ends with a non-space (the first may start with a bar), so a line splits into items
        # one way only: no backtracking across items. Between two items, a run of separators and
        # spaces with no two commas or semicolons in a row; the list may end with a separator
        # other than a comma or semicolon. (The length bound keeps the regex engine's memory for
        # the repeated items small.)
        r"(?i)(?:tags?|topics?|keywords|filed under)(?=.{0,2000}\Z)\s*:\s*"
        r"[^\s,.;!?](?:[^,.;!?|•/]{0,39}[^\s,.;!?|•/])?"
        r"(?:\s*[,|;•/](?:[\s|•/]|(?<=[\s|•/])[,;])*"
        r"(?:[^\s,.;!?|•/](?:[^,.;!?|•/]{0,38}[^\s,.;!?|•/])?|\Z))*\s*(?<![,;])",
        # (the spaces after "copyright" are read once: "\s*(?:©)?\s*" read them quadratically)
        r"(?i)(?:copyright\s*(?:(?:©|\(c\))\s*)?\d{4}|©|\(c\)\s*\d{4}).{0,120}"
        r"|all rights reserved\.?",
    ],
    "references": [
        r"(?:\[\d{1,3}\]\s*)?https?://\S+(?:\s+(?:\[\d{1,3}\]\s*)?https?://\S+)*",
    ],
    "label": [
        r"(?:[A-Z] ){2,}[A-Z]",
        r"(?i)opinion|analysis|editorial|commentary|exclusive|breaking(?: news)?|explainer",
        r"(?i)op-ed|interview|feature|live(?: updates)?|news analysis|fact check",
    ],
    "credit": [
        # "Photo: IRIB", "Image credit: AFP/Getty Images": a name, not a sentence, after the colon
        r"(?i:photo|image|picture|photograph|video|illustration|graphic)s?"
        r"(?i: (?:credit|by|courtesy(?: of)?))?\s*[:|]\s*[A-Z©@][^.!?;,]{0,60}\.?",
        # "AZIZ TAHER/REUTERS", "REUTERS/Ahmed Jadallah": two to five upper-case words, or an
        # agency, before the slash (a headline such as "US/Iran Talks Resume" is kept)
        rf"(?:{_AGENCIES}\s*/\s*[A-Z][\w.&'’ -]{{1,40}}"
        rf"|[A-Z][A-Z.'’-]*(?:\s[A-Z][A-Z.'’-]*){{1,4}}\s*/\s*"
        rf"(?:{_AGENCIES}|[A-Z][A-Z.&'’-]+(?:\s[A-Z][A-Z.&'’-]+)*))"
        r"(?:\s+via\s+[A-Z][\w ]{1,30})?",
        rf"\(?{_AGENCIES}(?: (?:photo|file photo|via Getty Images))?\)?",
    ],
    "source_note": [
        r"(?i)(?:this|the) (?:article|story|piece|column|op-ed|report|interview)"
        r"(?: was)? (?:first |originally )?(?:appeared|published|ran|translated)"
        r"(?: (?:in|on|by|from))?"
        r"\s.{1,100}",
    ],
}

# Inline rules: matches inside a kept line are removed with that kind (leading space included,
# so that "Baghdad [1][3]." becomes "Baghdad."). A rule that takes the spaces before its match
# starts with (?<![ \t])[ \t]*: a match starts where a run of spaces starts, never inside it
# (the leftmost match is the same), so a long run of spaces is scanned once, not once per space.
_INLINE_PATTERNS: dict[str, list[str]] = {
    "citation": [
        # the spaces before, then "[1][3]" or "[2, 4-6]"; or "(IRNA English +1)", "(Reuters +2,
        # AP +1)": a count after a source name, not a quantity such as "(to +5 percent)" or "(up
        # +3%)"; or "【1】"; or "[citation needed]", "[Wikipedia]", "[sources: ...]". One rule
        # with one start (each alternative starts with its bracket) is faster than four.
        r"(?<![ \t])[ \t]*(?:(?:\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+"
        r"|\((?!\s*(?:GMT|UTC)\b)(?=[^()\n]*\s\+\d{1,3}(?:[,)]|\s+[^\s\da-z]))[^()\n]{1,200}\)"
        r"|【[^】\n]{0,60}】"
        r"|\[(?:citation needed|Wikipedia|source|sources?:[^\]\n]{0,60})\])",
        r"(?<=[.!?\"”])[ \t]*\[[A-Z][\w.&'’ -]{0,40}\](?=[ \t]*$)",
    ],
    "credit": [
        # a credit closing a line: "... in Baghdad. Photo: IRIB"; a name, not a clause
        r"(?<![ \t])[ \t]*\b(?:Photo|Image|Picture|Photograph|Credit)s?"
        r"(?: (?:credit|by|courtesy))?:[ \t]*[A-Z©@][^\n.!?;,]{0,50}\.?[ \t]*$",
    ],
    "chrome": [
        # a call to action that starts a sentence: "For additional coverage click on ...",
        # "Click here to read ..." (not "Users who click on the link ...")
        r"(?:^|(?<=[.!?]))[ \t]*(?:(?:For|Read) (?:more|additional|further|full) (?:coverage"
        r"|information|details|news|stories|story)[^.\n]{0,40}?,?[ \t]*(?i:click|tap)"
        r"|(?i:click|tap)) (?i:here|on)\b[^.\n]{0,80}\.?",
    ],
    "invisible": [r"[\u200b\u2060\ufeff\u00ad]+"],
}

# A caption names who is where in the photo: "(left)", "(second from right)", "(L-R)".
_CAPTION_MARKERS = [
    r"\((?:left|right|center|centre)\)",
    r"\((?:far |second |third |2nd |3rd )(?:from )?(?:left|right)\)",
    r"\((?:clockwise )?from (?:top )?(?:left|right)\)",
    r"\((?:L|R)\s?(?:-|to)\s?(?:R|L)\)",
]
# Single-letter markers "(L)", "(R)", "(C)", "(c)" mark a caption too, but not "(R)" as a party
# label ("Sen. Lindsey Graham (R) said") nor "(c)" in an enumeration ("(a) trade, (b) ... (c)").
_LETTER_MARKER = r"\(([LRClrc])\)"
_PARTY_TITLE = r"(?:\b(?:Sen|Rep|Gov)\.|Senator|Representative|Congress(?:man|woman)|Governor)"
_ENUMERATION = r"\((?:a|b|i|ii)\)"
_COMMENT_START = (
    r"(?i)(?:\d+ )?comments?(?: \(\d+\))?|(?:leave|post) a (?:comment|reply)|comment policy"
)
_COMMENT_BODY = (
    r"(?i)\b(?:comments?|moderat\w*|community (?:guidelines|standards|rules)|profanity"
    r"|personal attacks|approved or rejected|will (?:not )?be (?:published|removed|deleted"
    r"|rejected|tolerated)|constructive criticism|off-topic|abusive|respectful)\b"
)
_BULLET = LIST_MARKER.pattern
_QUOTE_MARKER = r"[ \t]*(?:>[ \t]*)+"


@dataclass
class CleanConfig:
    """Rules of the cleaner, grouped by removal kind.

    Attributes:
        line_patterns: kind -> regexes; a stripped line that fully matches is removed.
        inline_patterns: kind -> regexes; matches inside a kept line are removed.
        caption_markers: regexes that mark a line as a photo caption.
        comment_start: a line that opens a comment-moderation block.
        comment_body: a line of such a block (searched, not fully matched).
        bullet: a list marker at the start of a line, removed and the item kept.
        quote_marker: a block-quote marker ("> ") at the start of a line.
        disabled: kinds to keep rather than remove (for example ``["caption"]``).
        join_broken_sentences: join a line that leaves a sentence open with the next kept line
            when that starts in lower case, across blank lines and removed noise.
        deduplicate: remove repeated lines (headlines) and lines repeated inside longer ones
            (pull-quotes); the first or longer copy stays.
        min_duplicate_chars: shortest line (normalised) that counts as a repeated line.
        min_pull_quote_words: shortest line, in words, checked for repetition inside another.
        max_caption_fragment_chars: longest unterminated line taken as part of a caption next
            to a credit.

    Example:
        >>> config = CleanConfig.from_dict({"patterns": {"chrome": ["Newsletter"]}})
        >>> clean("Newsletter\\nIran and Iraq signed a pact.", config).text
        'Iran and Iraq signed a pact.'
    """

    line_patterns: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in _LINE_PATTERNS.items()}
    )
    inline_patterns: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in _INLINE_PATTERNS.items()}
    )
    caption_markers: list[str] = field(default_factory=lambda: list(_CAPTION_MARKERS))
    comment_start: str = _COMMENT_START
    comment_body: str = _COMMENT_BODY
    bullet: str = _BULLET
    quote_marker: str = _QUOTE_MARKER
    disabled: list[str] = field(default_factory=list)
    join_broken_sentences: bool = True
    deduplicate: bool = True
    min_duplicate_chars: int = 20
    min_pull_quote_words: int = 6
    max_caption_fragment_chars: int = 120

    KINDS = (
        "chrome",
        "comments",
        "references",
        "label",
        "credit",
        "caption",
        "source_note",
        "citation",
        "invisible",
        "bullet",
        "quote_marker",
        "duplicate",
        "pull_quote",
    )

    def __post_init__(self) -> None:
        self._check()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "config") -> CleanConfig:
        """Build a config from a mapping.

        ``patterns: {kind: [regex, ...]}`` and ``inline: {kind: [regex, ...]}`` add rules to the
        defaults; every other key replaces the default value of the field of that name.

        Raises:
            ValueError: an unknown key, a wrong type, an unknown kind or an invalid regex; the
                message names the key or value and ``source``.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"{source}: expected a mapping, got {type(data).__name__}")
        config = cls()
        names = {f.name for f in fields(cls)}
        for key, value in data.items():
            if key in ("patterns", "inline"):
                target = config.line_patterns if key == "patterns" else config.inline_patterns
                if not isinstance(value, Mapping):
                    raise ValueError(f"{source}: '{key}' must map kinds to lists of regexes")
                for kind, regexes in value.items():
                    if isinstance(regexes, str):
                        regexes = [regexes]
                    if not isinstance(regexes, list) or not all(
                        isinstance(r, str) for r in regexes
                    ):
                        raise ValueError(f"{source}: '{key}.{kind}' must be a list of strings")
                    target.setdefault(kind, []).extend(regexes)
            elif key in names:
                expected = type(getattr(config, key))
                if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
                    raise ValueError(
                        f"{source}: '{key}' must be {expected.__name__}, got {value!r}"
                    )
                setattr(config, key, value)
            else:
                raise ValueError(
                    f"{source}: unknown key '{key}'; "
                    f"known: patterns, inline, {', '.join(sorted(names))}"
                )
        try:
            config._check()
        except ValueError as err:
            raise ValueError(f"{source}: {err}") from None
        return config

    @classmethod
    def from_yaml(cls, path: str | Path) -> CleanConfig:
        """Read a YAML file of the form described in :meth:`from_dict`."""
        import yaml

        path = Path(path)
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        return cls.from_dict(data, source=str(path))

    def _check(self) -> None:
        for kind in self.disabled:
            if kind not in self.KINDS:
                raise ValueError(
                    f"unknown kind '{kind}' in disabled; known: {', '.join(self.KINDS)}"
                )
        for group, table in (("patterns", self.line_patterns), ("inline", self.inline_patterns)):
            if not isinstance(table, dict):
                raise ValueError(f"{group} must map kinds to lists of regexes")
            for kind, regexes in table.items():
                if not isinstance(regexes, list) or not all(isinstance(r, str) for r in regexes):
                    raise ValueError(f"{group}.{kind} must be a list of regexes, got {regexes!r}")
                if kind not in self.KINDS:
                    raise ValueError(
                        f"unknown kind '{kind}' in {group}; known: {', '.join(self.KINDS)}"
                    )
                for regex in regexes:
                    _compile(regex, f"{group}.{kind}")
        for name in ("min_duplicate_chars", "min_pull_quote_words", "max_caption_fragment_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"'{name}' must be at least 1, got {getattr(self, name)}")
        for name in ("comment_start", "comment_body", "bullet", "quote_marker"):
            _compile(getattr(self, name), name)
        for regex in self.caption_markers:
            _compile(regex, "caption_markers")


def _compile(regex: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(regex)
    except re.error as err:
        raise ValueError(f"invalid regex in {where}: {regex!r} ({err})") from None


_GLOBAL_FLAGS = re.compile(r"^\(\?([imsx]+)\)")


def _alternation(regexes: list[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``regexes``; a leading ``(?i)`` stays local to its branch."""
    if not regexes:
        return None
    branches = []
    for regex in regexes:
        flags = _GLOBAL_FLAGS.match(regex)
        if flags:
            branches.append(f"(?{flags.group(1)}:{regex[flags.end() :]})")
        else:
            branches.append(f"(?:{regex})")
    return re.compile("|".join(branches))


@dataclass(frozen=True)
class Removal:
    """A span of the raw text that cleaning dropped, and why."""

    start: int
    end: int
    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}


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
            if kind not in off and (rx := _alternation(regexes)) is not None
        ]
        self._inline_rules = [
            (kind, rx)
            for kind, regexes in config.inline_patterns.items()
            if kind not in off and (rx := _alternation(regexes)) is not None
        ]
        self._caption = None if "caption" in off else _alternation(config.caption_markers)
        self._comment_start = None if "comments" in off else re.compile(config.comment_start)
        self._comment_body = re.compile(config.comment_body)
        self._bullet = None if "bullet" in off else re.compile(config.bullet)
        self._quote = None if "quote_marker" in off else re.compile(config.quote_marker)
        self._credit_inline = (
            None if "credit" in off else _alternation(config.inline_patterns.get("credit", []))
        )
        self._letter_marker = re.compile(_LETTER_MARKER)
        self._party = re.compile(_PARTY_TITLE)
        self._enumeration = re.compile(_ENUMERATION)
        self._off = off

    def __call__(self, raw: str) -> CleanedText:
        if not isinstance(raw, str):
            raise TypeError(f"clean() expects str, got {type(raw).__name__}")
        lines = self._split(raw)
        self._classify(raw, lines)
        self._find_captions(raw, lines)
        self._cut_inline(raw, lines)
        if self.config.deduplicate:
            self._deduplicate(lines)
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

    def _classify(self, raw: str, lines: list[_Line]) -> None:
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
            bare = text.rstrip(" :»›>|·•-–—")
            for kind, rule in self._line_rules:
                if rule.fullmatch(text) or (bare and bare != text and rule.fullmatch(bare)):
                    line.kind = kind
                    break

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

    def _cut_inline(self, raw: str, lines: list[_Line]) -> None:
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
            cuts = _merge(cuts)
            line.cuts = cuts
            line.body = _kept_text(raw, a, b, cuts)
            line.listed = any(kind == "bullet" for _, _, kind in cuts)
            # nothing left but marks: the line was all citations, credits, ... or it is a
            # separator ("***"); a line of emoji is content and stays
            if not _WORD_RE.search(line.body) and (cuts or _SEPARATOR.fullmatch(text)):
                line.kind = cuts[-1][2] if cuts else "chrome"
                line.cuts = []

    def _deduplicate(self, lines: list[_Line]) -> None:
        kept = [ln for ln in lines if ln.kind is None]
        norms = [_normalise(ln.body) for ln in kept]
        seen: set[str] = set()
        for line, norm in zip(kept, norms, strict=True):
            if len(norm) < self.config.min_duplicate_chars or "duplicate" in self._off:
                continue
            if norm in seen:
                line.kind = "duplicate"
            seen.add(norm)
        if "pull_quote" in self._off:
            return
        self._pull_quotes(kept)

    def _pull_quotes(self, kept: list[_Line]) -> None:
        """Remove lines repeated verbatim inside another, longer line (the first line of the
        document, its headline, stays even when the lede repeats it).

        Candidates for line i are the lines holding i's rarest word n-gram, at most
        ``_MAX_CANDIDATES`` of them, and in each candidate line i is looked for only where its
        first n-gram of letter-and-digit runs stands (at most ``_MAX_CANDIDATES`` places), never
        by scanning the whole candidate, so that the work stays linear in the text. A line
        without any letter or digit is never a pull-quote.
        """
        n = self.config.min_pull_quote_words
        texts = [_normalise_verbatim(line.body) for line in kept]
        words = [_WORD_RE.findall(t) for t in texts]  # n-gram keys ignore punctuation

        def keys(ws: list[str]) -> map[int]:  # one hash per word n-gram of a line
            return map(hash, zip(*(ws[k:] for k in range(n)), strict=False))

        index: dict[int, set[int]] = {}
        for i, ws in enumerate(words):
            if kept[i].kind is None:
                for key in keys(ws):
                    index.setdefault(key, set()).add(i)
        places: dict[tuple[int, int], dict[int, list[int]]] = {}  # (line, size) -> anchors
        for i, ws in enumerate(words):
            if i == 0 or kept[i].kind is not None or len(ws) < n:
                continue
            rarest = min(map(index.__getitem__, keys(ws)), key=len)
            anchor: tuple[int, int, int] | None = None
            for checked, j in enumerate(rarest):
                if checked >= _MAX_CANDIDATES:
                    break
                if j == i or kept[j].kind is not None:
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
                    kept[i].kind = "pull_quote"
                    break

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


def _kept_text(raw: str, a: int, b: int, cuts: list[tuple[int, int, str]]) -> str:
    parts, cursor = [], a
    for ca, cb, _ in cuts:
        parts.append(raw[cursor:ca])
        cursor = cb
    parts.append(raw[cursor:b])
    return "".join(parts).strip()


def _normalise(text: str) -> str:
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


_DEFAULT_CLEANER: Cleaner | None = None


def clean(text: str, config: CleanConfig | None = None) -> CleanedText:
    """Clean raw scraped text.

    Args:
        text: the raw article text.
        config: cleaning rules; the defaults when None.

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
    """
    global _DEFAULT_CLEANER
    if config is not None:
        return Cleaner(config)(text)
    if _DEFAULT_CLEANER is None:
        _DEFAULT_CLEANER = Cleaner()
    return _DEFAULT_CLEANER(text)
