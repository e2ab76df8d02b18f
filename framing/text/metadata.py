"""What is known about a document besides its text: outlet, date, URL, title and author, and
any other field the user carries (a CSV column such as ``slant_group`` or ``genre``).

:class:`DocumentMeta` is the one record for it, whichever way it comes: read from an HTML page
(:mod:`framing.text.html`), from columns of a CSV or JSONL file (``--meta-fields``), or given as
keyword arguments to ``Analyzer.analyze``. Every field is an optional string; a date is kept as
ISO ``YYYY-MM-DD`` when it can be read (:func:`normalise_date`), else as given. Fields other than
the five (:data:`META_FIELDS`) are kept in ``extra`` (a name -> string mapping), so that they can
never collide with the five; their names are checked by :func:`check_field_name`.

    >>> DocumentMeta(outlet="AP", date="Mon, 03 Nov 2025 10:00:00 GMT").date
    '2025-11-03'
    >>> DocumentMeta(outlet="AP", extra={"slant_group": " left "}).get("slant_group")
    'left'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

__all__ = ["EXTRA_KEY", "META_FIELDS", "DocumentMeta", "check_field_name", "normalise_date"]

META_FIELDS = ("outlet", "date", "url", "title", "author")
# the key that holds the other fields in a metadata mapping (the analysis schema's "metadata")
EXTRA_KEY = "extra"
# a field name: a letter or "_" first, then letters, digits, "_" or "-" (no ":", which --by uses
# for date:month, no spaces, so that a name reads the same on a command line and in a CSV header)
_FIELD_NAME = re.compile(r"[^\W\d][\w-]{0,63}")

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


def check_field_name(name: str) -> str:
    """``name`` when it can be a metadata field other than the five: a letter or ``_`` first,
    then letters, digits, ``_`` or ``-`` (64 at most), and not ``extra``.

    Raises:
        ValueError: a name that cannot be a field, named, with the reason.

    Example:
        >>> check_field_name("slant_group")
        'slant_group'
    """
    if not isinstance(name, str) or not _FIELD_NAME.fullmatch(name):
        raise ValueError(
            f"metadata field name {name!r} is not a name: a letter or '_' first, then letters, "
            "digits, '_' or '-' (64 at most)"
        )
    if name == EXTRA_KEY:
        raise ValueError(f"metadata field name {name!r} is reserved: give it another name")
    return name


def _text(source: str, key: str, value: Any) -> str | None:
    """A metadata value as a string (numbers are read as strings)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | type(None)):
        raise TypeError(f"{source}: {key!r} must be a string, got {value!r}")
    return None if value is None else str(value)


@dataclass(frozen=True)
class DocumentMeta:
    """A document's metadata; every field optional (None when unknown).

    Values are stripped, blank ones become None (an extra field without a value is left out),
    and a date is normalised (:func:`normalise_date`).

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
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for name in META_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise TypeError(f"metadata {name!r} must be a string, got {value!r}")
            value = " ".join(value.split()) or None
            if value is not None and name == "date":
                value = normalise_date(value)
            object.__setattr__(self, name, value)
        if not isinstance(self.extra, Mapping):
            raise TypeError(f"metadata extra must be a mapping, got {self.extra!r}")
        extra = {}
        for name, value in self.extra.items():
            if name in META_FIELDS:
                raise ValueError(f"metadata field {name!r} is one of the five: not an extra one")
            check_field_name(name)
            if not isinstance(value, str):
                raise TypeError(f"metadata {name!r} must be a string, got {value!r}")
            if value := " ".join(value.split()):
                extra[name] = value
        object.__setattr__(self, "extra", extra)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any] | None, source: str = "metadata", *, loose: bool = False
    ) -> DocumentMeta:
        """The record of a mapping with (some of) the fields, the others under ``"extra"``
        (as :meth:`to_dict` writes them); numbers are read as strings.

        Args:
            data: the mapping.
            source: what the mapping is, for the errors.
            loose: keys other than the five and ``"extra"`` are extra fields too (a mapping a
                user gives: ``{"outlet": "AP", "slant_group": "left"}``); without it they are an
                error (a schema's metadata keeps them under ``"extra"``).

        Raises:
            ValueError: a key that is not a metadata field (``source`` and the key named), or an
                extra field's name that cannot be one (:func:`check_field_name`).
            TypeError: a value that is neither a string, a number nor None.
        """
        if not data:
            return cls()
        extra_given = data.get(EXTRA_KEY) or {}
        if not isinstance(extra_given, Mapping):
            raise TypeError(f"{source}: {EXTRA_KEY!r} must be an object, got {extra_given!r}")
        others = {k: v for k, v in data.items() if k not in META_FIELDS and k != EXTRA_KEY}
        if others and not loose:
            raise ValueError(
                f"{source}: unknown metadata field(s) {sorted(others)} (known: "
                f"{', '.join(META_FIELDS)}; other fields go under {EXTRA_KEY!r})"
            )
        values = {k: _text(source, k, v) for k, v in data.items() if k in META_FIELDS}
        extra = {}
        for key, value in {**extra_given, **others}.items():
            try:
                check_field_name(key)
            except ValueError as err:
                raise ValueError(f"{source}: {err}") from None
            if (text := _text(source, key, value)) is not None:
                extra[key] = text
        return cls(**values, extra=extra)

    def get(self, name: str) -> str | None:
        """The value of a field, one of the five or an extra one (None when unknown)."""
        if name in META_FIELDS:
            return getattr(self, name)
        return self.extra.get(name)

    def names(self) -> list[str]:
        """The fields that have a value: the five first, then the extra ones."""
        return [n for n in META_FIELDS if getattr(self, n) is not None] + list(self.extra)

    def merged(self, other: DocumentMeta | None) -> DocumentMeta:
        """This record with the fields ``other`` knows replaced by its values (``other`` wins)."""
        if other is None:
            return self
        known = {k: getattr(other, k) for k in META_FIELDS if getattr(other, k) is not None}
        return replace(self, **known, extra={**self.extra, **other.extra})

    def to_dict(self) -> dict[str, Any]:
        """The five fields, then ``"extra"``: the other fields, only when there are some (so
        that a record of the five alone is the same mapping as before extra fields were)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in META_FIELDS}
        if self.extra:
            data[EXTRA_KEY] = dict(self.extra)
        return data

    def __bool__(self) -> bool:
        return any(getattr(self, n) is not None for n in META_FIELDS) or bool(self.extra)
