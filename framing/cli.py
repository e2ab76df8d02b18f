"""``python -m framing analyze``: analyse many articles, streaming results as they are made.

    python -m framing analyze PATH... [--model M] [--format jsonl|csv|html] [--output O]
                             [--text-field text] [--id-field id] [--batch-size 1024]

Inputs: ``.txt`` files, folders of them (searched recursively), ``.jsonl`` or ``.csv`` files with
a text column (``--text-field``), or ``-`` for one document on standard input. Results are
written as soon as each batch is analysed, one JSON object per document (jsonl), one row per
sentence (csv) or one self-contained page per document plus ``index.html`` (html, into the
``--output`` folder), so an interrupted run keeps everything written before it stopped. A
record that cannot be read (undecodable bytes, empty text, a missing column, an unreadable
file) is reported on stderr with its file and line and skipped; the exit code is 1 if any
record failed, 2 for a usage error (such as a model that cannot be loaded), 0 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .labels import FRAMES

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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Record(ident, error=f"not UTF-8 text (byte {err.start})")
    if not text.strip():
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
    try:
        handle = path.open(encoding="utf-8", errors="surrogateescape", newline="")
    except OSError as err:
        yield Record(str(path), error=f"cannot be read ({err.strerror})")
        return
    csv.field_size_limit(sys.maxsize)  # whole articles in one cell
    with handle:
        reader = csv.DictReader(handle)
        try:
            fields = reader.fieldnames or ()
        except csv.Error as err:
            yield Record(f"{path}:1", error=f"not a readable CSV header ({err})")
            return
        if text_field not in fields:
            yield Record(f"{path}:1", error=f"no column {text_field!r} (--text-field)")
            return
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:  # a malformed row: report it and read on
                yield Record(f"{path}:{reader.line_num}", error=f"not valid CSV ({err})")
                continue
            where = f"{path}:{reader.line_num}"
            value = row.get(text_field) or ""
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield Record(where, error="not UTF-8 text")
                continue
            yield _row(row, where, text_field, id_field)


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


class Writer:
    """Writes analyses as they come, flushing after each batch."""

    def __init__(self, handle: IO[str], fmt: str) -> None:
        self.handle = handle
        self.fmt = fmt
        self.csv = None
        if fmt == "csv":
            self.csv = csv.writer(handle)
            self.csv.writerow(CSV_COLUMNS)

    def write(self, ident: str, analysis: Any) -> None:
        data = analysis if isinstance(analysis, dict) else analysis.to_dict()
        if self.fmt == "jsonl":
            self.handle.write(json.dumps({"id": ident, **data}, ensure_ascii=False) + "\n")
            return
        warnings = "; ".join(data["warnings"])
        for s in data["sentences"]:
            self.csv.writerow(
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
            )

    def flush(self) -> None:
        self.handle.flush()

    def close(self) -> None:
        return None


# the analyzer of each process of a --num-proc run, by model; filled in the parent before the
# workers fork, so they share its memory instead of loading the model again
_ANALYZERS: dict[str, Any] = {}


def analyze_rows(rows: dict[str, list], model: str | None, batch_size: int) -> dict[str, list]:
    """``datasets.map`` function: the analyses of a batch of texts, as JSON."""
    key = model or ""
    if key not in _ANALYZERS:
        from .analyzer import load

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


def analyze_command(args: argparse.Namespace) -> int:
    from tqdm.auto import tqdm

    from .analyzer import ModelError, load

    try:
        analyzer = load(args.model)
    except (ModelError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.num_proc > 1 and args.format == "html":
        print("error: --num-proc works with --format jsonl or csv", file=sys.stderr)
        return 2
    _ANALYZERS[args.model or ""] = analyzer
    output = Path(args.output) if args.output not in (None, "-") else None
    if output is not None:
        inputs = {Path(p).resolve() for p in args.paths if p != "-"}
        if output.resolve() in inputs:
            print(f"error: --output {output} is also an input", file=sys.stderr)
            return 2
        parent = output if args.format == "html" else output.parent
        if not (parent.is_dir() or (args.format == "html" and parent.parent.is_dir())):
            print(f"error: no such folder for --output: {parent}", file=sys.stderr)
            return 2
    if args.format == "html":
        if args.output in (None, "-"):
            print("error: --format html writes a folder: give it with --output", file=sys.stderr)
            return 2
        out = None
        from .report import ReportWriter

        writer = ReportWriter(args.output, show_removed=args.show_removed)
    else:
        out = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
        writer = Writer(out, args.format)
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
        writer.flush()
        done += len(batch)
        bar.update(len(batch))
        batch.clear()

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
        writer.close()
        if out not in (None, sys.stdout):
            out.close()
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
    return analyze_command(args)
