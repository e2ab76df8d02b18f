"""The outputs of ``python -m framing analyze``: jsonl or csv into a file or standard output,
parquet into a file, html pages into a folder, or jsonl or parquet into a folder of part files,
each document written in one piece as soon as it is analysed.

A jsonl document is one line, a csv document all of its rows (one per sentence, with the
columns of :data:`CSV_COLUMNS`), an html document one page
(:class:`~framing.inference.report.ReportWriter`). A jsonl or csv file never ends with part of a
document: a write that fails or is interrupted is cut back to the end of the last whole one
(:class:`OutputFile`). Every failure to write is an :class:`OutputError`,
``cannot write OUTPUT: reason``.

A parquet file (:class:`ParquetOutput`) has one row per document, in input order: a string
column ``analysis`` holding the jsonl line's JSON object (the same text), ``id``, and the
document's metadata, one column per field (:data:`PARQUET_COLUMNS`); a row group per batch. A
folder of parts (:class:`Parts`) holds ``part-00000.jsonl``, ``part-00001.jsonl``, ... (or
``.parquet``), each written under a temporary name and renamed when whole, so a part file is never
half written; concatenated in name order they hold the documents in input order.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from framing.inference.partition import analysis_line
from framing.labels import FRAMES
from framing.text.metadata import META_FIELDS

__all__ = [
    "CSV_COLUMNS",
    "PARQUET_COLUMNS",
    "OutputError",
    "OutputFile",
    "Pages",
    "ParquetOutput",
    "Parts",
    "Writer",
    "is_folder_output",
    "open_writer",
]

# the columns of a parquet analysis file: readers use only ``analysis``; the rest is for pandas
PARQUET_COLUMNS = ("id", "analysis", *META_FIELDS)
# the formats a folder of part files may hold
PART_FORMATS = ("jsonl", "parquet")

# the document's metadata (outlet, date, url, title, author) is repeated on each of its rows, so
# that a row can be grouped by outlet or date on its own
CSV_COLUMNS = [
    "id",
    *META_FIELDS,
    "sentence",
    "start",
    "end",
    "text",
    "mode",
    "p_opinion",
    "reported",
    "p_reported",
    "speaker",
    "stances",
    *FRAMES,
    "warnings",
]


class OutputError(Exception):
    """The results cannot be written (``cannot write OUTPUT: reason``)."""


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def _cannot_write(name: str, err: OSError) -> OutputError:
    return OutputError(f"cannot write {name}: {_reason(err)}")


class OutputFile:
    """A results file written one document per :meth:`write`, never ending with part of one.

    A write that fails (a full device) or is interrupted (Ctrl-C, SIGTERM) is cut back with
    ``ftruncate`` to the end of the last whole document, and so is the file on :meth:`close`.
    """

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)
        self.raw = open(path, "wb", buffering=0)  # noqa: SIM115
        self.size = 0  # bytes of whole documents

    def _write_some(self, data: memoryview) -> int:
        return os.write(self.raw.fileno(), data)

    def write(self, text: str) -> int:
        data = memoryview(text.encode("utf-8", "surrogateescape"))
        done = 0
        try:
            while done < len(data):
                written = self._write_some(data[done:])
                if not written:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                done += written
        except BaseException:
            self.cut()
            raise
        self.size += len(data)
        return len(text)

    def cut(self) -> None:
        """Truncate the file to its whole documents (not possible on a pipe or a device)."""
        try:
            os.ftruncate(self.raw.fileno(), self.size)
            self.raw.seek(self.size)
        except OSError:
            pass

    def flush(self) -> None:
        return None

    def close(self) -> None:
        if not self.raw.closed:
            self.cut()
            self.raw.close()


class Writer:
    """Writes analyses as they come: each document in one write, flushed after each batch."""

    def __init__(
        self, handle: IO[str], fmt: str, name: str | None = None, extra: Sequence[str] = ()
    ) -> None:
        self.handle = handle
        self.fmt = fmt
        self.name = name or getattr(handle, "name", None) or "the output"
        # csv: the extra metadata fields (--meta-fields beyond the five), a column each after them
        self.extra = tuple(extra)
        if fmt == "csv":
            at = CSV_COLUMNS.index("sentence")
            header = [*CSV_COLUMNS[:at], *self.extra, *CSV_COLUMNS[at:]]
            self._put(self._csv_text([header]))

    @staticmethod
    def _csv_text(rows: list[list[Any]]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue()

    def render(self, ident: str, analysis: Any) -> str:
        """The text written for one document: a JSON line, or all of its CSV rows."""
        data = analysis if isinstance(analysis, dict) else analysis.to_dict()
        if self.fmt == "jsonl":
            return analysis_line(ident, data) + "\n"
        warnings = "; ".join(data["warnings"])
        meta = data.get("metadata") or {}  # none in a version-1 dict
        extra = meta.get("extra") or {}
        document = [ident, *(meta.get(name) or "" for name in META_FIELDS)]
        document += [extra.get(name) or "" for name in self.extra]
        return self._csv_text(
            [
                [
                    *document,
                    s["index"],
                    s["start"],
                    s["end"],
                    s["text"],
                    s["mode"]["label"],
                    round(s["mode"]["probabilities"].get("opinion", 0.0), 6),
                    s["reported"]["label"],
                    round(s["reported"]["probability"], 6),
                    s.get("speaker") or "",  # empty: not reported, or no speaker component
                    json.dumps(s["stances"], ensure_ascii=False),
                    *(s["frames"][f] for f in FRAMES),
                    warnings,
                ]
                for s in data["sentences"]
            ]
        )

    def _put(self, text: str) -> None:
        if not text:
            return
        try:
            self.handle.write(text)
        except OSError as err:
            raise _cannot_write(self.name, err) from err

    def write(self, ident: str, analysis: Any) -> None:
        self._put(self.render(ident, analysis))

    def write_json(self, ident: str, line: str) -> None:
        """Write a document given as its jsonl object's text (:func:`analysis_line`)."""
        if self.fmt == "jsonl":
            self._put(line + "\n")
        else:
            self.write(ident, _without_id(line))

    def flush(self) -> None:
        try:
            self.handle.flush()
        except OSError as err:
            raise _cannot_write(self.name, err) from err

    def close(self) -> None:
        try:
            if isinstance(self.handle, OutputFile):
                self.handle.close()
        except OSError as err:
            raise _cannot_write(self.name, err) from err


