"""Datelines: the place (and date and agency) a wire story opens with, found with exact offsets.

A dateline is content, not noise: the segmenter makes it a sentence of its own
(:mod:`framing.text.news`) and a caller can record it in a document's metadata. Its forms::

    TEHRAN –                                 a place in capitals and any dash (-, --, –, —, ―)
    BAGHDAD (Dispatches) --                  an agency in brackets
    DUBAI, United Arab Emirates (AP) —       the region after a comma
    TEHRAN, Aug. 25 (MNA) –                  a date after a comma
    ERBIL, Kurdistan Region -                a place in capitals or capitalised, with its region
    Baghdad, Aug 12 (NationPress)            no dash: then a date or region and an agency

A dateline ends with its dash (or its agency's bracket) and is followed by a capital or a quote
that opens the story. It starts a line, follows a sentence's end, or follows a date or time run
into it ("date 2025-07-21 TEHRAN – ...", but not "223 HUB - Robeson Center"). A capitalised
place ("Iran - Iraq relations") needs a region, a date or an agency, so that a headline's dash is
not read as a dateline; a place in capitals needs three characters ("PS -- There is").

Linear in the text: one scan finds the rare places where a dash or an agency's bracket is followed
by a capital, and each is read back over at most :data:`REACH` characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["REACH", "Dateline", "find_dateline", "iter_datelines"]

# The longest dateline read, in characters ("SAN FRANCISCO, California, United States, Aug. 25,
# 2025 (Associated Press) —" is 75).
REACH = 100

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December"
)
# Where a dateline may end: a dash, or an agency's closing bracket, before the story's first
# capital or quote. Both are rare in running text, so the scan stays cheap.
# (It opens with one character set, which the regex engine skips to fast; a scan that opened
# with the space before the dash tried every space of the text, four times slower.)
_END = re.compile(r"[-–—―)]-?[ \t]+(?=[A-Z\"“‘])")
# The dateline itself, read back from its end (searched between a line start and the end).
# Its start: a line start, or a space after a sentence's end or a colon ("... this contest:
# TEHRAN (AFP) - An international ...") or after a time stamp (a year,
# "2025-07-21", "10:30"). A place in capitals has three characters or more ("PS -- There is").
_DATELINE = re.compile(
    r"""
    (?:(?<![^\n\r])[ \t]*|(?<=[.!?:"”][ \t])|(?<=[-:/.]\d\d[ \t])|(?<=\b\d{4}[ \t]))
    (?P<start>)
    (?:
        (?P<caps>[A-Z][A-Z'’.-]{2,}(?:[ ][A-Z][A-Z'’.-]+){0,3})
      | (?P<name>[A-Z][a-z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,2})
    )
    (?P<region>(?:,[ ](?!(?:"""
    + _MONTH
    + r""")\b)[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,3}){0,2})
    (?:,?[ ](?P<date>(?:"""
    + _MONTH
    + r""")[ ]\d{1,2}(?:,[ ]\d{4})?))?
    (?:[ \t]*\((?P<agency>[^()\n]{1,30})\))?
    (?:[ \t]+(?P<dash>--?|[–—―]))?
    \Z
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found in a text.

    Attributes:
        start: offset of its first character.
        end: offset after its last character (after the dash, or the agency's bracket).
        place: the place as written ("DUBAI, United Arab Emirates").
        agency: the agency in brackets ("AP"), or None.
        text: the dateline as written, ``text[start:end]``.
        date: the date in it ("Aug. 25"), or None.
    """

    start: int
    end: int
    place: str
    agency: str | None
    text: str
    date: str | None = None


def iter_datelines(text: str, start: int = 0) -> Iterator[Dateline]:
    """Every dateline of ``text`` that starts at or after ``start``, in text order.

    Example:
        >>> [d.text for d in iter_datelines("CAIRO – Talks began. BEIRUT (AP) — Talks ended.")]
        ['CAIRO –', 'BEIRUT (AP) —']
    """
    for end in _END.finditer(text, start):
        at = end.start()
        dash = text[at] != ")"
        if dash and (at == 0 or text[at - 1] not in " \t"):
            continue  # "well-known- The": a dash ends a dateline only after a space
        if not dash and (text[at + 1] == "-" or not text[end.end()].isupper()):
            continue  # an agency's bracket is followed by the story's first word
        stop = at if dash else at + 1  # before the dash's space, or after ")"
        lo = max(start, stop - REACH)
        newline = max(text.rfind("\n", lo, stop), text.rfind("\r", lo, stop))
        if newline >= 0:
            lo = newline + 1
        found = _read(text, lo, stop if not dash else end.end())
        if found is not None:
            yield found


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """The first dateline of ``text`` at or after ``start``, or None.

    Args:
        text: any text (an article, or its first lines).
        start: where to start looking.

    Example:
        >>> d = find_dateline("Talks resume\\nDUBAI, United Arab Emirates (AP) — Iran said.")
        >>> d.place, d.agency, d.text
        ('DUBAI, United Arab Emirates', 'AP', 'DUBAI, United Arab Emirates (AP) —')
    """
    return next(iter_datelines(text, start), None)


def _read(text: str, lo: int, end: int) -> Dateline | None:
    """The dateline that ends at ``end`` (after its dash and the blanks after it, or after its
    agency's bracket) and starts at or after ``lo``; None when the text there is none."""
    stop = end
    while stop > lo and text[stop - 1] in " \t":
        stop -= 1
    m = _DATELINE.search(text, lo, stop)
    if m is None:
        return None
    region, date, agency, dash = m["region"], m["date"], m["agency"], m["dash"]
    if m["name"] is not None and not (region or date or agency):
        return None  # "Iran - Iraq relations grew": a capitalised word needs more to be a place
    if dash is None and not (agency and (region or date)):
        return None  # "the Guards Corps (IRGC) Commander": an agency alone is a bracket
    place = (m["caps"] or m["name"]) + region
    first = m.start("start")
    return Dateline(first, stop, place, agency, text[first:stop], date)
