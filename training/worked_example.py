"""README's worked example, end to end: a split of the framing corpus analysed by a model and
compared by slant group, beside the same comparison of the annotators' labels.

Steps (each is also a command README shows):

1. ``python -m training.corpus_export`` writes the split's pages with their metadata
   (``articles.jsonl``) and its adjudicated labels as analyses (``gold.jsonl``);
2. ``framing analyze`` analyses the pages with the model (``analyses.jsonl``);
3. ``framing compare`` compares both by the grouping field (``model/``, ``gold/``);
4. :func:`framing.comparison.agreement.agreement` says how far the model's comparison agrees
   with the annotators' (``agreement.json``), and a table of the critical share toward Iran,
   the United States and Israel per group, model beside gold, is printed (``table.md``);
5. with a headless Chromium, a picture of the model's report (``report.png``).

Usage::

    python -m training.worked_example --split test --output outputs/worked-example

The corpus's test split is the held-out set of the bundled model: scoring it here drives no
choice of the model (it was chosen before), and nothing here is tuned.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from framing.comparison import Comparison, compare
from framing.comparison.agreement import agreement
from framing.data.corpus import SPLITS
from training import corpus_export

__all__ = ["main", "stance_table"]

ACTORS = ("iran", "united_states", "israel")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _cell(result: Comparison, group: str, actor: str) -> str:
    for row in result.rows:
        if (row["group"], row["actor"], row["measure"], row["basis"]) == (
            group,
            actor,
            "critical",
            "pairs",
        ):
            if row["value"] is None:
                return "–"
            few = " *" if row["small"] else ""  # from fewer than --min-documents documents
            return f"{row['value']:.2f} [{row['low']:.2f}, {row['high']:.2f}]{few}"
    return "–"


def stance_table(model: Comparison, gold: Comparison) -> str:
    """Per group, the critical share toward each of :data:`ACTORS` (of sentence–actor pairs, with
    95% intervals), the model's beside the annotators', as a markdown table; ``*`` marks a share
    from fewer than ``min_documents`` documents (or of a small group)."""
    names = {a: model.names.get(a) or gold.names.get(a) or a for a in ACTORS}
    header = ["group", "documents"]
    for actor in ACTORS:
        header += [f"critical of {names[actor]}: model", "gold"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for group, n in model.groups.items():
        cells = [group, str(n)]
        for actor in ACTORS:
            cells += [_cell(model, group, actor), _cell(gold, group, actor)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _screenshot(page: Path, picture: Path) -> bool:
    browser = next((p for name in BROWSERS if (p := shutil.which(name))), None)
    if browser is None:
        print("no headless Chromium: no picture of the report", file=sys.stderr)
        return False
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        f"--screenshot={picture}", "--window-size=1100,1500", page.resolve().as_uri(),
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return picture.is_file()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.worked_example", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--by", default="slant_group", help="the grouping field")
    parser.add_argument("--model", default=None, help="default: the bundled model")
    parser.add_argument("--output", type=Path, default=Path("outputs/worked-example"))
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--no-picture", action="store_true")
    args = parser.parse_args(argv)
    from framing.inference.cli import main as analyze

    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    corpus_export.main(["--split", args.split, "--output", str(out / "articles.jsonl")])
    corpus_export.main(["--split", args.split, "--gold", "--output", str(out / "gold.jsonl")])
    fields = ",".join(corpus_export.META_FIELDS)
    command = ["analyze", str(out / "articles.jsonl"), "--text-field", "text", "--id-field", "id"]
    command += ["--meta-fields", fields, "--output", str(out / "analyses.jsonl"), "--quiet"]
    if args.model:
        command += ["--model", args.model]
    if analyze(command):
        print("framing analyze failed", file=sys.stderr)
        return 1
    results: dict[str, Any] = {}
    for name, path in (("model", out / "analyses.jsonl"), ("gold", out / "gold.jsonl")):
        results[name] = compare(path, by=args.by, resamples=args.resamples)
        results[name].save(out / name)
    agreed = agreement(results["model"], results["gold"])
    (out / "agreement.json").write_text(json.dumps(agreed, indent=2) + "\n", encoding="utf-8")
    table = stance_table(results["model"], results["gold"])
    (out / "table.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    print(json.dumps({k: agreed[k] for k in ("shares", "differences")}, indent=2))
    if not args.no_picture and _screenshot(out / "model" / "report.html", out / "report.png"):
        print(f"wrote {out / 'report.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
