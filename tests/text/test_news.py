"""The default segmenter's rules for text that is not news: lower-case sentence starts, citations
after a space, paragraph breaks (:mod:`framing.text.news`)."""

from __future__ import annotations

import pytest

import framing
from framing.text.layout import leaves_open


def texts(source: str) -> list[str]:
    return [s.text for s in framing.segment(source, clean=False)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # forum text starts sentences in lower case after "?", "!" and a plain word's period
        (
            "is the pool open in winter? they said no. it closes in May!! so sad",
            ["is the pool open in winter?", "they said no.", "it closes in May!!", "so sad"],
        ),
        ("Loved the soup. the bread was stale.", ["Loved the soup.", "the bread was stale."]),
        ("We met at 5th. then we left.", ["We met at 5th.", "then we left."]),
        # a quote or bracket after "?" or "!" belongs to a sentence that goes on
        ('"Why?" he asked. "No!" she said.', ['"Why?" he asked.', '"No!" she said.']),
        # abbreviations, initials and ellipses before a lower-case word do not end a sentence
        ("Shares of Enron Corp. common stock fell.", ["Shares of Enron Corp. common stock fell."]),
        ("It cost approx. five dollars.", ["It cost approx. five dollars."]),
        ("Scientology vs. the Internet.", ["Scientology vs. the Internet."]),
        ("Tools, e.g. a saw.", ["Tools, e.g. a saw."]),
        ("He said j. smith came.", ["He said j. smith came."]),
        ("I waited... and waited.", ["I waited... and waited."]),
        ("Not that.. but this.", ["Not that.. but this."]),
        # a lettered list item after a period is not a new sentence start in lower case
        ("They want freedom. b) Refusing work.", ["They want freedom. b) Refusing work."]),
        # a citation after a space stays with the sentence it closes
        (
            "He left Harrow in 1805. [6] An undistinguished student, he read.",
            ["He left Harrow in 1805. [6]", "An undistinguished student, he read."],
        ),
        (
            "It rained. [1][2] Then it stopped. [3]",
            ["It rained. [1][2]", "Then it stopped. [3]"],
        ),
        # a paragraph break ends a sentence unless the line stops on an open word or a comma
        (
            "Buy a new phone\n\nhope they call back",
            ["Buy a new phone", "hope they call back"],
        ),
        (
            "the food there is usually that good\n\nmy favourite is the soup",
            ["the food there is usually that good", "my favourite is the soup"],
        ),
        (
            "The minister met the delegation from\n\nthe neighbouring country.",
            ["The minister met the delegation from\n\nthe neighbouring country."],
        ),
        # circa before a year, a plural title
        (
            "Athens was unified (c. 1230 BC). Drs. Ali and Chen agreed.",
            ["Athens was unified (c. 1230 BC).", "Drs. Ali and Chen agreed."],
        ),
        # links listed one after another on a line
        (
            "See these: http://a.example/1.html http://a.example/2.html www.b.example",
            [
                "See these: http://a.example/1.html",
                "http://a.example/2.html",
                "www.b.example",
            ],
        ),
        ("Download it from www.example.com today.", ["Download it from www.example.com today."]),
        # a dateline after a colon
        (
            "Here is the contest: TEHRAN (AFP) - A contest of cartoons opened.",
            ["Here is the contest:", "TEHRAN (AFP) -", "A contest of cartoons opened."],
        ),
        # a single line break still joins a sentence broken by layout
        (
            "There is a will among the parties here to\nfollow through on it.",
            ["There is a will among the parties here to\nfollow through on it."],
        ),
    ],
)
def test_default_segmenter_on_web_text(source: str, expected: list[str]) -> None:
    assert texts(source) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("There is a will to follow through on", True),
        ("In the end,", True),
        ("The talks went well -", True),
        ("Buy a new phone", False),
        ("It is over.", False),
        ("", False),
    ],
)
def test_leaves_open(line: str, expected: bool) -> None:
    assert leaves_open(line) is expected
