"""``python -m framing analyze``: analyse many articles, streaming results as they are made.

    python -m framing analyze PATH... [--model M] [--format jsonl|csv|html|parquet] [--output O]
                             [--text-field text] [--id-field id] [--batch-size 1024]
                             [--input-format auto|text|html] [--meta-fields outlet,date=published]
                             [--extractor trafilatura|readability] [--docs-per-part 10000]
                             [--engine local|ray] [--ray-address auto] [--workers N]
                             [--threads-per-worker N] [--ray-read]

Inputs: ``.txt``, ``.pdf`` and ``.html``/``.htm`` files, folders of them (searched recursively; a
folder's other files are named and counted in one skipped record), ``.jsonl`` or ``.csv`` files
with a text column (``--text-field``), or ``-`` for one document on standard input.
``--input-format`` says what they hold: ``auto`` (HTML in ``.html``/``.htm`` files, text
elsewhere), ``text``, or ``html`` (the ``.jsonl``/``.csv`` text column and standard input hold
pages too). A page is reduced to its main text and metadata (``--extractor``); its sentences'
offsets point into that text, which the jsonl output carries (``source.text``). ``--meta-fields``
reads metadata from ``.jsonl``/``.csv`` columns: ``outlet,date`` (columns of those names) or
``outlet=source_name,date=published``; it wins over what a page says. Any other field
(``slant_group``, ``genre=kind``) is kept in ``metadata.extra`` and is a column of the csv and
parquet outputs after the five. Results are written as soon
as each batch is analysed, one JSON object per document (jsonl), one row per sentence (csv) or one
self-contained page per document plus ``index.html`` (html, into the ``--output`` folder), so an
interrupted run keeps everything written before it stopped.

``--format parquet`` writes one row per document (``id``, ``analysis``: the jsonl line's JSON
object, and the metadata's columns); an ``--output`` ending with ``/`` gets a folder of parts
(``part-00000.jsonl``, ... or ``.parquet``, ``--docs-per-part`` documents each), each renamed into
place when whole (:mod:`~framing.inference.writers`). ``--engine ray`` runs the same analysis
through Ray Data, the output the same bytes in the same order
(:mod:`~framing.inference.ray_engine`, :mod:`~framing.inference.partition`).

Bad input: a record that cannot be read (undecodable bytes, empty text, a missing column, an
unreadable file, a file in a binary format known by its bytes (``a PNG image, not text``), a PDF
without a text layer or without pypdf, a CSV record with broken quoting or another number of fields
than the header, a page that gives no text: binary data, over the size limit, no main text) is
reported on stderr as ``skipped FILE:LINE: reason`` (the line a record starts on) and skipped; the
run goes on with the next record. A metadata column a record lacks is a warning (``warning
FILE:LINE: ...``, printed once per message, and in that document's warnings). A CSV record with
broken quoting is never merged with the records after it: reading starts again at the line after
its first line. A UTF-8 byte-order mark is dropped from ``.csv`` and ``.jsonl`` files; in ``.txt``
files and standard input it is kept as the text's first character (the text is decoded as plain
UTF-8, so offsets count it, and cleaning skips it as invisible).

Output: ``--output`` is refused when it is an input, a link (hard or symbolic) to one, or lies
inside an input folder; for html, also when one of its pages (``index.html``, or a page named from
a document's title such as ``iran-iraq-sign-border-pact.html``) is an input. Each document is
written in one piece: a jsonl line, all of a document's csv rows, or a page (written to a temporary
file, then renamed). When a write fails or the run is interrupted (Ctrl-C, SIGTERM), a jsonl or csv
file is cut back to the end of the last whole document, so it never ends with part of one (standard
output cannot be cut back: there each document is still one write).

Exit codes: 0 every record analysed; 1 some records skipped (and the rest analysed); 2 a usage
error: bad arguments, a model that cannot be loaded, an ``--output`` refused or that cannot be
written (unwritable or missing folder, a folder given for a file, a full device, a closed pipe),
reported in one ``error: ...`` line; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).

The parts: :mod:`~framing.inference.readers` (the inputs), :mod:`~framing.inference.writers`
(the outputs), :mod:`~framing.inference.output_check` (an ``--output`` refused) and
:mod:`~framing.inference.parallel` (``--num-proc`` and SIGTERM); here, the arguments and the run.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

# the parts' public names stay importable from here, where they were before the split
from framing.inference.output_check import output_problem
from framing.inference.parallel import (
    Terminated,
    analyze_in_processes,
    analyze_rows,
    interruption,
    share_analyzer,
    sigterm_interrupts,
)
from framing.inference.readers import (
    Record,
    csv_records,
    extra_fields,
    iter_records,
    parse_meta_fields,
)
from framing.inference.report import HTML_PAGE
from framing.inference.writers import (
    CSV_COLUMNS,
    OutputError,
    OutputFile,
    Writer,
    is_folder_output,
    open_writer,
    silence_stdout,
)
from framing.text.html import DEFAULT_EXTRACTOR, available_extractors

__all__ = [
    "CSV_COLUMNS",
    "HTML_PAGE",
    "OutputError",
    "OutputFile",
    "Record",
    "Terminated",
    "Writer",
    "analyze_command",
    "analyze_in_processes",
    "analyze_rows",
    "csv_records",
    "iter_records",
    "main",
    "output_problem",
]


def analyze_command(args: argparse.Namespace) -> int:
    """Run ``analyze`` with parsed arguments: the exit code (see the module docstring)."""
    from tqdm.auto import tqdm

    from framing.inference.analyzer import ModelError, load

    if args.num_proc > 1 and args.format in ("html", "parquet"):
        print("error: --num-proc works with --format jsonl or csv", file=sys.stderr)
        return 2
    to_stdout = args.output in (None, "-")
    if args.format in ("html", "parquet") and to_stdout:
        print(f"error: --format {args.format} writes to --output: give it", file=sys.stderr)
        return 2
    if not to_stdout:
        # a folder of parts is checked as a folder, like html's
        shape = "html" if is_folder_output(args.output, args.format) else args.format
        problem = output_problem(args.output, shape, args.paths)
        if problem is not None:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    if args.engine == "ray":
        return _analyze_on_ray(args, to_stdout)
    try:
        analyzer = load(args.model)
    except (ModelError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    share_analyzer(args.model, analyzer)
    writer = _open_output(args, to_stdout)
    if writer is None:
        return 2
    failed = done = 0
    batch: list[Record] = []
    warned: set[str] = set()
    bar = tqdm(desc="analyze", unit="doc", file=sys.stderr, disable=args.quiet)

    def run_batch() -> None:
        nonlocal done
        texts = [r.document for r in batch]
        metadata = [r.meta for r in batch]
        if args.num_proc > 1:
            results = analyze_in_processes(
                texts, args.model, args.batch_size, args.num_proc, metadata
            )
        else:
            results = analyzer.analyze_many(texts, batch_size=args.batch_size, metadata=metadata)
        for record, result in zip(batch, results, strict=True):
            warnings = result["warnings"] if isinstance(result, dict) else result.warnings
            for warning in warnings:  # the document's own: not English, binary-looking, ...
                print(f"warning {record.id}: {warning}", file=sys.stderr)
            warnings += record.warnings
            writer.write(record.id, result)
            done += 1
        writer.flush()
        bar.update(len(batch))
        batch.clear()

    code = None
    try:
        try:
            records = iter_records(args.paths, **_reading(args))
            for record in records:
                if record.error is not None:
                    failed += 1
                    print(f"skipped {record.id}: {record.error}", file=sys.stderr)
                    continue
                for warning in record.warnings:
                    if warning not in warned:  # a column missing from a file: said once
                        warned.add(warning)
                        print(f"warning {record.id}: {warning}", file=sys.stderr)
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
            silence_stdout()
        print(f"error: {err}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt as err:
        stopped, code = interruption(err)
        print(f"{stopped}: analysed {done} document(s), skipped {failed}", file=sys.stderr)
    if code is not None:
        return code
    print(f"analysed {done} document(s), skipped {failed}", file=sys.stderr)
    return 1 if failed else 0


RAY_MISSING = "--engine ray needs Ray: pip install 'framing[ray]'"


def _reading(args: argparse.Namespace) -> dict[str, Any]:
    """How the inputs are read (:func:`~framing.inference.readers.iter_records`' options), the
    same on both engines."""
    return {
        "text_field": args.text_field,
        "id_field": args.id_field,
        "input_format": args.input_format,
        "meta_fields": args.meta_fields,
        "extractor": args.extractor,
    }


def _open_output(args: argparse.Namespace, to_stdout: bool) -> Any:
    """The writer of ``--format`` into ``--output`` (standard output when ``to_stdout``), or
    None after printing why it cannot be opened."""
    try:
        return open_writer(
            None if to_stdout else args.output,
            args.format,
            show_removed=args.show_removed,
            docs_per_part=args.docs_per_part,
            extra=extra_fields(args.meta_fields),
        )
    except OutputError as err:
        print(f"error: {err}", file=sys.stderr)
        return None


def _analyze_on_ray(args: argparse.Namespace, to_stdout: bool) -> int:
    """``--engine ray``: the run of :func:`analyze_command` through Ray Data
    (:mod:`framing.inference.ray_engine`), the same output in the same order."""
    from tqdm.auto import tqdm

    try:
        from framing.inference import ray_engine
    except ImportError as err:
        print(f"error: {RAY_MISSING} ({err})", file=sys.stderr)
        return 2
    if to_stdout:  # Ray's own processes print notices on standard output, among the lines
        print("error: --engine ray writes to a file or folder: give --output", file=sys.stderr)
        return 2
    run = ray_engine.RayRun(
        args.ray_address, args.workers, args.threads_per_worker, args.ray_read, args.docs_per_batch
    )
    reading = _reading(args)
    from framing.models.errors import ModelError
    from framing.models.loading import resolve_model

    try:  # a model that cannot be found fails here, not in every actor
        resolve_model(args.model)
    except (ModelError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    stdin = sys.stdin.buffer.read() if "-" in args.paths else None
    handler = signal.getsignal(signal.SIGTERM)
    try:
        started = ray_engine.start_ray(args.ray_address)
    except (ConnectionError, RuntimeError, ValueError) as err:
        print(f"error: cannot start or join Ray ({err})", file=sys.stderr)
        return 2
    if handler is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)  # ray.init puts its own: ours cuts the output
    try:
        try:
            source = ray_engine.input_dataset(args.paths, reading, run, stdin)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        writer = _open_output(args, to_stdout)
        if writer is None:
            return 2
        counts = {"done": 0, "failed": 0}
        bar = tqdm(desc="analyze (ray)", unit="doc", file=sys.stderr, disable=args.quiet)
        batches = None
        try:
            try:
                batches = ray_engine.analyzed_batches(source, args.model, args.batch_size, run)
                for batch in batches:
                    _write_rows(batch, writer, counts)
                    bar.update(len(batch))
            finally:
                if batches is not None:
                    batches.close()  # before Ray shuts down: its blocks belong to the run
                bar.close()
                writer.close()
        except ray_engine.RayError as err:  # a worker died: the model could not load, ...
            print(f"error: the Ray workers failed: {ray_engine.root_cause(err)}", file=sys.stderr)
            if not counts["done"] and not counts["failed"]:
                _remove_empty(args.output)
            return 2
        except ValueError as err:  # settings no node can run (threads)
            print(f"error: {err}", file=sys.stderr)
            _remove_empty(args.output)
            return 2
        except OutputError as err:
            if to_stdout and isinstance(err.__cause__, BrokenPipeError):
                silence_stdout()
            print(f"error: {err}", file=sys.stderr)
            return 2
        except KeyboardInterrupt as err:
            stopped, code = interruption(err)
            print(
                f"{stopped}: analysed {counts['done']} document(s), skipped {counts['failed']}",
                file=sys.stderr,
            )
            return code
    finally:
        if started:
            import ray

            ray.shutdown()
    print(f"analysed {counts['done']} document(s), skipped {counts['failed']}", file=sys.stderr)
    return 1 if counts["failed"] else 0


def _remove_empty(output: str | None) -> None:
    """Remove an output file or folder of parts the run opened but wrote nothing into."""
    import contextlib
    from pathlib import Path

    if output in (None, "-"):
        return
    path = Path(str(output))
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size == 0:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _write_rows(batch: Any, writer: Any, counts: dict[str, Any]) -> None:
    """Write a batch of output rows (:mod:`framing.inference.partition`), reporting each
    skipped record and warning on stderr as the local engine does."""
    from framing.inference.ray_engine import decode_list

    warned = counts.setdefault("warned", set())
    for row in batch.itertuples(index=False):
        if not isinstance(row.analysis, str):  # null (None, NaN or NA): a record in error
            counts["failed"] += 1
            print(f"skipped {row.id}: {row.error}", file=sys.stderr)
            continue
        for warning in decode_list(row.record_warnings):
            if warning not in warned:  # a column missing from a file: said once
                warned.add(warning)
                print(f"warning {row.id}: {warning}", file=sys.stderr)
        for warning in decode_list(row.warnings):
            print(f"warning {row.id}: {warning}", file=sys.stderr)
        writer.write_json(row.id, row.analysis)
        counts["done"] += 1
    writer.flush()


def main(argv: list[str] | None = None) -> int:
    """``python -m framing``: parse ``argv`` (default: the command line) and run; the exit code."""
    parser = argparse.ArgumentParser(prog="python -m framing", description="framing commands")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze", help="analyse articles", description=__doc__.split("\n\n")[0]
    )
    analyze.add_argument(
        "paths",
        nargs="+",
        help=".txt, .pdf or .html/.htm files, folders, .jsonl, .csv, .parquet (a row per "
        "article), or -",
    )
    analyze.add_argument(
        "--model", help="a model folder, a training run or a Hub id (default: the bundled model)"
    )
    analyze.add_argument("--format", choices=["jsonl", "csv", "html", "parquet"], default="jsonl")
    analyze.add_argument(
        "--output",
        help="the output file, or folder for html; for jsonl and parquet, a path ending with / "
        "gets part files part-00000.jsonl, ... (default: standard output)",
    )
    analyze.add_argument(
        "--show-removed", action="store_true", help="html: list what cleaning removed"
    )
    analyze.add_argument("--text-field", default="text", help="text column of .jsonl/.csv/.parquet")
    analyze.add_argument("--id-field", default="", help="id column of .jsonl/.csv/.parquet")
    analyze.add_argument(
        "--input-format",
        choices=["auto", "text", "html"],
        default="auto",
        help="what the inputs hold: auto (HTML in .html/.htm files), text, or html (also the "
        ".jsonl/.csv text column and standard input)",
    )
    analyze.add_argument(
        "--meta-fields",
        default="",
        metavar="FIELD[=COLUMN],...",
        help="metadata columns of .jsonl/.csv: outlet, date, url, title, author or any other "
        "field (slant_group, genre=kind: kept in metadata.extra, a column of the csv and parquet "
        "outputs), each read from the column of its name or the one named after =",
    )
    analyze.add_argument(
        "--extractor",
        choices=available_extractors(),
        default=DEFAULT_EXTRACTOR,
        help="the HTML main-text extractor",
    )
    analyze.add_argument("--batch-size", type=int, default=1024, help="sentences per model call")
    analyze.add_argument(
        "--docs-per-batch", type=int, default=32, help="documents analysed (and written) together"
    )
    analyze.add_argument(
        "--num-proc", type=int, default=1, help="processes (datasets.map); jsonl and csv only"
    )
    analyze.add_argument(
        "--docs-per-part",
        type=int,
        default=10_000,
        help="a folder of parts (--output DIR/): a new part begins at the first batch "
        "(--docs-per-batch) after this many documents (default: 10000)",
    )
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    engine = analyze.add_argument_group("engine", "where the analysis runs (--engine ray)")
    engine.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="local: this process (--num-proc: more); ray: Ray Data (pip install 'framing[ray]')",
    )
    engine.add_argument(
        "--ray-address",
        help="the Ray cluster to join (auto: the one started here by ray start; "
        "default: start a local instance)",
    )
    engine.add_argument(
        "--workers", type=int, help="analysing actors (default: one per CPU Ray reports)"
    )
    engine.add_argument(
        "--threads-per-worker",
        type=int,
        help="CPUs and model threads of each actor (default: the CPUs over the workers)",
    )
    engine.add_argument(
        "--ray-read",
        action="store_true",
        help="JSONL inputs (files, folders, URIs) read by Ray Data itself, for shared storage "
        "on a cluster; needs --id-field (Parquet inputs are read without it)",
    )
    args = parser.parse_args(argv)
    try:
        args.meta_fields = parse_meta_fields(args.meta_fields)
    except ValueError as err:
        parser.error(f"--meta-fields: {err}")
    if args.batch_size < 1 or args.docs_per_batch < 1 or args.num_proc < 1:
        parser.error("--batch-size, --docs-per-batch and --num-proc must be >= 1")
    if (args.workers or 1) < 1 or (args.threads_per_worker or 1) < 1 or args.docs_per_part < 1:
        parser.error("--workers, --threads-per-worker and --docs-per-part must be >= 1")
    ray_only = [args.ray_address, args.workers, args.threads_per_worker, args.ray_read or None]
    if args.engine != "ray" and any(v is not None for v in ray_only):
        parser.error(
            "--ray-address, --workers, --threads-per-worker and --ray-read need --engine ray"
        )
    if args.engine == "ray" and args.num_proc > 1:
        parser.error("--num-proc is for --engine local: give --workers to --engine ray")
    if threading.current_thread() is not threading.main_thread():
        return analyze_command(args)
    # a terminated run stops like an interrupted one: output cut back to whole documents, 143
    with sigterm_interrupts():
        try:
            return analyze_command(args)
        except KeyboardInterrupt as err:  # before the run began (loading the model)
            stopped, code = interruption(err)
            print(f"{stopped} before any document was analysed", file=sys.stderr)
            return code
