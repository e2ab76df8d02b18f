"""What is known about a document besides its text: outlet, date, URL, title and author.

:class:`DocumentMeta` is the one record for it, whichever way it comes: read from an HTML page
(:mod:`framing.text.html`), from columns of a CSV or JSONL file (``--meta-fields``), or given as
keyword arguments to ``Analyzer.analyze``. Every field is an optional string; a date is kept as
ISO ``YYYY-MM-DD`` when it can be read (:func:`normalise_date`), else as given.

    >>> DocumentMeta(outlet="AP", date="Mon, 03 Nov 2025 10:00:00 GMT").date
    '2025-11-03'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

__all__ = ["META_FIELDS", "DocumentMeta", "normalise_date"]

META_FIELDS = ("outlet", "date", "url", "title", "author")

# date layouts seen on news pages and in scraped feeds, tried in order after ISO 8601 and RFC 2822
# (day-first and month-first numeric dates such as 03/11/2025 are ambiguous: they stay as given)
DATE_FORMATS = (
    "%d %B %Y",  # 3 November 2025
    "%d %b %Y",  # 3 Nov 2025
    "%B %d, %Y",  # November 3, 2025
    "%b %d, %Y",  # Nov 3, 2025
    "%B %d %Y",
    "%b %d %Y",
    "%A, %d %B %Y",  # Monday, 3 November 2025
    "%A, %B %d, %Y",  # Monday, November 3, 2025
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
)
# a year and month (2025-11), or a year alone: already ISO, kept as they are
_PARTIAL_ISO = re.compile(r"\d{4}(-\d{2})?")
_ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def normalise_date(value: str) -> str:
    """The date as ISO ``YYYY-MM-DD`` when it can be read, else the value stripped.

    Example:
        >>> normalise_date("2025-11-03T10:00:00Z"), normalise_date("November 3, 2025")
        ('2025-11-03', '2025-11-03')
        >>> normalise_date("2025-11"), normalise_date("last week")
        ('2025-11', 'last week')
    """
    text = " ".join(value.split())
    if not text or _PARTIAL_ISO.fullmatch(text):
        return text
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except (ValueError, OverflowError):
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):  # "+99999999999999999999"
        pass
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(text, layout).date().isoformat()
        except (ValueError, OverflowError):
            continue
    return text


def date_note(value: str | None) -> str | None:
    """A warning for a date that :func:`normalise_date` could not read (kept as given, so a
    column of dates would mix formats), else None.

    Example:
        >>> date_note("11/03/2025")
        "date '11/03/2025' is kept as given: it is not a date read unambiguously (give YYYY-MM-DD)"
    """
    if value is None or _ISO_DATE.fullmatch(value):
        return None
    return f"date {value!r} is kept as given: it is not a date read unambiguously (give YYYY-MM-DD)"


@dataclass(frozen=True)
class DocumentMeta:
    """A document's metadata; every field optional (None when unknown).

    Values are stripped, blank ones become None, and a date is normalised
    (:func:`normalise_date`).

    Example:
        >>> page = DocumentMeta(title="Talks resume", outlet="Daily Example")
        >>> page.merged(DocumentMeta(outlet="Example")).to_dict()["outlet"]
        'Example'
    """

    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise TypeError(f"metadata {f.name!r} must be a string, got {value!r}")
            value = " ".join(value.split()) or None
            if value is not None and f.name == "date":
                value = normalise_date(value)
            object.__setattr__(self, f.name, value)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, source: str = "metadata") -> DocumentMeta:
        """The record of a mapping with (some of) the fields; numbers are read as strings.

        Raises:
            ValueError: a key that is not a metadata field (``source`` and the key named).
            TypeError: a value that is neither a string, a number nor None.
        """
        if not data:
            return cls()
        unknown = sorted(set(data) - set(META_FIELDS))
        if unknown:
            raise ValueError(
                f"{source}: unknown metadata field(s) {unknown} (known: {', '.join(META_FIELDS)})"
            )
        values = {}
        for key, value in data.items():
            if isinstance(value, bool) or not isinstance(value, str | int | float | type(None)):
                raise TypeError(f"{source}: {key!r} must be a string, got {value!r}")
            values[key] = None if value is None else str(value)
        return cls(**values)

    def merged(self, other: DocumentMeta | None) -> DocumentMeta:
        """This record with the fields ``other`` knows replaced by its values (``other`` wins)."""
        if other is None:
            return self
        return replace(self, **{k: v for k, v in other.to_dict().items() if v is not None})

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    def __bool__(self) -> bool:
        return any(v is not None for v in self.to_dict().values())
