"""``python -m framing.evaluate``: a saved model on a benchmark file, with its official metric.

    python -m framing.evaluate --model DIR --benchmark newsmtsc|checkthat|annotated \\
        --data PATH [--output metrics.json]

The file is read in the benchmark's own format (:mod:`framing.public.benchmarks`), so any copy of a
split scores the same way: NewsMTSC gives macro-F1 over the three classes (F1m) and accuracy,
CheckThat! gives macro-F1 and SUBJ F1, the annotated schema gives stance and mode macro-F1
(in-sample for a model trained on that same file). ``DIR`` is a saved model or the output
directory of ``python -m framing.train``. Rows that cannot be read are skipped and listed, with
their file and line, on stderr and in the output; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from framing.public.benchmarks import BENCHMARKS, headline, read_scorable, score_benchmark


def evaluate(
    model_path: str | Path,
    benchmark: str,
    data: str | Path | None = None,
    batch_size: int = 256,
    quantize: str | None = None,
) -> dict[str, Any]:
    """Scores of the model at ``model_path`` on a benchmark file (see the module docstring)."""
    from framing.data.annotated import annotated_dir
    from framing.models.loading import load_checked, resolve_model

    if data is None:
        if benchmark != "annotated":
            raise ValueError(f"--data is needed for the {benchmark} benchmark")
        data = annotated_dir() / "sentences.jsonl"
    examples, problems = read_scorable(benchmark, data)
    directory, _ = resolve_model(model_path)
    model = load_checked(directory)
    if quantize:
        if not hasattr(model, "quantize"):
            raise ValueError(f"a {model.family} model cannot be quantized (only finetune)")
        model.quantize(quantize)
    result = score_benchmark(model, benchmark, examples, batch_size=batch_size)
    return {
        "model": str(directory),
        "family": model.family,
        "benchmark": benchmark,
        "quantize": quantize or "none",
        "data": str(data),
        **result,
        "skipped": [str(p) for p in problems],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.evaluate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--model", required=True, help="a saved model or a training run folder")
    parser.add_argument("--benchmark", required=True, choices=sorted(BENCHMARKS))
    parser.add_argument(
        "--data", help="the benchmark file (default for annotated: the bundled set)"
    )
    parser.add_argument("--output", type=Path, help="also write the scores here as JSON")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument(
        "--quantize", choices=["int8", "bf16"], help="score the fine-tuned model quantized"
    )
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.model, args.benchmark, args.data, args.batch_size, args.quantize)
    except (ValueError, FileNotFoundError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for problem in result["skipped"]:
        print(f"skipped {problem}", file=sys.stderr)
    n = result.get("n", result.get("stance", {}).get("n"))
    print(f"{args.benchmark} {result['data']} (n={n}): {headline(args.benchmark, result, 4)}")
    if args.benchmark == "annotated":
        print("note: in-sample, not a held-out score, if the model was trained on this file")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 1 if result["skipped"] else 0


if __name__ == "__main__":
    sys.exit(main())
