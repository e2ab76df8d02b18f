"""Reading analyses for a comparison and naming each document's group.

Analyses come from the JSONL files ``framing analyze`` writes (or folders of them: partitioned
output, searched recursively for ``*.jsonl``), or from Python objects: :class:`DocumentAnalysis`,
schema dicts, JSON lines. A line that cannot be read (not JSON, a schema version this package
does not read, a field missing) is named ``FILE:LINE: reason`` and skipped; the caller counts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.inference.results import DocumentAnalysis, read_analysis
from framing.text.metadata import META_FIELDS

__all__ = ["BY_FIELDS", "MISSING", "Item", "group_of", "iter_items", "jsonl_files"]

# the group of a document without the field
MISSING = "(missing)"

# what --by accepts: a metadata field, a date cut to its month or year, the genre label, or the
# analyses file a document was read from
BY_FIELDS: tuple[str, ...] = (*META_FIELDS, "date:month", "date:year", "genre", "file")

# the leading part of an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) each date cut keeps
_DATE_CUTS = {
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


def jsonl_files(paths: Iterable[str | Path]) -> list[Path]:
    """The JSONL files of ``paths``: files as given, folders searched recursively (sorted).

    Raises:
        FileNotFoundError: a path that does not exist, or a folder without a ``.jsonl`` file.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.jsonl") if p.is_file())
            if not found:
                raise FileNotFoundError(f"{path}: a folder without a .jsonl file")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def _read(where: str, data: Any, file: str | None) -> Item:
    if isinstance(data, DocumentAnalysis):
        return Item(where, data, file=file)
    try:
        return Item(where, read_analysis(data), file=file)
    except ValueError as err:
        return Item(where, error=str(err), file=file)


def _file_items(path: Path) -> Iterator[Item]:
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():  # a blank line holds no document
                yield _read(f"{path}:{number}", line, str(path))


def iter_items(analyses: Iterable[Any] | str | Path) -> Iterator[Item]:
    """Every analysis of ``analyses``: a path (file or folder), or an iterable of paths,
    :class:`DocumentAnalysis` objects, schema dicts or JSON lines, in order.

    Raises:
        FileNotFoundError: a path that does not exist (see :func:`jsonl_files`).
    """
    if isinstance(analyses, str | Path) and not str(analyses).lstrip().startswith("{"):
        analyses = [Path(analyses)]
    for number, entry in enumerate(analyses, 1):
        if isinstance(entry, Path):
            for path in jsonl_files([entry]):
                yield from _file_items(path)
        elif isinstance(entry, DocumentAnalysis | Mapping | str | bytes):
            yield _read(f"item {number}", entry, None)
        else:
            yield Item(f"item {number}", error=f"not an analysis: {type(entry).__name__}")


def group_of(item: Item, by: str) -> str:
    """The group of an item's document under ``by`` (one of :data:`BY_FIELDS`); :data:`MISSING`
    when the document has no value (or, for a date cut, no ISO date).

    Example:
        >>> from framing.text.metadata import DocumentMeta
        >>> doc = DocumentAnalysis([], "news", 0.0, {}, {}, [], [], 0, {},
        ...                        meta=DocumentMeta(date="2025-11-03"))
        >>> group_of(Item("x", doc), "date:month"), group_of(Item("x", doc), "outlet")
        ('2025-11', '(missing)')
    """
    doc = item.analysis
    assert doc is not None
    if by == "genre":
        value: str | None = doc.genre
    elif by == "file":
        value = item.file
    elif by in _DATE_CUTS:
        match = _DATE_CUTS[by].fullmatch((doc.meta.date or "").strip())
        value = match.group(1) if match else None
    elif by in META_FIELDS:
        value = getattr(doc.meta, by)
    else:
        raise ValueError(f"cannot group by {by!r}; expected one of {', '.join(BY_FIELDS)}")
    value = (value or "").strip()
    return value or MISSING
