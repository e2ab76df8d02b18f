"""A golden-rules check for sentence segmenters: short English cases, each with its sentences.

The cases are written for framing in the shape of pySBD's English "golden rules" (one hard
pattern per case: abbreviations, numbers, quotes, lists, URLs, ellipses, ...), not copied from
them. A segmenter passes a case when it returns exactly the expected sentences (blanks trimmed).
:func:`score_golden` counts the passed cases; ``python -m framing.bench segment`` reports it per
segmenter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CASES", "GoldenCase", "score_golden"]


@dataclass(frozen=True)
class GoldenCase:
    """One golden rule: the kind of pattern, the text and its sentences."""

    kind: str
    text: str
    sentences: tuple[str, ...]


def _case(kind: str, text: str, *sentences: str) -> GoldenCase:
    return GoldenCase(kind, text, sentences)


CASES: tuple[GoldenCase, ...] = (
    _case("period", "The river rose. The town flooded.", "The river rose.", "The town flooded."),
    _case("question", "Did the ferry leave? Nobody knew.", "Did the ferry leave?", "Nobody knew."),
    _case("exclamation", "Stop the car! We forgot the map.", "Stop the car!", "We forgot the map."),
    _case(
        "one-letter abbreviation",
        "The deal with the U.S. government fell through on Monday.",
        "The deal with the U.S. government fell through on Monday.",
    ),
    _case(
        "abbreviation at sentence end",
        "She moved to the U.S. Her sister stayed home.",
        "She moved to the U.S.",
        "Her sister stayed home.",
    ),
    _case(
        "title",
        "Dr. Amal Haddad met Prof. Osei at noon.",
        "Dr. Amal Haddad met Prof. Osei at noon.",
    ),
    _case("title plural", "Messrs. Grant and Lowe signed it.", "Messrs. Grant and Lowe signed it."),
    _case(
        "lower-case abbreviation",
        "Bring tools, e.g. a hammer, and leave at 5 p.m. sharp.",
        "Bring tools, e.g. a hammer, and leave at 5 p.m. sharp.",
    ),
    _case(
        "time at sentence end",
        "The shop opens at 9 a.m. It closes late.",
        "The shop opens at 9 a.m.",
        "It closes late.",
    ),
    _case(
        "month abbreviation",
        "The vote is on Nov. 3 in every county.",
        "The vote is on Nov. 3 in every county.",
    ),
    _case(
        "number abbreviation",
        "Turn to p. 12 and read No. 4 first.",
        "Turn to p. 12 and read No. 4 first.",
    ),
    _case(
        "company abbreviation",
        "Harlow Inc. reported a loss. Shares fell.",
        "Harlow Inc. reported a loss.",
        "Shares fell.",
    ),
    _case(
        "company abbreviation mid-sentence",
        "Shares of Harlow Corp. common stock fell.",
        "Shares of Harlow Corp. common stock fell.",
    ),
    _case(
        "initials",
        "The essay by J. R. Hale won a prize. Critics agreed.",
        "The essay by J. R. Hale won a prize.",
        "Critics agreed.",
    ),
    _case(
        "decimal",
        "Prices rose 2.5 percent in May. Wages did not.",
        "Prices rose 2.5 percent in May.",
        "Wages did not.",
    ),
    _case(
        "money",
        "The bridge cost $4.75 million. It opened in 2019.",
        "The bridge cost $4.75 million.",
        "It opened in 2019.",
    ),
    _case(
        "number at sentence start",
        "Sales peaked in 2008. 2009 was worse.",
        "Sales peaked in 2008.",
        "2009 was worse.",
    ),
    _case(
        "version number",
        "Install version 3.10.2 today. It fixes the bug.",
        "Install version 3.10.2 today.",
        "It fixes the bug.",
    ),
    _case(
        "url",
        "Read more at www.example.org/news. The site is free.",
        "Read more at www.example.org/news.",
        "The site is free.",
    ),
    _case(
        "url with scheme",
        "See https://example.com/a.b?c=d for details. Then reply.",
        "See https://example.com/a.b?c=d for details.",
        "Then reply.",
    ),
    _case(
        "email",
        "Write to help.desk@example.com today. We answer fast.",
        "Write to help.desk@example.com today.",
        "We answer fast.",
    ),
    _case(
        "ellipsis inside",
        "He hesitated ... and then he signed.",
        "He hesitated ... and then he signed.",
    ),
    _case(
        "ellipsis at end",
        "We waited and waited... The bus never came.",
        "We waited and waited...",
        "The bus never came.",
    ),
    _case(
        "quote closes sentence",
        'She said, "The vote is over." Then she left.',
        'She said, "The vote is over."',
        "Then she left.",
    ),
    _case(
        "question in quote",
        '"Where is the key?" he asked.',
        '"Where is the key?" he asked.',
    ),
    _case(
        "exclamation in quote",
        "“Run!” shouted the guard. We ran.",
        "“Run!” shouted the guard.",
        "We ran.",
    ),
    _case(
        "single quotes",
        "He called it 'a disaster.' The board disagreed.",
        "He called it 'a disaster.'",
        "The board disagreed.",
    ),
    _case(
        "parentheses",
        "The plan failed (as expected). A new one came.",
        "The plan failed (as expected).",
        "A new one came.",
    ),
    _case(
        "sentence in parentheses",
        "The plan failed. (Nobody was surprised.) A new one came.",
        "The plan failed.",
        "(Nobody was surprised.)",
        "A new one came.",
    ),
    _case(
        "multiple punctuation",
        "Really?! I had no idea. Wow!!",
        "Really?!",
        "I had no idea.",
        "Wow!!",
    ),
    _case(
        "numbered list",
        "1. Buy flour\n2. Bake the bread\n3. Eat it",
        "1. Buy flour",
        "2. Bake the bread",
        "3. Eat it",
    ),
    _case(
        "lettered list",
        "a) the north\nb) the south",
        "a) the north",
        "b) the south",
    ),
    _case(
        "bulleted list",
        "• fresh eggs\n• two lemons",
        "• fresh eggs",
        "• two lemons",
    ),
    _case(
        "heading without punctuation",
        "Storm Warning\n\nThe coast braced for the storm.",
        "Storm Warning",
        "The coast braced for the storm.",
    ),
    _case(
        "line without final punctuation",
        "see you tomorrow\nthanks for the help",
        "see you tomorrow",
        "thanks for the help",
    ),
    _case(
        "lower-case start",
        "is the museum open on sunday? they said yes. great!",
        "is the museum open on sunday?",
        "they said yes.",
        "great!",
    ),
    _case(
        "vs",
        "It was Lyon vs. Nantes. Lyon won.",
        "It was Lyon vs. Nantes.",
        "Lyon won.",
    ),
    _case(
        "et al",
        "The study by Okafor et al. was cited twice. It holds up.",
        "The study by Okafor et al. was cited twice.",
        "It holds up.",
    ),
    _case(
        "etc at end",
        "They sold pens, paper, ink, etc. The shop closed in May.",
        "They sold pens, paper, ink, etc.",
        "The shop closed in May.",
    ),
    _case(
        "street abbreviation",
        "She lives on Elm St. near the park.",
        "She lives on Elm St. near the park.",
    ),
    _case(
        "military title",
        "Gen. Ortiz and Lt. Col. Park arrived. They spoke briefly.",
        "Gen. Ortiz and Lt. Col. Park arrived.",
        "They spoke briefly.",
    ),
    _case(
        "citation",
        "The lake dried up in 1998.[4] Rain returned later.",
        "The lake dried up in 1998.[4]",
        "Rain returned later.",
    ),
    _case(
        "geo coordinates",
        "The wreck lies at 41.7 N, 49.9 W. Divers found it.",
        "The wreck lies at 41.7 N, 49.9 W.",
        "Divers found it.",
    ),
    _case(
        "time with colon",
        "The train left at 10:45. It was late.",
        "The train left at 10:45.",
        "It was late.",
    ),
    _case(
        "dateline",
        "LISBON (Reuters) - Portugal's cabinet met on Friday.",
        "LISBON (Reuters) -",
        "Portugal's cabinet met on Friday.",
    ),
    _case(
        "mid-sentence colon",
        "He had one rule: never lie. It served him well.",
        "He had one rule: never lie.",
        "It served him well.",
    ),
    _case(
        "double space",
        "The game ended.  Fans went home.",
        "The game ended.",
        "Fans went home.",
    ),
    _case(
        "no space after period",
        "The road was closed.Drivers waited.",
        "The road was closed.",
        "Drivers waited.",
    ),
)


def score_golden(name: str) -> dict[str, Any]:
    """How many golden cases segmenter ``name`` gets exactly right (text as given, no cleaning).

    Returns:
        ``{"passed": int, "total": int, "failed": [kind, ...]}``.

    Example:
        >>> result = score_golden("default")
        >>> result["total"] == len(CASES)
        True
    """
    from framing.text.segment import segment

    failed = []
    for case in CASES:
        got = tuple(s.text for s in segment(case.text, segmenter=name, clean=False))
        if got != case.sentences:
            failed.append(case.kind)
    return {"passed": len(CASES) - len(failed), "total": len(CASES), "failed": failed}
