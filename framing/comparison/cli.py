"""``framing compare INPUTS... --by FIELD --output DIR`` (also ``python -m framing.comparison``).

INPUTS are analyses: the files ``framing analyze`` writes (``.jsonl``, ``.jsonl.gz``,
``.parquet`` with an ``analysis`` column) or folders of them (partitioned output: ``part-*``
files read in name order); or articles, analysed first with ``framing analyze``'s readers and
options (``--model``, ``--text-field``, ``--id-field``, ``--meta-fields``, ``--input-format``,
``--extractor``), their analyses kept in ``DIR/analyses.jsonl`` so that the comparison can be run
again on them without analysing. Which inputs are analyses: :mod:`framing.comparison.inputs`
(a JSONL whose first line has ``schema_version``; Parquet; a folder holding either), or
``--analyze`` (every input is articles) / ``--no-analyze`` (every input is analyses).

``--by`` is a fixed grouping (outlet, date, date:month, date:year, url, title, author, genre:
the predicted genre, file) or any metadata field the documents carry (``--meta-fields
slant_group`` when analysing): :mod:`framing.comparison.groups`. A field no document has puts
every document in ``(missing)``, with a warning naming the fields they have.

The outputs in ``--output`` are described in :mod:`framing.comparison.result`; the summary is
also printed, and a progress bar counts the documents on stderr (``--quiet``: neither).

Bad input: a line (or Parquet row) that is not JSON, of a schema version this package does not
read, or missing a field, and an article that cannot be read, is reported on stderr as
``skipped FILE:LINE: reason`` and skipped; the summary counts the documents read, used and
skipped.

Exit codes (as ``framing analyze``): 0 every line used; 1 some lines skipped (the rest compared);
2 a usage error (bad arguments, a path that does not exist, an output that cannot be written, no
document to compare), reported in one ``error: ...`` line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.comparison.groups import (
    BY_FIELDS,
    META_PREFIX,
    MISSING,
    check_by,
    missing_field_warning,
)
from framing.comparison.inputs import ANALYSES_FILE, AnalyzeOptions, holds_articles
from framing.comparison.run import compare
from framing.inference.readers import parse_meta_fields
from framing.text.html import DEFAULT_EXTRACTOR, available_extractors

__all__ = ["main"]


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="framing compare",
        description="Compare groups of analysed documents: stance shares per actor, opinion, "
        "reported and frame shares, who speaks; bootstrap intervals over documents and every "
        "pair of groups' differences.",
    )
    parse.add_argument(
        "analyses",
        nargs="+",
        type=Path,
        metavar="INPUTS",
        help="analyses (.jsonl, .jsonl.gz, .parquet, folders of them) or articles to analyse "
        "first (what framing analyze takes)",
    )
    parse.add_argument(
        "--by",
        default="outlet",
        help=f"the grouping: {', '.join(BY_FIELDS)}, any metadata field the documents carry "
        f"(--meta-fields), or {META_PREFIX}NAME (default: outlet)",
    )
    parse.add_argument("--output", type=Path, required=True, help="the folder for the outputs")
    parse.add_argument(
        "--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)"
    )
    parse.add_argument("--seed", type=int, default=0, help="the bootstrap's seed (default: 0)")
    parse.add_argument(
        "--min-documents",
        type=int,
        default=5,
        help="groups with fewer documents are flagged small (default: 5)",
    )
    parse.add_argument(
        "--no-report", action="store_true", help="do not write report.html (the HTML report)"
    )
    parse.add_argument(
        "--quiet",
        action="store_true",
        help="print neither skipped lines, warnings, the progress bar nor the summary",
    )
    how = parse.add_argument_group(
        "analysing articles first",
        "as framing analyze: the analyses are kept in OUTPUT/" + ANALYSES_FILE,
    )
    how.add_argument(
        "--analyze",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="analyse every input first (--no-analyze: read every input as analyses; default: "
        "JSONL whose first line has schema_version, Parquet and folders of them are analyses, "
        "the rest articles)",
    )
    how.add_argument("--model", help="a model folder, a training run or a Hub id")
    how.add_argument("--text-field", default="text", help="text column of .jsonl/.csv")
    how.add_argument("--id-field", default="", help="id column of .jsonl/.csv")
    how.add_argument(
        "--meta-fields",
        default="",
        metavar="FIELD[=COLUMN],...",
        help="metadata columns of .jsonl/.csv: outlet, date, url, title, author or any other "
        "field (slant_group, genre=kind), each read from the column of its name or after =",
    )
    how.add_argument("--input-format", choices=["auto", "text", "html"], default="auto")
    how.add_argument("--extractor", choices=available_extractors(), default=DEFAULT_EXTRACTOR)
    return parse


def _output_problem(output: Path, keep: Path | None, inputs: list[Path]) -> str | None:
    """Why ``output`` (and ``keep`` in it) cannot be written beside these inputs: the kept
    analyses would overwrite an input, or the outputs would land in an input folder (and be read
    as input by the next run); None when they can."""
    out = output.resolve()
    for path in inputs:
        source = path.resolve()
        if keep is not None and keep.resolve() == source:
            return (
                f"--output {output} would write the analyses of the articles over the input "
                f"{path}: choose another output folder"
            )
        if source.is_dir() and (out == source or source in out.parents):
            return (
                f"--output {output} is inside the input folder {path}: its files would be read "
                "as input by the next run; choose a folder outside it"
            )
    return None


def main(argv: list[str] | None = None) -> int:
    """Run ``framing compare`` with ``argv``; the exit code."""
    parse = parser()
    args = parse.parse_args(argv)
    try:
        check_by(args.by)
        options = AnalyzeOptions(
            model=args.model,
            text_field=args.text_field,
            id_field=args.id_field,
            meta_fields=parse_meta_fields(args.meta_fields),
            input_format=args.input_format,
            extractor=args.extractor,
        )
    except ValueError as err:
        parse.error(str(err))
    keep = None
    try:
        if any(holds_articles(path, args.analyze) for path in args.analyses):
            keep = args.output / ANALYSES_FILE
    except ValueError as err:  # a folder of analyses and articles both
        print(f"error: {err}", file=sys.stderr)
        return 2
    if (problem := _output_problem(args.output, keep, args.analyses)) is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        if keep is not None:
            args.output.mkdir(parents=True, exist_ok=True)
        result = compare(
            args.analyses,
            by=args.by,
            resamples=args.resamples,
            seed=args.seed,
            min_documents=args.min_documents,
            progress=not args.quiet,
            analyze=args.analyze,
            options=options,
            keep=keep,
            warn=None if args.quiet else lambda text: print(f"warning {text}", file=sys.stderr),
        )
    except (ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not args.quiet:
        for where in result.skipped:
            print(f"skipped {where}", file=sys.stderr)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if not result.used:
        print(f"error: no document to compare ({result.read} read)", file=sys.stderr)
        return 2
    if list(result.groups) == [MISSING] and (
        unknown := missing_field_warning(args.by, result.fields, result.used)
    ):
        # most likely a misspelt field: an error, not a report of one group
        print(f"error: {unknown}", file=sys.stderr)
        return 2
    try:
        written = result.save(args.output, report=not args.no_report)
    except OSError as err:
        print(f"error: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(result.to_markdown())
        if not any(p.suffix == ".parquet" for p in written):
            print("note: pyarrow is not installed: no parquet files (the CSV hold the same)")
        print(f"wrote {', '.join(p.name for p in written)} in {args.output}")
        if keep is not None:
            print(
                f"the analyses are kept in {keep}: compare them again with framing compare {keep}"
            )
    return 1 if result.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
