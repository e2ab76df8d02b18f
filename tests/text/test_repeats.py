"""Tests of :mod:`framing.text.repeats`: the indices of repeated lines and pull-quotes."""

from __future__ import annotations

from framing.text.repeats import duplicates, pull_quotes

BODY = "Larijani said the agreement marks a new chapter in relations between the two countries."
QUOTE = "the agreement marks a new chapter in relations"


def test_duplicates_are_the_later_copies_compared_by_words() -> None:
    lines = [
        "Iran and Iraq sign a pact",
        BODY,
        "IRAN AND IRAQ: SIGN A PACT!",
        "iran and iraq sign a pact",
    ]
    assert duplicates(lines, 20) == [2, 3]
    assert duplicates(lines, 26) == []  # "iran and iraq sign a pact" is 25 characters


def test_pull_quotes_are_lines_inside_a_longer_kept_line() -> None:
    lines = ["Headline of the page", BODY, f"“{QUOTE}”"]
    assert pull_quotes(lines, [False] * 3, 6) == [2]
    assert pull_quotes(lines, [False] * 3, 8) == [2]  # the quote has 8 words
    assert pull_quotes(lines, [False] * 3, 9) == []
    # a removed line holds nothing, and is never a pull-quote itself
    assert pull_quotes(lines, [False, True, False], 6) == []
    assert pull_quotes(lines, [False, False, True], 6) == []


def test_the_first_line_and_whole_words_only() -> None:
    # the headline stays even when the lede repeats it; a line found inside another only across
    # a word boundary ("relation" in "relations") is no pull-quote
    assert pull_quotes([QUOTE, BODY], [False, False], 6) == []
    cut = "the agreement marks a new chapter in relation"
    assert pull_quotes(["Headline", BODY, cut], [False] * 3, 6) == []