def _without_id(line: str) -> dict[str, Any]:
    data = json.loads(line)
    data.pop("id", None)
    return data


class ParquetOutput:
    """A parquet analysis file (:data:`PARQUET_COLUMNS`), written under a temporary name in the
    same folder and renamed on :meth:`close`, with one row group per :meth:`flush`.

    Raises:
        OutputError: pyarrow is missing, or the file cannot be written.
    """

    def __init__(self, path: str | Path, extra: Sequence[str] = ()) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as err:
            raise OutputError(
                f"cannot write {path}: --format parquet needs pyarrow (pip install pyarrow)"
            ) from err
        self.name = str(path)
        self.path = Path(path)
        self.temporary = self.path.with_name(f".{self.path.name}.tmp")
        self.extra = tuple(extra)  # extra metadata fields, a column each after the five
        self.schema = pa.schema([(name, pa.string()) for name in (*PARQUET_COLUMNS, *self.extra)])
        self.rows: list[dict[str, Any]] = []
        self.count = 0  # documents written
        try:
            self.file = pq.ParquetWriter(self.temporary, self.schema)
        except OSError as err:
            raise _cannot_write(self.name, err) from err

    def write(self, ident: str, analysis: Any) -> None:
        data = analysis if isinstance(analysis, dict) else analysis.to_dict()
        self._add(ident, analysis_line(ident, data), data)

    def write_json(self, ident: str, line: str) -> None:
        self._add(ident, line, json.loads(line))

    def _add(self, ident: str, line: str, data: dict[str, Any]) -> None:
        meta = data.get("metadata") or {}
        extra = meta.get("extra") or {}
        row = {"id": ident, "analysis": line, **{f: meta.get(f) for f in META_FIELDS}}
        self.rows.append(row | {f: extra.get(f) for f in self.extra})

    def flush(self) -> None:
        if not self.rows:
            return
        import pyarrow as pa

        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        try:
            self.file.write_table(table)
        except OSError as err:
            raise _cannot_write(self.name, err) from err
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> None:
        """Write what is left, close, and rename the file to its name (whole row groups)."""
        if self.file is None:
            return
        try:
            try:
                self.flush()
            finally:
                file, self.file = self.file, None
                file.close()
            os.replace(self.temporary, self.path)
        except OSError as err:
            raise _cannot_write(self.name, err) from err


