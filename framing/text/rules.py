"""The cleaner's rules: the built-in rule tables, as data, and :class:`CleanConfig`.

Rules are regular expressions grouped by removal kind (:attr:`CleanConfig.KINDS`): whole-line
rules (:data:`LINE_PATTERNS`), inline rules (:data:`INLINE_PATTERNS`), caption markers, the
comment-block rules, list bullets and block-quote markers. :class:`CleanConfig` holds a copy of
them; YAML files add patterns or switch kinds off (see ``configs/cleaning.yaml``), and every
regex is checked when the config is built. :class:`framing.text.clean.Cleaner` compiles them
(:func:`alternation` makes one regex of a kind's list).

Every built-in rule runs in time linear in its input: no rule nests or overlaps repeats that can
split a run of characters more than one way, rules that take the spaces before a match start
where the run of spaces starts (``(?<![ \t])[ \t]*``) and look-arounds are bounded (the rules
need no possessive repeats, so they run on Python 3.10 too). ``tests/text/test_growth.py`` and
``tests/text/test_rule_shapes.py`` check it on every rule's own adversarial shapes. Patterns added
from YAML are the user's to keep linear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from framing.text.layout import LIST_MARKER

__all__ = [
    "BULLET",
    "CAPTION_MARKERS",
    "COMMENT_BODY",
    "COMMENT_START",
    "ENUMERATION",
    "INLINE_PATTERNS",
    "LETTER_MARKER",
    "LINE_PATTERNS",
    "PARTY_TITLE",
    "QUOTE_MARKER",
    "CleanConfig",
    "alternation",
]

_AGENCIES = (
    r"(?:AFP|AP|Reuters|REUTERS|Getty Images|EPA|Anadolu(?: Agency)?|Xinhua|IRNA|WANA"
    r"|Tasnim|Mehr|Fars|ISNA|IRIB|Shutterstock)"
)

# -- default rules ------------------------------------------------------------------------------
# Whole-line rules: a stripped line that fully matches one of these is removed with that kind.
LINE_PATTERNS: dict[str, list[str]] = {
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
INLINE_PATTERNS: dict[str, list[str]] = {
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
CAPTION_MARKERS = [
    r"\((?:left|right|center|centre)\)",
    r"\((?:far |second |third |2nd |3rd )(?:from )?(?:left|right)\)",
    r"\((?:clockwise )?from (?:top )?(?:left|right)\)",
    r"\((?:L|R)\s?(?:-|to)\s?(?:R|L)\)",
]
# Single-letter markers "(L)", "(R)", "(C)", "(c)" mark a caption too, but not "(R)" as a party
# label ("Sen. Lindsey Graham (R) said") nor "(c)" in an enumeration ("(a) trade, (b) ... (c)").
LETTER_MARKER = r"\(([LRClrc])\)"
PARTY_TITLE = r"(?:\b(?:Sen|Rep|Gov)\.|Senator|Representative|Congress(?:man|woman)|Governor)"
ENUMERATION = r"\((?:a|b|i|ii)\)"
COMMENT_START = (
    r"(?i)(?:\d+ )?comments?(?: \(\d+\))?|(?:leave|post) a (?:comment|reply)|comment policy"
)
COMMENT_BODY = (
    r"(?i)\b(?:comments?|moderat\w*|community (?:guidelines|standards|rules)|profanity"
    r"|personal attacks|approved or rejected|will (?:not )?be (?:published|removed|deleted"
    r"|rejected|tolerated)|constructive criticism|off-topic|abusive|respectful)\b"
)
BULLET = LIST_MARKER.pattern
QUOTE_MARKER = r"[ \t]*(?:>[ \t]*)+"


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
        >>> from framing.text.clean import clean
        >>> config = CleanConfig.from_dict({"patterns": {"chrome": ["Newsletter"]}})
        >>> clean("Newsletter\\nIran and Iraq signed a pact.", config).text
        'Iran and Iraq signed a pact.'
    """

    line_patterns: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in LINE_PATTERNS.items()}
    )
    inline_patterns: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in INLINE_PATTERNS.items()}
    )
    caption_markers: list[str] = field(default_factory=lambda: list(CAPTION_MARKERS))
    comment_start: str = COMMENT_START
    comment_body: str = COMMENT_BODY
    bullet: str = BULLET
    quote_marker: str = QUOTE_MARKER
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


def alternation(regexes: list[str]) -> re.Pattern[str] | None:
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
