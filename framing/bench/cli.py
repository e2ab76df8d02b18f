"""``python -m framing.bench segment|extract|infer|compare``: the command line of the benchmarks.

``segment`` scores and times the sentence segmenters (:mod:`framing.bench.segment`) and counts
the chrome that cleaning leaves on the corpus's scraped pages (:mod:`framing.bench.chrome`);
``extract`` compares the HTML extractors on pages built from corpus articles
(:mod:`framing.bench.extract`); ``infer`` times ``analyze_many`` per model beside the peer
baseline (:mod:`framing.bench.infer`), or with ``--engine ray`` the Ray engine beside the plain
run (:mod:`framing.bench.engines`); ``compare`` times ``framing compare`` on synthetic analyses
(:mod:`framing.bench.compare`). Results are printed as a table and, with ``--output``,
written as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.bench import chrome, extract, segment
from framing.bench.compare import format_compare, run_compare
from framing.bench.infer import document_scaling, format_infer, run_infer

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m framing.bench`` with ``argv``; the exit code (argparse exits 2 on a usage
    error)."""
    # the description has always been the segment benchmark's own (kept: same --help)
    parser = argparse.ArgumentParser(prog="python -m framing.bench", description=segment.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    seg = sub.add_parser("segment", help="score and time the sentence segmenters")
    seg.add_argument(
        "--data",
        nargs="+",
        type=Path,
        help="boundary JSONL files (default: GUM news train and dev, GUM dev and EWT dev under "
        "--shared)",
    )
    seg.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    seg.add_argument("--segmenters", nargs="+", help="names (default: all available)")
    seg.add_argument("--repeat", type=int, default=5, help="timed runs; the median is reported")
    seg.add_argument(
        "--scaling",
        nargs="*",
        type=float,
        default=[0.5, 1, 2, 5],
        help="document sizes in MB for the linearity check (none to skip)",
    )
    seg.add_argument(
        "--no-annotated",
        action="store_true",
        help="skip the gold segmentation of the bundled annotated set (scored with cleaning on)",
    )
    seg.add_argument(
        "--no-golden", dest="golden", action="store_false", help="skip the golden-rules check"
    )
    seg.add_argument(
        "--quick",
        action="store_true",
        help="scores only: one timed run, no linearity check, no annotated set",
    )
    seg.add_argument(
        "--no-chrome",
        dest="chrome",
        action="store_false",
        help="skip the count of chrome left on the corpus's scraped pages (needs a checkout)",
    )
    seg.add_argument("--output", type=Path, help="write the results as JSON here")
    ext = sub.add_parser(
        "extract", help="compare the HTML extractors on pages built from corpus articles"
    )
    ext.add_argument("--extractors", nargs="+", help="names (default: all)")
    ext.add_argument("--templates", nargs="+", help="page templates (default: all)")
    ext.add_argument(
        "--splits", nargs="+", default=["train", "dev"], help="corpus splits (test is refused)"
    )
    ext.add_argument("--limit", type=int, help="the first N articles only")
    ext.add_argument("--output", type=Path, help="write the results as JSON here")
    inf = sub.add_parser("infer", help="time analyze_many per model, beside the peer baseline")
    inf.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="[NAME=]PATH",
        help="a model to time: a run or model folder, a Hub id, or 'bundled', named NAME in the "
        "table (repeatable; default: the bundled one)",
    )
    inf.add_argument(
        "--copies", type=int, default=10, help="copies of the five articles (default: 10)"
    )
    inf.add_argument(
        "--repeat", type=int, default=3, help="timed runs; the median is reported (default: 3)"
    )
    inf.add_argument(
        "--batch-size", type=int, default=1024, help="sentences per model call (default: 1024)"
    )
    inf.add_argument(
        "--quantize",
        nargs="*",
        default=[],
        choices=["int8", "bf16"],
        help="also time fine-tuned models quantized this way",
    )
    inf.add_argument(
        "--document-sizes",
        nargs="*",
        type=float,
        default=[],
        help="also time one analyze() call on documents of these sizes in MB (with the first "
        "--model)",
    )
    inf.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="ray: time framing analyze through Ray beside the plain run, on the same input, with "
        "the first --model (default local: analyze_many per model)",
    )
    inf.add_argument("--workers", type=int, default=2, help="--engine ray: actors (default: 2)")
    inf.add_argument(
        "--documents",
        type=int,
        help="--engine ray: N short generated documents instead of the copied articles, with "
        "peak RSS after 10%%, 50%% and all of them",
    )
    inf.add_argument(
        "--docs-per-batch",
        type=int,
        default=32,
        help="--engine ray: documents per batch of both runs (default: 32)",
    )
    inf.add_argument("--output", type=Path, help="write the results as JSON here")
    cmp = sub.add_parser("compare", help="time framing compare on synthetic analyses")
    cmp.add_argument(
        "--documents", type=int, default=10_000, help="synthetic analyses (default: 10000)"
    )
    cmp.add_argument(
        "--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)"
    )
    cmp.add_argument(
        "--repeat", type=int, default=3, help="timed runs; the median is reported (default: 3)"
    )
    cmp.add_argument("--by", default="outlet", help="the grouping (default: outlet)")
    cmp.add_argument("--output", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    if args.command == "compare":
        if args.documents < 1 or args.resamples < 1 or args.repeat < 1:
            parser.error("--documents, --resamples and --repeat must be >= 1")
        try:
            results = run_compare(args.documents, args.resamples, args.repeat, args.by)
        except ValueError as err:
            parser.error(str(err))
        print(format_compare(results))
    elif args.command == "infer":
        if args.copies < 1 or args.repeat < 1 or args.batch_size < 1:
            parser.error("--copies, --repeat and --batch-size must be >= 1")
        if any(size <= 0 for size in args.document_sizes):
            parser.error("--document-sizes must be > 0")
        try:
            models = _models(args.model or ["bundled"])
        except ValueError as err:
            parser.error(str(err))
        if args.workers < 1 or args.docs_per_batch < 1 or (args.documents or 1) < 1:
            parser.error("--workers, --docs-per-batch and --documents must be >= 1")
        if args.engine == "local" and args.documents is not None:
            parser.error("--documents needs --engine ray")
        try:
            if args.engine == "ray":
                return _infer_engines(args, next(iter(models.values())))
            return _infer(args, models)
        except RuntimeError as err:  # a measurement failed in its own process
            print(f"error: {err}", file=sys.stderr)
            return 1
    elif args.command == "extract":
        try:
            results = extract.run_extract(
                args.extractors, args.templates, splits=args.splits, limit=args.limit
            )
        except (ValueError, FileNotFoundError) as err:
            parser.error(str(err))
        print(extract.format_extract(results))
    else:
        if args.repeat < 1:
            parser.error("--repeat must be >= 1")
        if args.quick:
            args.repeat, args.scaling, args.no_annotated, args.chrome = 1, [], True, False
        results = segment.run_segment(args)
        print(segment.format_table(results))
        if args.chrome:
            results["chrome"] = chrome.run_chrome()
            print()
            print(chrome.format_chrome(results["chrome"]))
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def _models(items: list[str]) -> dict[str, str | None]:
    """``--model`` values: ``NAME=PATH`` or ``PATH`` (named by itself); ``bundled`` (or an empty
    PATH) is the bundled model."""
    models: dict[str, str | None] = {}
    for item in items:
        name, equals, path = item.partition("=")
        if not equals:
            name, path = item, item
        if not name:
            raise ValueError(f"--model {item!r}: give a NAME before '='")
        if name in models:
            raise ValueError(f"--model: the name {name!r} is given twice")
        models[name] = None if path in ("", "bundled") else path
    return models


def _infer_engines(args: argparse.Namespace, model: str | None) -> int:
    from framing.bench.engines import format_engines, run_engines

    results = run_engines(
        model,
        args.workers,
        copies=args.copies,
        documents=args.documents,
        batch_size=args.batch_size,
        docs_per_batch=args.docs_per_batch,
    )
    print(format_engines(results))
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def _infer(args: argparse.Namespace, models: dict[str, str | None]) -> int:
    results = run_infer(models, args.copies, args.repeat, args.batch_size, args.quantize)
    print(format_infer(results))
    if args.document_sizes:
        first = next(iter(models.values()))
        results["documents"] = document_scaling(first, args.document_sizes)
        for row in results["documents"]:
            print(
                f"one document of {row['size_mb']} MB: {row['sentences']} sentences in "
                f"{row['seconds']} s, peak RSS {row['peak_rss_mb']} MB"
            )
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