class Parts:
    """A folder of part files (``part-00000.jsonl``, ... or ``.parquet``), in input order; a new
    part begins at the first :meth:`flush` after ``docs_per_part`` documents.

    Raises:
        OutputError: the folder cannot be made, or already holds part files (from another run:
            they would be mixed with this run's).
    """

    def __init__(
        self,
        directory: str | Path,
        fmt: str,
        docs_per_part: int = 10_000,
        extra: Sequence[str] = (),
    ) -> None:
        if fmt not in PART_FORMATS:
            raise OutputError(f"cannot write {directory}: a folder of parts holds jsonl or parquet")
        self.name = str(directory)
        self.directory = Path(directory)
        self.fmt = fmt
        self.docs_per_part = docs_per_part
        self.extra = tuple(extra)
        try:
            self.directory.mkdir(exist_ok=True)
            earlier = sorted(p.name for p in self.directory.glob("part-*"))
        except OSError as err:
            raise _cannot_write(self.name, err) from err
        if earlier:
            raise OutputError(
                f"cannot write {directory}: it already holds part files ({earlier[0]}, ...): "
                "remove them or choose another folder"
            )
        self.number = 0
        self.part: Writer | ParquetOutput | None = None
        self.in_part = 0

    def _current(self) -> Writer | ParquetOutput:
        if self.part is None:
            name = self.directory / f"part-{self.number:05d}.{self.fmt}"
            if self.fmt == "parquet":
                self.part = ParquetOutput(name, self.extra)
            else:
                try:
                    self.part = Writer(OutputFile(name.with_name(f".{name.name}.tmp")), "jsonl")
                except OSError as err:
                    raise _cannot_write(str(name), err) from err
        return self.part

    def write(self, ident: str, analysis: Any) -> None:
        self._current().write(ident, analysis)
        self.in_part += 1

    def write_json(self, ident: str, line: str) -> None:
        self._current().write_json(ident, line)
        self.in_part += 1

    def flush(self) -> None:
        if self.part is None:
            return
        self.part.flush()
        if self.in_part >= self.docs_per_part:
            self._finish()

    def _finish(self) -> None:
        """Close the current part and give it its name."""
        part, self.part = self.part, None
        self.in_part = 0
        if part is None:
            return
        part.close()
        if isinstance(part, Writer):
            temporary = Path(part.handle.name)
            try:
                os.replace(temporary, temporary.with_name(temporary.name[1:-4]))
            except OSError as err:
                raise _cannot_write(str(temporary), err) from err
        self.number += 1

    def close(self) -> None:
        self._finish()


def is_folder_output(output: str | None, fmt: str) -> bool:
    """Whether ``--output`` names a folder of parts: jsonl or parquet into a path ending with a
    slash (a folder named without one is refused, as a file's place, like csv's)."""
    if output in (None, "-") or fmt not in PART_FORMATS:
        return False
    return output.endswith(("/", os.sep))


class Pages:
    """The html output (:class:`~framing.inference.report.ReportWriter`), errors as OutputError."""

    def __init__(self, directory: str, show_removed: bool) -> None:
        from framing.inference.report import ReportWriter

        self.name = directory
        try:
            self.writer = ReportWriter(directory, show_removed=show_removed)
        except OSError as err:
            raise _cannot_write(directory, err) from err

    def _call(self, method: str, *args: Any) -> None:
        try:
            getattr(self.writer, method)(*args)
        except OSError as err:
            raise _cannot_write(self.name, err) from err

    def write(self, ident: str, analysis: Any) -> None:
        self._call("write", ident, analysis)

    def write_json(self, ident: str, line: str) -> None:
        from framing.inference.results import read_analysis

        self.write(ident, read_analysis(line))

    def flush(self) -> None:
        self._call("flush")

    def close(self) -> None:
        self._call("close")


def open_writer(
    output: str | None,
    fmt: str,
    *,
    show_removed: bool = False,
    docs_per_part: int = 10_000,
    extra: Sequence[str] = (),
) -> Writer | Pages | ParquetOutput | Parts:
    """The writer of ``--format fmt`` into ``output``.

    Args:
        output: the file (jsonl, csv, parquet) or folder (html; jsonl or parquet parts: see
            :func:`is_folder_output`); None or ``-`` for standard output.
        fmt: ``jsonl``, ``csv``, ``parquet`` or ``html``.
        show_removed: html: list what cleaning removed on each page.
        docs_per_part: a folder of parts: the documents of each part (at least).
        extra: csv and parquet: metadata fields beyond the five (``--meta-fields
            slant_group``), a column each.

    Raises:
        OutputError: the output cannot be opened or its first bytes (the csv header) written.

    Example:
        >>> writer = open_writer("out/", "parquet")  # doctest: +SKIP
        >>> writer.write("a.txt", analysis); writer.flush(); writer.close()  # doctest: +SKIP
    """
    if fmt == "html":
        return Pages(str(output), show_removed)
    if is_folder_output(output, fmt):
        return Parts(str(output), fmt, docs_per_part, extra)
    if fmt == "parquet":
        if output in (None, "-"):
            raise OutputError("--format parquet writes a file or folder: give it with --output")
        return ParquetOutput(str(output), extra)
    if output in (None, "-"):
        return Writer(sys.stdout, fmt, "<stdout>", extra)
    try:
        handle = OutputFile(output)
    except OSError as err:
        raise _cannot_write(output, err) from err
    try:
        return Writer(handle, fmt, output, extra)  # type: ignore[arg-type]
    except OutputError:
        handle.close()
        raise


def silence_stdout() -> None:
    """After a closed pipe: send what is left of stdout to /dev/null, so that Python's final
    flush does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
