"""``framing compare ANALYSES... --by FIELD --output DIR`` (also ``python -m framing.comparison``).

ANALYSES are the JSONL files ``framing analyze`` writes, or folders of them (partitioned output,
searched recursively for ``*.jsonl``). The outputs in ``--output`` are described in
:mod:`framing.comparison.result`; the summary is also printed.

Bad input: a line that is not JSON, of a schema version this package does not read, or missing a
field is reported on stderr as ``skipped FILE:LINE: reason`` and skipped; the summary counts the
documents read, used and skipped.

Exit codes (as ``framing analyze``): 0 every line used; 1 some lines skipped (the rest compared);
2 a usage error (bad arguments, a path that does not exist, an output that cannot be written, no
document to compare), reported in one ``error: ...`` line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.comparison.groups import BY_FIELDS
from framing.comparison.run import compare

__all__ = ["main"]


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="python -m framing.comparison",
        description="Compare groups of analysed documents: stance shares per actor, opinion, "
        "reported and frame shares, who speaks; bootstrap intervals over documents and every "
        "pair of groups' differences.",
    )
    parse.add_argument("analyses", nargs="+", type=Path, help="JSONL analyses, or folders of them")
    parse.add_argument(
        "--by", default="outlet", choices=BY_FIELDS, help="the grouping (default: outlet)"
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
        "--quiet", action="store_true", help="print neither skipped lines nor the summary"
    )
    return parse


def main(argv: list[str] | None = None) -> int:
    """Run ``framing compare`` with ``argv``; the exit code."""
    args = parser().parse_args(argv)
    try:
        result = compare(
            args.analyses,
            by=args.by,
            resamples=args.resamples,
            seed=args.seed,
            min_documents=args.min_documents,
        )
    except (ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not args.quiet:
        for where in result.skipped:
            print(f"skipped {where}", file=sys.stderr)
    if not result.used:
        print(f"error: no document to compare ({result.read} read)", file=sys.stderr)
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
    return 1 if result.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
