"""The analysis files a comparison reads, and telling them from articles still to analyse.

An analysis file is one of:

- ``.jsonl`` (or ``.jsonl.gz``): one analysis per line, as ``framing analyze`` writes it;
- ``.parquet``: one row per document, in input order, whose string column ``analysis`` holds
  exactly the JSON object of the JSONL line (other columns are ignored);
- a folder of them (partitioned output: ``part-00000.jsonl``, ``part-00001.parquet``, ...),
  searched recursively and read in the order of their paths (file names within a folder).
  Hidden files and folders (``.``, ``_`` first, as ``_SUCCESS``) are left out, and so are the
  tables and report of a comparison's output folder (its ``analyses.jsonl`` is read).

Each analysis comes out of :func:`read_file` with where it was read (``FILE:LINE`` for JSONL,
``FILE:row N`` for Parquet, counted from 1) or with the reason it could not be (a file that
cannot be read is one such entry, naming it).

What is an analysis and what is an article (:func:`holds_analyses`): a ``.parquet`` or
``.jsonl.gz`` file is always analyses (``framing analyze`` reads neither); a ``.jsonl`` file is
articles only when its first non-blank line is a JSON object without a ``schema_version`` key
(every line ``framing analyze`` writes has one; an input JSONL has a text field instead), and
analyses otherwise (a file whose first line is not JSON is read as analyses, its lines reported,
not analysed as text: ``--analyze`` says otherwise); a folder is analyses when it holds at least
one analyses file. Anything
else (text, HTML and PDF files, folders of them, CSV, a JSONL of articles) is an input to
analyse first.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from framing.inference.readers import parquet_rows

__all__ = [
    "ANALYSIS_COLUMN",
    "ANALYSIS_SUFFIXES",
    "analysis_files",
    "holds_analyses",
    "read_file",
]

# the Parquet column that holds a document's analysis as JSON text
ANALYSIS_COLUMN = "analysis"
ANALYSIS_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in ANALYSIS_SUFFIXES if name.endswith(s)), None)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def _ours(path: Path) -> bool:
    """A file a comparison wrote into its output folder (beside its ``comparison.json``)."""
    from framing.comparison.result import OUTPUT_FILES

    return path.name in OUTPUT_FILES and (path.parent / "comparison.json").is_file()


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if _suffix(p) and p.is_file() and not _hidden(p, folder) and not _ours(p)
    )


def analysis_files(paths: Iterable[str | Path]) -> list[Path]:
    """The analysis files of ``paths``: files as given, folders searched recursively for
    ``.jsonl``, ``.jsonl.gz`` and ``.parquet`` files (sorted by path).

    Raises:
        FileNotFoundError: a path that does not exist, or a folder without an analysis file.

    Example:
        >>> analysis_files(["out/"])  # doctest: +SKIP
        [PosixPath('out/part-00000.parquet'), PosixPath('out/part-00001.parquet')]
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = _folder_files(path)
            if not found:
                raise FileNotFoundError(
                    f"{path}: a folder without an analysis file ({', '.join(ANALYSIS_SUFFIXES)})"
                )
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def _first_line(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if line.strip():
                    return line
    except OSError:
        return None
    return None


def _is_analysis_file(path: Path) -> bool:
    suffix = _suffix(path)
    if suffix in (".parquet", ".jsonl.gz"):
        return True
    if suffix is None:
        return False
    line = _first_line(path)
    try:
        data = json.loads(line) if line is not None else None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return True
    return not isinstance(data, dict) or "schema_version" in data


def holds_analyses(path: str | Path) -> bool:
    """Whether ``path`` holds analyses (see the module docstring) rather than articles.

    Raises:
        ValueError: a folder that holds both analyses and articles (named, with examples).

    Example:
        >>> holds_analyses("results.jsonl"), holds_analyses("articles/")  # doctest: +SKIP
        (True, False)
    """
    path = Path(path)
    if path.is_dir():
        analyses = [p for p in _folder_files(path) if _is_analysis_file(p)]
        if analyses and (articles := _article_files(path)):
            shown = ", ".join(str(p.relative_to(path)) for p in articles[:3])
            raise ValueError(
                f"{path}: a folder that holds both analyses ({len(analyses)} file(s), e.g. "
                f"{analyses[0].relative_to(path)}) and articles ({len(articles)} file(s), e.g. "
                f"{shown}): give them as separate inputs"
            )
        return bool(analyses)
    return path.is_file() and _is_analysis_file(path)


def _article_files(folder: Path) -> list[Path]:
    """The files of a folder that ``framing analyze`` would read as articles."""
    from framing.inference.readers import FOLDER_SUFFIXES

    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in FOLDER_SUFFIXES["auto"]
        and p.is_file()
        and not _hidden(p, folder)
        and not _ours(p)
    )


def _lines(path: Path) -> Iterator[tuple[str, Any, str | None]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    number = 0
    try:
        with opener(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():  # a blank line holds no document
                    yield f"{path}:{number}", line, None
    except (OSError, EOFError) as err:  # a cut or corrupt .gz, a file that went away
        yield f"{path}:{number + 1}", None, f"cannot be read ({err})"


def _rows(path: Path) -> Iterator[tuple[str, Any, str | None]]:
    held = "an analysis Parquet file holds each document's analysis as JSON in it"
    for where, row, error in parquet_rows(path, ANALYSIS_COLUMN, held):
        if error is not None:
            yield where, None, error
            continue
        value = row[ANALYSIS_COLUMN]
        if not isinstance(value, str | bytes):
            kind = "null" if value is None else type(value).__name__
            yield where, None, f"column {ANALYSIS_COLUMN!r} is {kind}, not JSON text"
        else:
            yield where, value, None


def read_file(path: str | Path) -> Iterator[tuple[str, Any, str | None]]:
    """The analyses of one file, in order: ``(where, JSON text, None)`` for each, or
    ``(where, None, reason)`` for one that cannot be read; a ``.parquet`` file by its
    ``analysis`` column, any other file as JSONL (gzip-compressed when it ends in ``.gz``).

    Example:
        >>> next(read_file("out/part-00000.parquet"))[0]  # doctest: +SKIP
        'out/part-00000.parquet:row 1'
    """
    path = Path(path)
    if _suffix(path) == ".parquet":
        yield from _rows(path)
    else:
        yield from _lines(path)
