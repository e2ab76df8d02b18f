"""Inter-annotator agreement between two independent passes over the annotated set.

    python -m training.agreement training/annotation/pass_a.jsonl training/annotation/pass_b.jsonl \
        [--only IDS_FILE] [--output training/annotation/agreement.json] [--disagreements FILE.md]

Reports Cohen's kappa for ``mode`` and ``reported`` (over sentences) and for stance (over the
(sentence, actor) pairs that both passes found), mention-detection precision, recall and F1 of one
pass against the other (exact span and actor; and the same at the level of (sentence, actor)),
and lists every disagreement.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from framing.data.annotated import read_jsonl


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two label sequences (1.0 when both are constant and equal)."""
    if len(a) != len(b):
        raise ValueError(f"sequences differ in length: {len(a)} and {len(b)}")
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[k] * count_b[k] for k in set(a) | set(b)) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def prf(gold: set, pred: set) -> dict[str, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp}


def compare(
    pass_a: list[dict[str, Any]], pass_b: list[dict[str, Any]], only: set[str] | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Agreement figures and the list of disagreements (each a dict with id, field, a, b, text)."""
    by_id_b = {r["id"]: r for r in pass_b}
    missing = [r["id"] for r in pass_a if r["id"] not in by_id_b]
    if missing:
        raise ValueError(f"pass B lacks {len(missing)} sentence(s), first {missing[0]}")
    rows = [(r, by_id_b[r["id"]]) for r in pass_a if only is None or r["id"] in only]
    disagreements: list[dict[str, Any]] = []
    mode_a, mode_b, rep_a, rep_b, st_a, st_b = [], [], [], [], [], []
    mentions_a, mentions_b, actors_a, actors_b = set(), set(), set(), set()
    for a, b in rows:
        sid = a["id"]
        mode_a.append(a["mode"])
        mode_b.append(b["mode"])
        rep_a.append(a["reported"])
        rep_b.append(b["reported"])
        for field in ("mode", "reported"):
            if a[field] != b[field]:
                disagreements.append({"id": sid, "field": field, "a": a[field], "b": b[field]})
        ma = {(sid, m["start"], m["end"], m["actor"]) for m in a["mentions"]}
        mb = {(sid, m["start"], m["end"], m["actor"]) for m in b["mentions"]}
        mentions_a |= ma
        mentions_b |= mb
        for _, start, end, actor in sorted(ma ^ mb):
            side = "a" if (sid, start, end, actor) in ma else "b"
            text = next(
                m["text"] for m in (a if side == "a" else b)["mentions"] if m["start"] == start
            )
            disagreements.append(
                {
                    "id": sid,
                    "field": "mention",
                    "only_in": side,
                    "actor": actor,
                    "span": [start, end],
                    "text": text,
                }
            )
        actors_a |= {(sid, actor) for actor in a["stances"]}
        actors_b |= {(sid, actor) for actor in b["stances"]}
        for actor in sorted(set(a["stances"]) & set(b["stances"])):
            st_a.append(a["stances"][actor])
            st_b.append(b["stances"][actor])
            if a["stances"][actor] != b["stances"][actor]:
                disagreements.append(
                    {
                        "id": sid,
                        "field": "stance",
                        "actor": actor,
                        "a": a["stances"][actor],
                        "b": b["stances"][actor],
                    }
                )
    figures = {
        "sentences": len(rows),
        "mode": {
            "kappa": round(cohen_kappa(mode_a, mode_b), 4),
            "agreement": _agree(mode_a, mode_b),
        },
        "reported": {
            "kappa": round(cohen_kappa(rep_a, rep_b), 4),
            "agreement": _agree(rep_a, rep_b),
        },
        "stance": {
            "pairs_both_found": len(st_a),
            "kappa": round(cohen_kappa(st_a, st_b), 4),
            "agreement": _agree(st_a, st_b),
        },
        "mentions": {
            "a": len(mentions_a),
            "b": len(mentions_b),
            "exact_span_and_actor": prf(mentions_a, mentions_b),
            "sentence_and_actor": prf(actors_a, actors_b),
        },
    }
    return figures, disagreements


def _agree(a: list, b: list) -> float:
    return round(sum(x == y for x, y in zip(a, b, strict=True)) / len(a), 4) if a else float("nan")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pass_a", type=Path)
    parser.add_argument("pass_b", type=Path)
    parser.add_argument(
        "--only", type=Path, help="a file of sentence ids (one per line) to compare"
    )
    parser.add_argument("--output", type=Path)
    parser.add_argument("--disagreements", type=Path, help="write the disagreements as JSONL")
    args = parser.parse_args(argv)
    only = set(args.only.read_text().split()) if args.only else None
    figures, disagreements = compare(read_jsonl(args.pass_a), read_jsonl(args.pass_b), only)
    print(json.dumps(figures, indent=2))
    print(f"{len(disagreements)} disagreements")
    if args.output:
        args.output.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.disagreements:
        with args.disagreements.open("w", encoding="utf-8") as handle:
            for d in disagreements:
                handle.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
