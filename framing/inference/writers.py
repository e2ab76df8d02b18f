"""The outputs of ``python -m framing analyze``: jsonl or csv into a file or standard output, or
html pages into a folder, each document written in one piece as soon as it is analysed.

A jsonl document is one line, a csv document all of its rows (one per sentence, with the
columns of :data:`CSV_COLUMNS`), an html document one page
(:class:`~framing.inference.report.ReportWriter`). A jsonl or csv file never ends with part of a
document: a write that fails or is interrupted is cut back to the end of the last whole one
(:class:`OutputFile`). Every failure to write is an :class:`OutputError`,
``cannot write OUTPUT: reason``.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from framing.labels import FRAMES
from framing.text.metadata import META_FIELDS

__all__ = ["CSV_COLUMNS", "OutputError", "OutputFile", "Pages", "Writer", "open_writer"]

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

    def __init__(self, handle: IO[str], fmt: str, name: str | None = None) -> None:
        self.handle = handle
        self.fmt = fmt
        self.name = name or getattr(handle, "name", None) or "the output"
        if fmt == "csv":
            self._put(self._csv_text([CSV_COLUMNS]))

    @staticmethod
    def _csv_text(rows: list[list[Any]]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue()

    def render(self, ident: str, analysis: Any) -> str:
        """The text written for one document: a JSON line, or all of its CSV rows."""
        data = analysis if isinstance(analysis, dict) else analysis.to_dict()
        if self.fmt == "jsonl":
            return json.dumps({"id": ident, **data}, ensure_ascii=False) + "\n"
        warnings = "; ".join(data["warnings"])
        meta = data.get("metadata") or {}  # none in a version-1 dict
        document = [ident, *(meta.get(name) or "" for name in META_FIELDS)]
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

    def flush(self) -> None:
        self._call("flush")

    def close(self) -> None:
        self._call("close")


def open_writer(output: str | None, fmt: str, *, show_removed: bool = False) -> Writer | Pages:
    """The writer of ``--format fmt`` into ``output``.

    Args:
        output: the file (jsonl, csv) or folder (html); None or ``-`` for standard output.
        fmt: ``jsonl``, ``csv`` or ``html``.
        show_removed: html: list what cleaning removed on each page.

    Raises:
        OutputError: the output cannot be opened or its first bytes (the csv header) written.
    """
    if fmt == "html":
        return Pages(str(output), show_removed)
    if output in (None, "-"):
        return Writer(sys.stdout, fmt, "<stdout>")
    try:
        handle = OutputFile(output)
    except OSError as err:
        raise _cannot_write(output, err) from err
    try:
        return Writer(handle, fmt, output)  # type: ignore[arg-type]
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
