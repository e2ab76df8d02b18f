"""``python -m framing analyze``: analyse many articles, streaming results as they are made.

    python -m framing analyze PATH... [--model M] [--format jsonl|csv|html] [--output O]
                             [--text-field text] [--id-field id] [--batch-size 1024]

Inputs: ``.txt`` files, folders of them (searched recursively), ``.jsonl`` or ``.csv`` files with
a text column (``--text-field``), or ``-`` for one document on standard input. Results are
written as soon as each batch is analysed, one JSON object per document (jsonl), one row per
sentence (csv) or one self-contained page per document plus ``index.html`` (html, into the
``--output`` folder), so an interrupted run keeps everything written before it stopped.

Bad input: a record that cannot be read (undecodable bytes, empty text, a missing column, an
unreadable file, a CSV record with broken quoting or another number of fields than the header)
is reported on stderr as ``skipped FILE:LINE: reason`` (the line a record starts on) and
skipped; the run goes on with the next record. A CSV record with broken quoting is never merged
with the records after it: reading starts again at the line after its first line. A UTF-8
byte-order mark is dropped from ``.csv`` and ``.jsonl`` files; in ``.txt`` files and standard
input it is kept as the text's first character (the text is decoded as plain UTF-8, so offsets
count it, and cleaning skips it as invisible).

Output: ``--output`` is refused when it is an input, a link (hard or symbolic) to one, or lies
inside an input folder; for html, also when one of its pages (``index.html``, ``00000.html``,
...) is an input. Each document is written in one piece: a jsonl line, all of a document's csv
rows, or a page (written to a temporary file, then renamed). When a write fails or the run is
interrupted (Ctrl-C, SIGTERM), a jsonl or csv file is cut back to the end of the last whole
document, so it never ends with part of one (standard output cannot be cut back: there each
document is still one write).

Exit codes: 0 every record analysed; 1 some records skipped (and the rest analysed); 2 a usage
error: bad arguments, a model that cannot be loaded, an ``--output`` refused or that cannot be
written (unwritable or missing folder, a folder given for a file, a full device, a closed pipe),
reported in one ``error: ...`` line; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import codecs
import csv
import errno
import io
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from framing.labels import FRAMES
from framing.text.layout import is_blank

CSV_COLUMNS = [
    "id",
    "sentence",
    "start",
    "end",
    "text",
    "mode",
    "p_opinion",
    "reported",
    "p_reported",
    "stances",
    *FRAMES,
    "warnings",
]

# the pages of an html output folder (ReportWriter): index.html and 00000.html, 00001.html, ...
HTML_PAGE = re.compile(r"index\.html|\d{5,}\.html")


@dataclass
class Record:
    """One document to analyse, or the reason it could not be read."""

    id: str
    text: str | None = None
    error: str | None = None


def iter_records(
    paths: list[str], text_field: str = "text", id_field: str = "", stdin: IO[bytes] | None = None
) -> Iterator[Record]:
    """Every document of the inputs, in order; unreadable ones carry an ``error``."""
    for name in paths:
        if name == "-":
            source = stdin if stdin is not None else sys.stdin.buffer
            data = source.read()
            yield _decoded("<stdin>", data if isinstance(data, bytes) else data.encode())
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield Record(str(path), error="no .txt file in this folder")
            for file in files:
                yield _text_file(file)
        elif not path.exists():
            yield Record(str(path), error="no such file or folder")
        elif path.suffix == ".jsonl":
            yield from _jsonl(path, text_field, id_field)
        elif path.suffix == ".csv":
            yield from _csv(path, text_field, id_field)
        else:
            yield _text_file(path)


def _text_file(path: Path) -> Record:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Record(str(path), error=f"cannot be read ({err.strerror})")
    return _decoded(str(path), data)


def _decoded(ident: str, data: bytes) -> Record:
    # plain UTF-8: a byte-order mark stays the text's first character, so that offsets match
    # the text as Python reads it (open(..., encoding="utf-8")); cleaning skips it as invisible
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Record(ident, error=f"not UTF-8 text (byte {err.start})")
    if all(is_blank(ch) for ch in text):
        return Record(ident, error="empty text")
    return Record(ident, text)


def _jsonl(path: Path, text_field: str, id_field: str) -> Iterator[Record]:
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
            yield _row(row, where, text_field, id_field)


def _csv(path: Path, text_field: str, id_field: str) -> Iterator[Record]:
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
        if text_field not in header:
            yield Record(f"{path}:{line}", error=f"no column {text_field!r} (--text-field)")
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
            value = row.get(text_field) or ""
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield Record(where, error="not UTF-8 text")
                continue
            yield _row(row, where, text_field, id_field)


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


def _row(row: Any, where: str, text_field: str, id_field: str) -> Record:
    if not isinstance(row, dict):
        return Record(where, error="expected a JSON object")
    if text_field not in row:
        return Record(where, error=f"no field {text_field!r} (--text-field)")
    text = row[text_field]
    if not isinstance(text, str):
        return Record(where, error=f"field {text_field!r} is not a string")
    if not text.strip():
        return Record(where, error=f"empty text in {text_field!r}")
    ident = str(row.get(id_field, where)) if id_field else where
    return Record(ident, text)


class OutputError(Exception):
    """The results cannot be written (``cannot write OUTPUT: reason``)."""


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


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
        return self._csv_text(
            [
                [
                    ident,
                    s["index"],
                    s["start"],
                    s["end"],
                    s["text"],
                    s["mode"]["label"],
                    round(s["mode"]["probabilities"].get("opinion", 0.0), 6),
                    s["reported"]["label"],
                    round(s["reported"]["probability"], 6),
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
            raise OutputError(f"cannot write {self.name}: {_reason(err)}") from err

    def write(self, ident: str, analysis: Any) -> None:
        self._put(self.render(ident, analysis))

    def flush(self) -> None:
        try:
            self.handle.flush()
        except OSError as err:
            raise OutputError(f"cannot write {self.name}: {_reason(err)}") from err

    def close(self) -> None:
        try:
            if isinstance(self.handle, OutputFile):
                self.handle.close()
        except OSError as err:
            raise OutputError(f"cannot write {self.name}: {_reason(err)}") from err


class _Pages:
    """The html output (:class:`~framing.inference.report.ReportWriter`), errors as OutputError."""

    def __init__(self, directory: str, show_removed: bool) -> None:
        from framing.inference.report import ReportWriter

        self.name = directory
        try:
            self.writer = ReportWriter(directory, show_removed=show_removed)
        except OSError as err:
            raise OutputError(f"cannot write {directory}: {_reason(err)}") from err

    def _call(self, method: str, *args: Any) -> None:
        try:
            getattr(self.writer, method)(*args)
        except OSError as err:
            raise OutputError(f"cannot write {self.name}: {_reason(err)}") from err

    def write(self, ident: str, analysis: Any) -> None:
        self._call("write", ident, analysis)

    def flush(self) -> None:
        self._call("flush")

    def close(self) -> None:
        self._call("close")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        return path.absolute()


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of what ``path`` names, links followed; None when it is not there."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def output_problem(output: str, fmt: str, paths: list[str]) -> str | None:
    """Why ``--output`` cannot be used with these inputs (a message), or None.

    Refused: the output is an input, a hard or symbolic link to one (same device and inode), or
    lies inside an input folder (by resolved path, or by inode for each folder above it); for
    html (the output is a folder), also when an input file is one of its pages (by name, or a
    page already there is the input or a link to it). Then a missing folder to write into."""
    out = Path(output)
    real = _resolved(out)
    ident = _identity(out)
    above = list(real.parents)
    above_ids = {i for i in map(_identity, above) if i is not None}
    pages: dict[tuple[int, int], str] = {}  # html: the pages already in the output folder
    if fmt == "html" and out.is_dir():
        try:
            for page in out.iterdir():
                if HTML_PAGE.fullmatch(page.name) and (page_id := _identity(page)) is not None:
                    pages[page_id] = page.name
        except OSError:
            pass  # an unreadable folder: writing into it fails and is reported then
    for name in paths:
        if name == "-":
            continue
        path = Path(name)
        source, source_id = _resolved(path), _identity(path)
        if real == source or (ident is not None and ident == source_id):
            return f"--output {output} is also an input ({name}, or a link to it)"
        if path.is_dir():
            if source in above or source_id in above_ids:
                return f"--output {output} lies inside the input folder {name}"
            continue
        if fmt != "html":
            continue
        folder = path.parent
        is_page = HTML_PAGE.fullmatch(path.name) and (
            _resolved(folder) == real or (ident is not None and _identity(folder) == ident)
        )
        if is_page or source_id in pages:
            page = path.name if is_page else pages[source_id]  # type: ignore[index]
            return f"--output {output} would overwrite the input {name} with its page {page}"
    folder = out if fmt == "html" else out.parent
    if not (folder.is_dir() or (fmt == "html" and folder.parent.is_dir())):
        missing = folder.parent if fmt == "html" else folder
        return f"cannot write {output}: no such folder {missing}"
    return None


class Terminated(KeyboardInterrupt):
    """Raised by the SIGTERM handler: a terminated run stops like an interrupted one."""


def _on_sigterm(pid: int) -> Any:
    """A SIGTERM handler raising :class:`Terminated` in process ``pid``; in a process forked
    from it (a ``--num-proc`` worker) SIGTERM does what it does by default."""

    def handler(signum: int, frame: Any) -> None:
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated

    return handler


# the analyzer of each process of a --num-proc run, by model; filled in the parent before the
# workers fork, so they share its memory instead of loading the model again
_ANALYZERS: dict[str, Any] = {}


def analyze_rows(rows: dict[str, list], model: str | None, batch_size: int) -> dict[str, list]:
    """``datasets.map`` function: the analyses of a batch of texts, as JSON."""
    key = model or ""
    if key not in _ANALYZERS:
        from framing.inference.analyzer import load

        _ANALYZERS[key] = load(model)
    docs = _ANALYZERS[key].analyze_many(rows["text"], batch_size=batch_size)
    return {"analysis": [d.to_json() for d in docs]}


def analyze_in_processes(
    texts: list[str], model: str | None, batch_size: int, num_proc: int
) -> list[dict[str, Any]]:
    """Analyses of ``texts`` in ``num_proc`` processes through ``datasets.map``, in input order.

    The same function runs per partition on a cluster engine: for example Spark's
    ``mapInPandas`` or Ray Data's ``map_batches`` over a ``text`` column.
    """
    import datasets

    datasets.disable_progress_bars()
    table = datasets.Dataset.from_dict({"text": texts})
    out = table.map(
        analyze_rows,
        batched=True,
        batch_size=max(1, -(-len(texts) // num_proc)),
        num_proc=min(num_proc, len(texts)),
        fn_kwargs={"model": model, "batch_size": batch_size},
        remove_columns=["text"],
        load_from_cache_file=False,
        keep_in_memory=True,
    )
    return [json.loads(a) for a in out["analysis"]]


def _silence_stdout() -> None:
    """After a closed pipe: send what is left of stdout to /dev/null, so that Python's final
    flush does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def analyze_command(args: argparse.Namespace) -> int:
    from tqdm.auto import tqdm

    from framing.inference.analyzer import ModelError, load

    if args.num_proc > 1 and args.format == "html":
        print("error: --num-proc works with --format jsonl or csv", file=sys.stderr)
        return 2
    to_stdout = args.output in (None, "-")
    if args.format == "html" and to_stdout:
        print("error: --format html writes a folder: give it with --output", file=sys.stderr)
        return 2
    if not to_stdout:
        problem = output_problem(args.output, args.format, args.paths)
        if problem is not None:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    try:
        analyzer = load(args.model)
    except (ModelError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    _ANALYZERS[args.model or ""] = analyzer
    try:
        if args.format == "html":
            writer: Any = _Pages(args.output, args.show_removed)
        elif to_stdout:
            writer = Writer(sys.stdout, args.format, "<stdout>")
        else:
            try:
                handle = OutputFile(args.output)
            except OSError as err:
                raise OutputError(f"cannot write {args.output}: {_reason(err)}") from err
            try:
                writer = Writer(handle, args.format, args.output)  # type: ignore[arg-type]
            except OutputError:
                handle.close()
                raise
    except OutputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    failed = done = 0
    batch: list[Record] = []
    bar = tqdm(desc="analyze", unit="doc", file=sys.stderr, disable=args.quiet)

    def run_batch() -> None:
        nonlocal done
        texts = [r.text for r in batch]
        if args.num_proc > 1:
            results = analyze_in_processes(texts, args.model, args.batch_size, args.num_proc)
        else:
            results = analyzer.analyze_many(texts, batch_size=args.batch_size)
        for record, result in zip(batch, results, strict=True):
            writer.write(record.id, result)
            done += 1
        writer.flush()
        bar.update(len(batch))
        batch.clear()

    code = None
    try:
        try:
            for record in iter_records(args.paths, args.text_field, args.id_field):
                if record.error is not None:
                    failed += 1
                    print(f"skipped {record.id}: {record.error}", file=sys.stderr)
                    continue
                batch.append(record)
                if len(batch) >= args.docs_per_batch * args.num_proc:
                    run_batch()
            if batch:
                run_batch()
        finally:
            bar.close()
            writer.close()  # cuts a jsonl/csv file back to its whole documents
    except OutputError as err:
        if to_stdout and isinstance(err.__cause__, BrokenPipeError):
            _silence_stdout()
        print(f"error: {err}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt as err:
        stopped = "terminated" if isinstance(err, Terminated) else "interrupted"
        print(f"{stopped}: analysed {done} document(s), skipped {failed}", file=sys.stderr)
        code = 143 if isinstance(err, Terminated) else 130
    if code is not None:
        return code
    print(f"analysed {done} document(s), skipped {failed}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framing", description="framing commands")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze", help="analyse articles", description=__doc__.split("\n\n")[0]
    )
    analyze.add_argument("paths", nargs="+", help=".txt files, folders, .jsonl, .csv, or -")
    analyze.add_argument(
        "--model", help="a model folder, a training run or a Hub id (default: the bundled model)"
    )
    analyze.add_argument("--format", choices=["jsonl", "csv", "html"], default="jsonl")
    analyze.add_argument(
        "--output", help="the output file, or folder for html (default: standard output)"
    )
    analyze.add_argument(
        "--show-removed", action="store_true", help="html: list what cleaning removed"
    )
    analyze.add_argument("--text-field", default="text", help="text column of .jsonl/.csv")
    analyze.add_argument("--id-field", default="", help="id column of .jsonl/.csv")
    analyze.add_argument("--batch-size", type=int, default=1024, help="sentences per model call")
    analyze.add_argument(
        "--docs-per-batch", type=int, default=32, help="documents analysed (and written) together"
    )
    analyze.add_argument(
        "--num-proc", type=int, default=1, help="processes (datasets.map); jsonl and csv only"
    )
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.batch_size < 1 or args.docs_per_batch < 1 or args.num_proc < 1:
        parser.error("--batch-size, --docs-per-batch and --num-proc must be >= 1")
    if threading.current_thread() is not threading.main_thread():
        return analyze_command(args)
    # a terminated run stops like an interrupted one: output cut back to whole documents, 143
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _on_sigterm(os.getpid()))
    try:
        return analyze_command(args)
    except KeyboardInterrupt as err:  # before the run began (loading the model): nothing written
        stopped = "terminated" if isinstance(err, Terminated) else "interrupted"
        print(f"{stopped} before any document was analysed", file=sys.stderr)
        return 143 if isinstance(err, Terminated) else 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
