"""Property tests on rule-shaped text.

Lines drawn from the rules' own regexes (every line, inline, caption, comment, bullet and quote
rule of the cleaner, the shipped ``configs/cleaning.yaml`` and the segmenter's scans), mixed
with noise, runs of spaces and repeats, go through :func:`framing.clean` and
:func:`framing.segment`. Cleaning keeps its map to the raw text, sentences stay sorted and
inside the text, and every call finishes in time linear in its length: at most ``FACTOR``
times as long per character as ordinary text (stopped by SIGALRM past that, with a floor for
timer noise on short texts).

The linear rewrites decide what the code they replace decided: ``layout._last_word`` is the
regex search it replaces, the pull-quote lookup by anchors finds what scanning with ``find``
found, and the two caption passes reach the fixed point of the caption rules.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from deadlines import deadline
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.text.clean import CleanConfig, CleanedText, Cleaner
from framing.text.segment import Sentence

REPO = Path(__file__).resolve().parents[2]
layout = importlib.import_module("framing.text.layout")
repeats = importlib.import_module("framing.text.repeats")
FACTOR = 200  # allowed time per character, in units of the time per character of ordinary text
FLOOR = 0.5  # seconds: no call is stopped sooner

ORDINARY = (
    "Iran and Iraq signed a border security agreement on Monday, officials said. The deal, "
    "which focuses on security management, is intended to counter armed groups in the Kurdish "
    "border region [1]. Photo: IRNA\n\nAli Larijani (right) met Mohammed Shia al-Sudani in "
    'Baghdad. "We support the agreement," the U.S. envoy said on Jan. 5.\n'
)


def rule_patterns() -> tuple[list[str], list[str]]:
    """(whole-line rules, other rules) as regex sources: the defaults, the shipped YAML and the
    module-level regexes of the segmenter and the layout rules."""
    config = CleanConfig.from_yaml(REPO / "configs" / "cleaning.yaml")
    lines = [p for patterns in config.line_patterns.values() for p in patterns]
    lines.append(config.comment_start)
    others = [p for patterns in config.inline_patterns.values() for p in patterns]
    others += [*config.caption_markers, config.comment_body, config.bullet, config.quote_marker]
    for name in ("framing.text.news", "framing.text.layout"):
        module = importlib.import_module(name)
        others += [v.pattern for v in vars(module).values() if isinstance(v, re.Pattern)]
    return lines, others


LINE_RULES, OTHER_RULES = rule_patterns()

rule_text = st.one_of(
    st.sampled_from(LINE_RULES).flatmap(lambda p: st.from_regex(p, fullmatch=True)),
    st.sampled_from(OTHER_RULES).flatmap(lambda p: st.from_regex(p)),
)
noise = st.text(alphabet=list(" \t\xa0.,;:!?-'’\"“/|•[]()…>\u200baAzZ1\n"), max_size=12)
spaces = st.builds(
    lambda ch, k: ch * k, st.sampled_from([" ", "\t", "\xa0", " \t"]), st.integers(1, 400)
)
breaks = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\u2028"])
repeated = st.builds(
    lambda text, count, joint: joint.join([text] * count),
    rule_text,
    st.integers(2, 40),
    st.sampled_from(["", " ", "\n", "\n\n", " /", " | "]),
)
documents = st.lists(
    st.one_of(rule_text, rule_text, noise, spaces, breaks, repeated), max_size=25
).map("".join)


@functools.cache
def per_char(name: str, call: Callable[[str], object]) -> float:
    """Seconds per character of ``call`` on ordinary text (measured once)."""
    text = (ORDINARY * 200)[:50_000]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        call(text)
        best = min(best, time.perf_counter() - start)
    return best / len(text)


def bounded(name: str, call: Callable[[str], object], text: str) -> object:
    """``call(text)``, failing when it takes longer than linear time allows."""
    budget = max(FLOOR, FACTOR * per_char(name, call) * len(text))
    with deadline(budget):
        return call(text)


def check_cleaned(raw: str, cleaned: CleanedText) -> None:
    text, offsets = cleaned.text, cleaned.offsets
    assert len(offsets) == len(text)
    assert all(a < b for a, b in pairwise(offsets)), "offsets not increasing"
    for ch, at in zip(text, offsets, strict=True):
        assert 0 <= at < len(raw)
        assert ch == raw[at] or (ch.isspace() and raw[at].isspace()), (ch, raw[at], at)
    spans = sorted((r.start, r.end) for r in cleaned.removals)
    for removal in cleaned.removals:
        assert 0 <= removal.start < removal.end <= len(raw)
        assert raw[removal.start : removal.end] == removal.text
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start, "removals overlap"
    starts = [a for a, _ in spans]
    for at in offsets:  # no kept character lies inside a removal
        k = bisect.bisect_right(starts, at) - 1
        assert k < 0 or at >= spans[k][1], (at, spans[k])


def check_sentences(raw: str, sentences: list[Sentence], cleaning: bool) -> None:
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(raw), (previous_end, s)
        assert s.text.strip() == s.text and s.text
        if not cleaning:
            assert s.text == raw[s.start : s.end]
        previous_end = s.end


CALLS: dict[str, Callable[[str], object]] = {
    "clean": framing.clean,
    "segment": framing.segment,
    "segment raw": lambda text: framing.segment(text, clean=False),
}


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@pytest.mark.slow
@given(raw=documents)
def test_rule_shaped_documents(raw: str) -> None:
    check_cleaned(raw, bounded("clean", CALLS["clean"], raw))
    check_sentences(raw, bounded("segment", CALLS["segment"], raw), cleaning=True)
    check_sentences(raw, bounded("segment raw", CALLS["segment raw"], raw), cleaning=False)


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    line=rule_text,
    count=st.integers(100, 1000),
    joint=st.sampled_from(["", " ", "\n", " /", " | "]),
    end=st.sampled_from(["", "!", ".", "\n"]),
)
def test_long_repeats_of_rule_lines(line: str, count: int, joint: str, end: str) -> None:
    """A rule-shaped line repeated into a long document: still linear."""
    raw = joint.join([line] * count) + end
    check_cleaned(raw, bounded("clean", CALLS["clean"], raw))
    check_sentences(raw, bounded("segment", CALLS["segment"], raw), cleaning=True)
    check_sentences(raw, bounded("segment raw", CALLS["segment raw"], raw), cleaning=False)


# -- the linear rewrites decide what the rules decided ------------------------------------------
LAST_WORD = re.compile(r"([\w’'-]+)\W*$")  # what layout._last_word replaces (quadratic)


@given(text=st.text(alphabet=list("aZ_1é²٣’'- \t.!«\n"), max_size=30))
def test_last_word_is_the_regex_it_replaces(text: str) -> None:
    m = LAST_WORD.search(text)
    assert layout._last_word(text) == (m.group(1) if m else None)


def contains_by_scanning(haystack: str, needle: str) -> bool:
    """The pull-quote test before anchors: every place ``find`` gives, whole words only."""
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not haystack[start - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        ):
            return True
        start = haystack.find(needle, start + 1)
    return False


pieces = st.sampled_from(["a", "b", "ab", "_", "a_b", " ", ", ", "é", "1", "-", "'"])


@given(
    haystack=st.lists(pieces, max_size=30).map("".join),
    cut=st.tuples(st.integers(0, 40), st.integers(1, 12)),
    other=st.lists(pieces, min_size=1, max_size=8).map("".join),
    size=st.sampled_from([1, 2, 3, 6]),
)
def test_pull_quote_anchors_find_what_scanning_finds(
    haystack: str, cut: tuple[int, int], other: str, size: int
) -> None:
    start, length = cut
    needle = haystack[start : start + length] or other
    anchor = repeats._anchor(needle, size)
    if anchor is None:  # no letter or digit: never a pull-quote
        return
    count, key, offset = anchor
    places = repeats._anchors(haystack, count).get(key, [])
    found = repeats._contains_at(haystack, needle, places, offset)
    assert found == contains_by_scanning(haystack, needle)


CAPTION_LINES = [
    "Photo: IRIB",
    "REUTERS/Ahmed Jadallah",
    "Security Council Ali Larijani arrives to",
    "the meeting in Baghdad",
    "Key points",
    "the deal, which",
    "Larijani (L) and Sudani",
    "Iran said so.",
    "***",
    "Skip to content",
    "tags: iran, iraq",
    "THE END",
    "and then the",
]


def captions_by_iteration(cleaner: Cleaner, raw: str, lines: list) -> list[str | None]:
    """The caption rules of :meth:`Cleaner._find_captions`, applied to every line at once and
    again until nothing changes (each round reads the status the previous round gave)."""
    from framing.text.layout import continues, ends_sentence, starts_lower

    kinds = [line.kind for line in lines]
    texts = [raw[line.start : line.end] for line in lines]
    limit = cleaner.config.max_caption_fragment_chars
    caption = [False] * len(lines)

    def kind(j: int) -> str | None:
        return kinds[j] if kinds[j] is not None else ("caption" if caption[j] else None)

    for _ in range(len(lines) + 2):
        new = []
        for i, text in enumerate(texts):
            if kinds[i] is not None:
                new.append(False)
                continue
            fragment = len(text) <= limit and not ends_sentence(text)
            after = i + 1
            while after < len(lines) and kind(after) in ("credit", "caption"):
                after += 1
            goes_on = after < len(lines) and continues(text, texts[after])
            before_credit = i + 1 < len(lines) and kinds[i + 1] == "credit" and not goes_on
            after_credit = i > 0 and kind(i - 1) == "credit" and not starts_lower(text)
            continued = i > 0 and kind(i - 1) == "caption" and continues(texts[i - 1], text)
            new.append(
                cleaner._marks_caption(text)
                or (fragment and (before_credit or after_credit))
                or continued
            )
        if new == caption:
            return [kind(j) for j in range(len(lines))]
        caption = new
    raise AssertionError("the caption rules did not settle")


CAPTION_DOCUMENTS = st.lists(st.sampled_from(CAPTION_LINES), max_size=14)


def check_caption_passes(chosen: list[str]) -> None:
    """Two passes give what applying the rules until nothing changes gives."""
    cleaner = Cleaner()
    raw = "\n".join(chosen)
    lines = cleaner._split(raw)
    cleaner._classify(raw, lines)
    expected = captions_by_iteration(cleaner, raw, lines)
    cleaner._find_captions(raw, lines)
    assert [line.kind for line in lines] == expected


# hypothesis spends about 2 ms an example: 150 in the fast suite, 1,000 with the slow tests
@settings(max_examples=150, deadline=None)
@given(chosen=CAPTION_DOCUMENTS)
def test_caption_passes_reach_the_rules_fixed_point(chosen: list[str]) -> None:
    check_caption_passes(chosen)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(chosen=CAPTION_DOCUMENTS)
def test_caption_passes_reach_the_rules_fixed_point_on_many(chosen: list[str]) -> None:
    check_caption_passes(chosen)
