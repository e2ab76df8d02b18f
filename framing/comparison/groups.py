"""Reading analyses for a comparison and naming each document's group.

Analyses come from the files ``framing analyze`` writes (JSONL, gzip-compressed JSONL, Parquet,
or folders of them: partitioned output, :mod:`~framing.comparison.files`), or from Python
objects: :class:`DocumentAnalysis`, schema dicts, JSON lines. A line that cannot be read (not
JSON, a schema version this package does not read, a field missing) is named
``FILE:LINE: reason`` (``FILE:row N`` in Parquet) and skipped; the caller counts it.

What ``by`` groups by (:func:`check_by`): the fixed names of :data:`BY_FIELDS` keep their
meaning (``genre`` is the genre the model predicts, news or opinion; ``file`` the analyses file;
``date:month`` and ``date:year`` cut an ISO date); any other name is a metadata field the
documents carry (``--meta-fields slant_group``: ``metadata.extra``), and ``meta:NAME`` is always
the metadata field ``NAME``, for one named as a fixed name (``meta:genre``: a CSV's ``genre``
column, not the predicted genre).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.comparison.files import analysis_files, read_file
from framing.inference.results import DocumentAnalysis, read_analysis
from framing.text.metadata import META_FIELDS, check_field_name

__all__ = [
    "BY_FIELDS",
    "DATE_CUTS",
    "META_PREFIX",
    "MISSING",
    "Item",
    "check_by",
    "group_of",
    "iter_items",
    "missing_field_warning",
]

# the group of a document without the field
MISSING = "(missing)"

# the fixed groupings: a metadata field of the five, a date cut to its month or year, the genre
# label the model predicts, or the analyses file a document was read from; --by also takes any
# other metadata field's name (an extra field), or meta:NAME
BY_FIELDS: tuple[str, ...] = (*META_FIELDS, "date:month", "date:year", "genre", "file")
# --by meta:NAME: the metadata field NAME, even where NAME is a fixed grouping (genre, file)
META_PREFIX = "meta:"

# the leading part of an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) each date cut keeps
DATE_CUTS = {
    "date:month": re.compile(r"(\d{4}-\d{2})(?:-\d{2})?"),
    "date:year": re.compile(r"(\d{4})(?:-\d{2}){0,2}"),
}


@dataclass
class Item:
    """One analysis read, or the reason it could not be: ``where`` names it (``FILE:LINE`` or
    ``item N``), ``file`` is the analyses file it came from (None for a Python object)."""

    where: str
    analysis: DocumentAnalysis | None = None
    error: str | None = None
    file: str | None = None
    ident: str | None = None  # the ``id`` framing analyze wrote beside the analysis, if any


def _read(where: str, data: Any, file: str | None) -> Item:
    if isinstance(data, DocumentAnalysis):
        return Item(where, data, file=file)
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as err:
            return Item(where, error=f"not a JSON line ({err.msg})", file=file)
    # a document read from a file is named by its id, to catch one given twice; Python objects
    # are taken as the caller built them (copies included)
    ident = data.get("id") if isinstance(data, Mapping) and file is not None else None
    try:
        analysis = read_analysis(data)
    except ValueError as err:
        return Item(where, error=str(err), file=file)
    return Item(where, analysis, file=file, ident=None if ident is None else str(ident))


def _file_items(path: Path) -> Iterator[Item]:
    for where, line, error in read_file(path):
        if error is not None:
            yield Item(where, error=error, file=str(path))
        else:
            yield _read(where, line, str(path))


def iter_items(analyses: Iterable[Any] | str | Path) -> Iterator[Item]:
    """Every analysis of ``analyses``: a path (file or folder), or an iterable of paths,
    :class:`DocumentAnalysis` objects, schema dicts or JSON lines, in order.

    Raises:
        FileNotFoundError: a path that does not exist (see
            :func:`~framing.comparison.files.analysis_files`).
    """
    if isinstance(analyses, str | Path) and not str(analyses).lstrip().startswith("{"):
        analyses = [Path(analyses)]
    for number, entry in enumerate(analyses, 1):
        if isinstance(entry, str) and not entry.lstrip().startswith("{"):
            entry = Path(entry)  # a path given as a string (glob.glob's), not a JSON line
        if isinstance(entry, Path):
            for path in analysis_files([entry]):
                yield from _file_items(path)
        elif isinstance(entry, DocumentAnalysis | Mapping | str | bytes):
            yield _read(f"item {number}", entry, None)
        else:
            yield Item(f"item {number}", error=f"not an analysis: {type(entry).__name__}")


def check_by(by: str) -> str:
    """``by`` when it is a grouping: a fixed one (:data:`BY_FIELDS`), a metadata field's name,
    or ``meta:NAME``.

    Raises:
        ValueError: a name that cannot be a field, named, with what ``by`` accepts.

    Example:
        >>> check_by("date:month"), check_by("slant_group"), check_by("meta:genre")
        ('date:month', 'slant_group', 'meta:genre')
    """
    if by in BY_FIELDS:
        return by
    name = by[len(META_PREFIX) :] if by.startswith(META_PREFIX) else by
    if name in META_FIELDS:
        return by
    try:
        check_field_name(name)
    except ValueError as err:
        raise ValueError(
            f"cannot group by {by!r}: {err}; --by takes {', '.join(BY_FIELDS)}, a metadata "
            f"field's name (--meta-fields) or {META_PREFIX}NAME"
        ) from None
    return by


def _field(by: str) -> str | None:
    """The metadata field ``by`` reads (None for genre, file and the date cuts)."""
    if by.startswith(META_PREFIX):
        return by[len(META_PREFIX) :]
    return None if by in BY_FIELDS and by not in META_FIELDS else by


def group_of(item: Item, by: str) -> str:
    """The group of an item's document under ``by`` (:func:`check_by`); :data:`MISSING` when the
    document has no value (or, for a date cut, no ISO date).

    Example:
        >>> from framing.text.metadata import DocumentMeta
        >>> doc = DocumentAnalysis([], "news", 0.0, {}, {}, [], [], 0, {},
        ...                        meta=DocumentMeta(date="2025-11-03", extra={"slant": "left"}))
        >>> [group_of(Item("x", doc), by) for by in ("date:month", "outlet", "slant", "genre")]
        ['2025-11', '(missing)', 'left', 'news']
    """
    doc = item.analysis
    assert doc is not None
    name = _field(by)
    if name is not None:
        value = doc.meta.get(name)
    elif by == "genre":
        value = doc.genre
    elif by == "file":
        value = item.file
    else:
        match = DATE_CUTS[by].fullmatch((doc.meta.date or "").strip())
        value = match.group(1) if match else None
    value = (value or "").strip()
    return value or MISSING


def missing_field_warning(by: str, fields: Iterable[str], documents: int) -> str | None:
    """The warning for a metadata field that no document has (every one of them in
    :data:`MISSING`), naming the fields the documents do have; None when ``by`` is no metadata
    field or there is no document.

    Example:
        >>> missing_field_warning("colour", ["outlet", "slant_group"], 3)
        "no document has the field 'colour' (--by colour): all 3 are in the group (missing); \
the documents' fields: outlet, slant_group"
    """
    name = _field(by)
    if name is None or not documents:
        return None
    found = ", ".join(fields) or "none"
    return (
        f"no document has the field {name!r} (--by {by}): all {documents} are in the group "
        f"{MISSING}; the documents' fields: {found}"
    )
