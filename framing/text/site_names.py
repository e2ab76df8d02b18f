"""The names a page's own site goes by, and how a line is compared with them.

Scraped pages print their site's name alone on a line (a logo's alt text, the masthead, a
footer): "Peregraf", "The New Region", "NCRI". :func:`site_names` derives the names from what is
known of the document (its outlet and URL, :class:`framing.text.metadata.DocumentMeta`);
:func:`name_keys` turns names into the keys a line is compared by, and :func:`name_key` gives a
line's key. :class:`framing.text.clean.Cleaner` removes a line whose key is one of them.

A key ignores case, punctuation and spaces, and a leading "The"; a name of three or more
capitalised words also goes by its initialism ("NCRI" for "National Council of Resistance of
Iran"). Keys without spaces let a URL's host stem ("timesofisrael") match the name written out
("The Times of Israel").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

__all__ = ["name_key", "name_keys", "site_names"]

_ALNUM_RE = re.compile(r"[^\W_]+")  # a run of letters and digits
_THE = "the"
_MIN_INITIALISM = 3  # "NR" or "TI" would stand for too many things
_PARENTHESES_RE = re.compile(r"\(([^()]*)\)")
# "Name | Tagline", "Name – Region" (the outlet's spaces are single by then: a fixed length)
_OUTLET_SPLIT_RE = re.compile(r" [|/–—-] ")
# second-level labels of country domains: "thisisbeirut.com.lb" has the stem "thisisbeirut"
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go"})
_HOST_PREFIXES = ("www.", "m.", "amp.")


def site_names(outlet: str | None = None, url: str | None = None) -> tuple[str, ...]:
    """The names a page's site goes by: the outlet, the parts of an outlet written as
    "ABBR (Full Name)" or "Name | Tagline", the URL's host without "www." and the host's stem.

    Example:
        >>> site_names("ABNA (AhlulBayt News Agency)", "https://en.abna24.com/news/1762745")
        ('ABNA (AhlulBayt News Agency)', 'ABNA', 'AhlulBayt News Agency', 'en.abna24.com', 'abna24')
        >>> site_names(url="https://www.thisisbeirut.com.lb/articles/1327163")
        ('thisisbeirut.com.lb', 'thisisbeirut')
    """
    names: list[str] = []
    if outlet and outlet.strip():
        outlet = " ".join(outlet.split())
        names.append(outlet)
        inside = _PARENTHESES_RE.findall(outlet)
        outside = _PARENTHESES_RE.sub(" ", outlet)
        for part in [*_OUTLET_SPLIT_RE.split(outside), *inside]:
            names.append(" ".join(part.split()))
    if url and url.strip():
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix):
                host = host[len(prefix) :]
                break
        if host:
            names.append(host)
            labels = host.split(".")
            suffix = 2 if len(labels) > 2 and labels[-2] in _SECOND_LEVEL else 1
            if len(labels) > suffix:
                names.append(labels[-suffix - 1])
    return tuple(dict.fromkeys(n for n in names if n))


def name_key(text: str) -> str:
    """How a line and a name are compared: its letters and digits in lower case, without
    spaces or punctuation, and without a leading "The".

    Example:
        >>> name_key("The Times of Israel"), name_key("TIMESOFISRAEL.")
        ('timesofisrael', 'timesofisrael')
    """
    runs = _ALNUM_RE.findall(text.casefold())
    if len(runs) > 1 and runs[0] == _THE:
        runs = runs[1:]
    return "".join(runs)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The keys of ``names`` (:func:`name_key`), with the initialism of each name of three or
    more capitalised words (small words such as "of" are skipped).

    Example:
        >>> sorted(name_keys(["National Council of Resistance of Iran"]))
        ['nationalcouncilofresistanceofiran', 'ncri']
    """
    keys = set()
    for name in names:
        if key := name_key(name):
            keys.add(key)
        words = _ALNUM_RE.findall(name)
        if len(words) > 1 and words[0].casefold() == _THE:
            words = words[1:]  # "The New York Times" stands for NYT
        capitals = [w[0] for w in words if w[0].isupper()]
        if len(capitals) >= _MIN_INITIALISM:
            keys.add("".join(capitals).casefold())
    return frozenset(keys)
