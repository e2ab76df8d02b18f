"""The inputs of ``python -m framing analyze``: text, PDF and HTML files, folders of them,
``.jsonl``, ``.csv`` and ``.parquet`` files (one article per row, a text column), and standard
input, read as :class:`Record` objects in order (a Parquet row is named ``FILE:row N``).

HTML (``.html``/``.htm`` files with ``input_format="auto"``, or any input with ``"html"``: then a
``.jsonl``/``.csv`` text column holds pages) is reduced to its main text and metadata here
(:func:`framing.text.html.extract`); a page that gives no text is a record with an ``error``.
``meta_fields`` maps metadata fields (outlet, date, url, title, author, or any other name: an
extra field such as ``slant_group``, kept in the analysis's ``metadata.extra``) to
``.jsonl``/``.csv`` columns; a column a record lacks is a warning of that record, naming it.

A record that cannot be read (undecodable bytes, empty text, a file in a binary format such as
a PNG image or a ZIP archive, a PDF without text, a missing column, an unreadable file, a CSV
record with broken quoting or another number of fields than the header) carries the reason in
``error`` and is named by ``FILE:LINE`` (the line the record starts on), or by the file, so the
run can report it and go on with the next. What a file or standard input is comes from its
bytes (:func:`framing.text.formats.sniff`), not its name: a PDF is read with pypdf
(``pip install 'framing[pdf]'``; offsets are then into the extracted text), UTF-16 and UTF-32
text by its byte-order mark. A folder's files other than those read (:data:`FOLDER_SUFFIXES`)
are counted, by suffix, in one record naming the folder. A CSV record with broken quoting is never
merged with the records after it (:func:`csv_records`). A UTF-8 byte-order mark is dropped from
``.csv`` and ``.jsonl`` files; in ``.txt`` files and standard input it is kept as the text's
first character.

    >>> [r.id for r in iter_records(["articles/"])]  # doctest: +SKIP
    ['articles/a.txt', 'articles/sub/b.txt']
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from framing.text.formats import PDF, decode, sniff
from framing.text.html import (
    DEFAULT_EXTRACTOR,
    Extracted,
    ExtractionError,
    extract,
    extract_pdf,
    looks_like_html,
)
from framing.text.layout import is_blank
from framing.text.metadata import META_FIELDS, DocumentMeta, check_field_name

__all__ = [
    "FOLDER_SUFFIXES",
    "HTML_SUFFIXES",
    "Record",
    "csv_records",
    "extra_fields",
    "iter_records",
    "parquet_rows",
    "parse_meta_fields",
    "row_record",
]

HTML_SUFFIXES = (".html", ".htm")
# the files a folder is searched for (by suffix, lower-cased) with each --input-format; the rest
# are counted and named in one record per folder
FOLDER_SUFFIXES = {
    "auto": (".txt", ".pdf", *HTML_SUFFIXES),
    "text": (".txt", ".pdf"),
    "html": HTML_SUFFIXES,
}
# an HTML file larger than this is not read at all (pages over extract's limit are refused
# after scripts, styles and inline images are dropped; this bounds the memory before that)
MAX_HTML_FILE_BYTES = 200_000_000


@dataclass
class Record:
    """One document to analyse, or the reason it could not be read.

    Attributes:
        id: the file, ``FILE:LINE`` or the id column's value.
        text: the text to analyse (an HTML page's extracted text).
        error: why the record cannot be analysed, or None.
        page: an HTML page's extraction (its text is ``text``), or None.
        meta: the metadata read from the record's columns (``meta_fields``).
        warnings: what is missing without stopping the record (a metadata column, ...).
    """

    id: str
    text: str | None = None
    error: str | None = None
    page: Extracted | None = None
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    warnings: list[str] = field(default_factory=list)

    @property
    def document(self) -> str | Extracted | None:
        """What the analyzer takes: the extracted page, else the text."""
        return self.page if self.page is not None else self.text


def extra_fields(meta_fields: dict[str, str]) -> tuple[str, ...]:
    """The fields of a ``--meta-fields`` mapping beyond the five (the extra fields), in order.

    Example:
        >>> extra_fields({"outlet": "source", "slant_group": "slant_group"})
        ('slant_group',)
    """
    return tuple(name for name in meta_fields if name not in META_FIELDS)


def parse_meta_fields(spec: str) -> dict[str, str]:
    """``--meta-fields``: ``outlet,date`` (columns named as the fields) or
    ``outlet=source_name,date=published``; the mapping from field to column. A field other than
    outlet, date, url, title and author is an extra field of that name (``slant_group``,
    ``genre=kind``), kept in the analysis's ``metadata.extra``.

    Raises:
        ValueError: a name that cannot be a field (:func:`~framing.text.metadata.check_field_name`),
            an empty column name or a field given twice (named).

    Example:
        >>> parse_meta_fields("outlet=source_name,date,genre=kind")
        {'outlet': 'source_name', 'date': 'date', 'genre': 'kind'}
    """
    out: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, column = item.partition("=")
        name, column = name.strip(), (column.strip() if _ else name.strip())
        if name not in META_FIELDS:
            try:
                check_field_name(name)
            except ValueError as err:
                hint = "a column of another name is read as NAME=COLUMN"
                raise ValueError(f"{err}; {hint}") from None
        if not column:
            raise ValueError(f"metadata field {name!r}: empty column name")
        if name in out:
            raise ValueError(f"metadata field {name!r} given twice")
        out[name] = column
    return out


@dataclass(frozen=True)
class _Reading:
    """How records are read: the text and id columns, the input format, the metadata columns."""

    text_field: str = "text"
    id_field: str = ""
    input_format: str = "auto"
    meta_fields: tuple[tuple[str, str], ...] = ()
    extractor: str = DEFAULT_EXTRACTOR

    def is_html(self, path: Path | None, content: str | bytes | None = None) -> bool:
        """HTML by the input format; with ``auto``, by the file's suffix, or by its content (a
        saved page named ``.txt``, piped in, or in a column)."""
        if self.input_format == "auto":
            if path is not None and path.suffix.lower() in HTML_SUFFIXES:
                return True
            return content is not None and looks_like_html(content)
        return self.input_format == "html"


def iter_records(
    paths: list[str],
    text_field: str = "text",
    id_field: str = "",
    stdin: IO[bytes] | None = None,
    *,
    input_format: str = "auto",
    meta_fields: dict[str, str] | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Iterator[Record]:
    """Every document of the inputs, in order; unreadable ones carry an ``error``.

    Args:
        paths: text, PDF or ``.html``/``.htm`` files, folders (searched recursively for them:
            :data:`FOLDER_SUFFIXES`), ``.jsonl`` or ``.csv`` files, or ``-`` for one document on
            standard input.
        text_field: the text's field (``.jsonl``) or column (``.csv``).
        id_field: the id's field or column; without one a record is named ``FILE:LINE``.
        stdin: what ``-`` reads (default: the process's standard input).
        input_format: ``auto`` (HTML for ``.html``/``.htm`` files), ``text`` or ``html`` (every
            input, ``.jsonl``/``.csv`` columns and standard input included, holds HTML).
        meta_fields: metadata field -> ``.jsonl``/``.csv`` column (:func:`parse_meta_fields`).
        extractor: the HTML extractor's name.
    """
    if input_format not in FOLDER_SUFFIXES:
        raise ValueError(f"input_format must be auto, text or html, got {input_format!r}")
    how = _Reading(
        text_field, id_field, input_format, tuple((meta_fields or {}).items()), extractor
    )
    for name in paths:
        if name == "-":
            source = stdin if stdin is not None else sys.stdin.buffer
            data = source.read()
            data = data if isinstance(data, bytes) else data.encode()
            if how.is_html(None, data):
                yield _sniffed_page(_page("<stdin>", data, how), how)
            else:
                yield _decoded("<stdin>", data)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _folder(path, how)
        elif not path.exists():
            yield Record(str(path), error="no such file or folder")
        elif path.suffix == ".jsonl":
            yield from _jsonl(path, how)
        elif path.suffix == ".csv":
            yield from _csv(path, how)
        elif path.suffix == ".parquet":
            yield from _parquet(path, how)
        elif how.is_html(path):
            yield _html_file(path, how)
        else:
            yield _text_file(path, how)


def _folder(path: Path, how: _Reading) -> Iterator[Record]:
    """The files of a folder and its subfolders that are read (:data:`FOLDER_SUFFIXES` of the
    input format), in order of their paths, then one record naming the files that are not,
    counted by suffix, so that none is left out unsaid. Hidden files and folders (".git",
    ".DS_Store") are not counted."""
    suffixes = FOLDER_SUFFIXES[how.input_format]
    files, others = [], Counter()
    for file in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in file.relative_to(path).parts):
            continue
        if not file.is_file():
            continue
        if file.suffix.lower() in suffixes:
            files.append(file)
        else:
            others[file.suffix.lower() or "(no suffix)"] += 1
    read = " or ".join(filter(None, (", ".join(suffixes[:-1]), suffixes[-1])))
    if not files and not others:
        yield Record(str(path), error=f"no {read} file in this folder")
    for file in files:
        yield _html_file(file, how) if how.is_html(file) else _text_file(file, how)
    if others:
        counts = ", ".join(f"{n} {suffix}" for suffix, n in sorted(others.items()))
        yield Record(
            str(path),
            error=f"{sum(others.values())} other file(s) in this folder not read ({counts}): "
            f"a folder is searched for {read} files only",
        )


def _html_file(path: Path, how: _Reading) -> Record:
    try:
        size = path.stat().st_size
        if size > MAX_HTML_FILE_BYTES:
            return Record(
                str(path),
                error=f"{size / 1e6:.0f} MB: over the {MAX_HTML_FILE_BYTES / 1e6:.0f} MB "
                "read for an HTML file",
            )
        data = path.read_bytes()
    except OSError as err:
        return Record(str(path), error=f"cannot be read ({err.strerror})")
    return _page(str(path), data, how)


def _page(ident: str, html: str | bytes, how: _Reading, meta: DocumentMeta | None = None) -> Record:
    """A record of an HTML page: its extracted text and metadata (``meta`` winning)."""
    try:
        page = extract(html, meta.url if meta else None, extractor=how.extractor)
    except ExtractionError as err:
        return Record(ident, error=str(err))
    return Record(ident, page.text, page=page, meta=meta or DocumentMeta())


def _text_file(path: Path, how: _Reading) -> Record:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Record(str(path), error=f"cannot be read ({err.strerror})")
    pdf = path.suffix.lower() == ".pdf"
    if not pdf and how.is_html(path, data):
        return _sniffed_page(_page(str(path), data, how), how)
    return _decoded(str(path), data, pdf=pdf)


def _sniffed_page(record: Record, how: _Reading) -> Record:
    """A page found by its content, not its name or ``--input-format html``: said so."""
    if how.input_format == "auto" and record.error is None:
        record.warnings.append(
            "read as an HTML page (it opens as one): its main text was analysed; "
            "--input-format text analyses the markup as it is"
        )
    return record


def _decoded(ident: str, data: bytes, pdf: bool = False) -> Record:
    """The text of a file's bytes (``pdf``: the file is named as a PDF), or why it has none.

    What a file is comes from its bytes (:func:`framing.text.formats.sniff`), so a PDF named
    ``.txt`` is read as a PDF and a PNG named ``.html`` is an error naming the format; a file
    named ``.pdf`` in no known format is an error saying it is not a PDF."""
    found = sniff(data)
    if found == PDF or (pdf and found is None):
        try:
            page = extract_pdf(data)
        except ExtractionError as err:
            return Record(ident, error=str(err))
        if all(is_blank(ch) for ch in page.text):
            return Record(ident, error="empty text")
        return Record(ident, page.text, page=page)  # carried in the output, as a page's text
    if found is not None:
        return Record(ident, error=f"{found}, not text: convert it to plain text (UTF-8) first")
    # plain UTF-8: a byte-order mark stays the text's first character, so that offsets
    # match the text as Python reads it (open(..., encoding="utf-8")); cleaning skips it as
    # invisible. UTF-16 and UTF-32 are read by their byte-order mark (dropped, as open()
    # drops it), so offsets match open(..., encoding="utf-16")
    try:
        text = decode(data)
    except UnicodeDecodeError as err:
        encoding = "-".join(err.encoding.split("-")[:2]).upper()  # utf-16-le: UTF-16
        return Record(ident, error=f"not {encoding} text (byte {err.start})")
    if all(is_blank(ch) for ch in text):
        return Record(ident, error="empty text")
    return Record(ident, text)


def _jsonl(path: Path, how: _Reading) -> Iterator[Record]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Record(str(path), error=f"cannot be read ({err.strerror})")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Record(where, error="not UTF-8 text")
                continue
            except json.JSONDecodeError as err:
                yield Record(where, error=f"not valid JSON ({err.msg})")
                continue
            yield _row(row, where, how)


# rows read from a Parquet file at a time (each holds a whole article or analysis)
_PARQUET_ROWS = 256


def parquet_rows(
    path: str | Path, column: str | None = None, what: str = ""
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """The rows of a Parquet file in order: ``(where, row, None)``, ``where`` being
    ``FILE:row N`` (from 1), or ``(where, None, reason)`` for what cannot be read: the file
    (pyarrow missing, not Parquet, without ``column``; ``where`` is the file) or a corrupt row
    group (the rows before it are kept). ``column``: read only that one; ``what`` says what it
    holds, in the error of a file without it.

    Example:
        >>> next(parquet_rows("out/part-00000.parquet", "analysis"))[0]  # doctest: +SKIP
        'out/part-00000.parquet:row 1'
    """
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield str(path), None, "a Parquet file needs pyarrow (pip install pyarrow)"
        return
    try:
        parquet = pq.ParquetFile(path)
        names = parquet.schema_arrow.names
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError, ...
        yield str(path), None, f"not a readable Parquet file ({err})"
        return
    if column is not None and column not in names:
        held = f"{what}; " if what else ""
        listed = ", ".join(names) or "none"
        yield str(path), None, f"no column {column!r} ({held}columns: {listed})"
        return
    number = 0
    columns = None if column is None else [column]
    try:
        for batch in parquet.iter_batches(batch_size=_PARQUET_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield f"{path}:row {number}", row, None
    except Exception as err:  # a corrupt row group
        yield f"{path}:row {number + 1}", None, f"cannot be read ({err})"


def _parquet(path: Path, how: _Reading) -> Iterator[Record]:
    """The rows of a Parquet file with a text column, as a ``.jsonl`` file's lines would give
    them (:func:`parquet_rows`)."""
    for where, row, error in parquet_rows(path):
        yield Record(where, error=error) if error is not None else _row(row, where, how)


def _csv(path: Path, how: _Reading) -> Iterator[Record]:
    try:  # utf-8-sig: a byte-order mark is not part of the first column's name
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as err:
        yield Record(str(path), error=f"cannot be read ({err.strerror})")
        return
    csv.field_size_limit(sys.maxsize)  # whole articles in one cell
    with handle:
        records = csv_records(handle)
        try:
            line, header, error = next(records)
        except StopIteration:
            line, header, error = 1, [], None
        except (OSError, UnicodeError) as err:
            yield Record(str(path), error=f"cannot be read ({err})")
            return
        if error is not None:
            yield Record(f"{path}:{line}", error=f"not a readable CSV header ({error})")
            return
        if how.text_field not in header:
            yield Record(f"{path}:{line}", error=f"no column {how.text_field!r} (--text-field)")
            return
        while True:
            try:
                line, fields, error = next(records)
            except StopIteration:
                return
            except (OSError, UnicodeError) as err:
                yield Record(f"{path}:{line + 1}", error=f"cannot be read ({err})")
                return
            where = f"{path}:{line}"
            if error is not None:
                yield Record(where, error=error)
                continue
            if len(fields) != len(header):
                # the values cannot be matched to their columns (an unquoted comma shifts the
                # text column): analysing it could analyse the wrong text
                yield Record(
                    where, error=f"has {len(fields)} field(s), the header has {len(header)}"
                )
                continue
            row = dict(zip(header, fields, strict=True))
            if not _is_utf8(row.get(how.text_field) or ""):
                yield Record(where, error="not UTF-8 text")
                continue
            yield _row(row, where, how)


# what a physical line does to a CSV record, by the state it is entered in (at the start of a
# record, or inside a quoted field): ends the record, leaves a quoted field open, or breaks
_END, _OPEN, _BROKEN = 0, 1, 2


def _csv_step(line: str, quoted: bool) -> tuple[int, Any]:
    """Parse one physical line on its own: (_END, fields), (_OPEN, None) or (_BROKEN, reason).

    Entering a line inside a quoted field is the same as entering it after an opening quote, so
    ``quoted`` parses it with one in front."""
    if '"' not in line:  # the common case, without the csv module
        if quoted:
            return _OPEN, None
        line = line.rstrip("\r\n")
        return _END, line.split(",") if line else []
    asked = False

    def source() -> Iterator[str]:
        nonlocal asked
        yield '"' + line if quoted else line
        asked = True  # the reader wants another line: the line ends inside a quoted field

    try:
        return _END, next(csv.reader(source(), strict=True))
    except csv.Error as err:
        return (_OPEN, None) if asked else (_BROKEN, str(err))


def csv_records(lines: Iterable[str]) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """The records of CSV text (lines as a file opened with ``newline=""`` gives them).

    Yields ``(line, fields, None)`` for each record (``line``: the physical line it starts on;
    blank lines are skipped) and ``(line, None, reason)`` for a record whose quoting is broken:
    a quote closed in the middle of a field, or a quoted field that is never closed. After a
    broken record, reading starts again at the line after its first line, so the records after
    it are read on their own, never merged into it. Linear: what a line does when entered at a
    record's start or inside a quoted field is worked out once each (where a quoted field opened
    on a line ends is remembered for every line it crosses), so many lines opening quotes that
    are never closed cost no re-reading.
    """
    lines = enumerate(lines, 1)
    read: dict[int, str] = {}  # the lines from the current record's start on
    last = 0
    ends: dict[int, tuple[int, str | None]] = {}  # line entered inside quotes -> (end, reason)

    def line(number: int) -> str | None:
        nonlocal last
        while last < number:
            item = next(lines, None)
            if item is None:
                break
            last, read[item[0]] = item
        return read.get(number)

    def quoted_end(number: int) -> tuple[int, str | None]:
        """Where a record entering line ``number`` inside a quoted field ends, and why it
        breaks (None when it ends well)."""
        crossed = []
        while number not in ends:
            text = line(number)
            if text is None:
                ends[number] = (number - 1, "a quoted field opened on this line is never closed")
                break
            crossed.append(number)
            outcome, value = _csv_step(text, quoted=True)
            if outcome == _END:
                ends[number] = (number, None)
            elif outcome == _BROKEN:
                reason = f"a quoted field opened on this line breaks on line {number}: {value}"
                ends[number] = (number, reason)
            else:
                number += 1
                continue
            break
        for n in crossed:
            ends[n] = ends[number]
        return ends[number]

    start = 1
    while (text := line(start)) is not None:
        outcome, value = _csv_step(text, quoted=False)
        following = start + 1
        if outcome == _END:
            if value:  # [] is a blank line
                yield start, value, None
        elif outcome == _BROKEN:
            yield start, None, f"not valid CSV ({value})"
        else:
            end, reason = quoted_end(start + 1)
            if reason is None:
                record = (read[n] for n in range(start, end + 1))
                yield start, next(csv.reader(record, strict=True)), None
                following = end + 1
            else:
                yield start, None, f"not valid CSV ({reason})"
        for n in range(start, following):
            read.pop(n, None)
            ends.pop(n, None)
        start = following


def _row(row: Any, where: str, how: _Reading) -> Record:
    text_field, id_field = how.text_field, how.id_field
    if not isinstance(row, dict):
        return Record(where, error="expected a JSON object")
    if text_field not in row:
        return Record(where, error=f"no field {text_field!r} (--text-field)")
    text = row[text_field]
    if not isinstance(text, str):
        return Record(where, error=f"field {text_field!r} is not a string")
    if not text.strip():
        return Record(where, error=f"empty text in {text_field!r}")
    value = row.get(id_field) if id_field else None
    ident = where if value is None else str(value)  # a null id: named by its place
    meta, warnings = _row_meta(row, how)
    if how.is_html(None, text):
        record = _sniffed_page(_page(ident, text, how, meta), how)
    else:
        record = Record(ident, text, meta=meta)
    record.warnings += warnings
    return record


def _row_meta(row: dict[str, Any], how: _Reading) -> tuple[DocumentMeta, list[str]]:
    """The metadata of a row's ``--meta-fields`` columns, and a warning for each it lacks."""
    values: dict[str, str | None] = {}
    warnings = []
    for name, column in how.meta_fields:
        if column not in row:
            warnings.append(f"no column {column!r} for the {name} (--meta-fields)")
            continue
        value = row[column]
        if isinstance(value, str) and not _is_utf8(value):
            # a CSV cell read with its undecodable bytes kept (surrogateescape): never written
            warnings.append(f"column {column!r} ({name}) is not UTF-8 text: left out")
        elif value is None or isinstance(value, str):
            values[name] = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[name] = str(value)
        else:
            warnings.append(f"column {column!r} ({name}) is not a string: left out")
    extra = {k: v for k, v in values.items() if k not in META_FIELDS and v is not None}
    known = {k: v for k, v in values.items() if k in META_FIELDS}
    return DocumentMeta(**known, extra=extra), warnings


def _is_utf8(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def row_record(
    row: Any,
    where: str,
    text_field: str = "text",
    id_field: str = "",
    *,
    input_format: str = "auto",
    meta_fields: dict[str, str] | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Record:
    """The record of one row read by another engine (Ray Data's ``read_json``),
    as a ``.jsonl`` line of that row would give it; ``where`` names it without an id column.

    Example:
        >>> row_record({"text": "Iran said no."}, "a.parquet").text
        'Iran said no.'
    """
    how = _Reading(
        text_field, id_field, input_format, tuple((meta_fields or {}).items()), extractor
    )
    return _row(row, where, how)
