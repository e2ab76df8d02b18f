"""Agreement between the two independent passes over the corpus, overall and per slant group.

    python -m training.corpus_agreement [--corpus training/corpus]

Reads the checked passes (``annotation/pass_a.jsonl`` and ``annotation/pass_b.jsonl``, written
by ``python -m training.corpus_labels``). Cohen's kappa for ``keep`` (over every unit), for
``mode``, ``reported`` and ``speaker`` (over the units both passes kept), and for stance (over the
(unit, actor) pairs both passes found); mention detection as precision, recall and F1 of pass B
against pass A (exact span and actor, and unit and actor). The same per slant group of the
articles. Writes ``annotation/agreement.json`` and ``annotation/disagreements.jsonl`` (every
disagreement, the input of adjudication).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from framing.data.annotated import read_jsonl
from training.agreement import cohen_kappa, prf
from training.corpus_units import CORPUS, SEED_DATA, SEED_GROUP

FIELDS = ("mode", "reported", "speaker")


def _kappa(pairs: list[tuple[Any, Any]]) -> dict[str, Any]:
    if not pairs:
        return {"n": 0, "kappa": None, "agreement": None}
    a, b = zip(*pairs, strict=True)
    agreement = sum(x == y for x, y in pairs) / len(pairs)
    return {"n": len(pairs), "kappa": round(cohen_kappa(a, b), 4), "agreement": round(agreement, 4)}


def figures(rows: list[tuple[dict, dict]]) -> dict[str, Any]:
    """Agreement of (pass A record, pass B record) pairs of the same units."""
    keep: list[tuple] = []
    fields: dict[str, list[tuple]] = {f: [] for f in FIELDS}
    stance: list[tuple] = []
    mentions_a: set = set()
    mentions_b: set = set()
    actors_a: set = set()
    actors_b: set = set()
    for a, b in rows:
        keep.append((a["keep"], b["keep"]))
        if not (a["keep"] and b["keep"]):
            continue
        uid = a["id"]
        for f in FIELDS:
            fields[f].append((a[f], b[f]))
        mentions_a |= {(uid, m["start"], m["end"], m["actor"]) for m in a["mentions"]}
        mentions_b |= {(uid, m["start"], m["end"], m["actor"]) for m in b["mentions"]}
        actors_a |= {(uid, actor) for actor in a["stances"]}
        actors_b |= {(uid, actor) for actor in b["stances"]}
        for actor in sorted(set(a["stances"]) & set(b["stances"])):
            stance.append((a["stances"][actor], b["stances"][actor]))
    return {
        "units": len(rows),
        "keep": _kappa(keep),
        **{f: _kappa(pairs) for f, pairs in fields.items()},
        "stance": _kappa(stance),
        "mentions": {
            "a": len(mentions_a),
            "b": len(mentions_b),
            "exact_span_and_actor": prf(mentions_a, mentions_b),
            "unit_and_actor": prf(actors_a, actors_b),
        },
    }


def disagreements(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Every field on which two records of one unit differ (mentions: by span and actor)."""
    uid = a["id"]
    if a["keep"] != b["keep"] or not a["keep"]:
        if a["keep"] != b["keep"] or a.get("kind") != b.get("kind"):
            return [{"id": uid, "field": "keep", "a": a["keep"], "b": b["keep"],
                     "kind_a": a.get("kind"), "kind_b": b.get("kind")}]  # fmt: skip
        return []
    out = [{"id": uid, "field": f, "a": a[f], "b": b[f]} for f in FIELDS if a[f] != b[f]]
    ma = {(m["start"], m["end"], m["actor"]): m for m in a["mentions"]}
    mb = {(m["start"], m["end"], m["actor"]): m for m in b["mentions"]}
    for key in sorted(set(ma) ^ set(mb)):
        m = ma.get(key) or mb[key]
        out.append(
            {"id": uid, "field": "mention", "only_in": "a" if key in ma else "b",
             "actor": m["actor"], "span": [m["start"], m["end"]], "text": m["text"],
             "text_span": [m["text_start"], m["text_end"]], "type": m["type"]}
        )  # fmt: skip
    for key in sorted(set(ma) & set(mb)):
        if ma[key]["type"] != mb[key]["type"]:
            out.append(
                {"id": uid, "field": "mention_type", "actor": key[2], "span": [key[0], key[1]],
                 "text": ma[key]["text"], "a": ma[key]["type"], "b": mb[key]["type"]}
            )  # fmt: skip
    for actor in sorted(set(a["stances"]) | set(b["stances"])):
        sa, sb = a["stances"].get(actor), b["stances"].get(actor)
        if sa != sb:
            out.append({"id": uid, "field": "stance", "actor": actor, "a": sa, "b": sb})
    return out


def groups(corpus: Path) -> dict[str, str]:
    """Slant group of every article (the seed articles: ``seed``)."""
    found = {d["doc_id"]: d["slant_group"] for d in read_jsonl(corpus / "documents.jsonl")}
    found.update({d["doc_id"]: SEED_GROUP for d in read_jsonl(SEED_DATA / "documents.jsonl")})
    return found


def compare(pass_a: list[dict], pass_b: list[dict], slant: dict[str, str]):
    by_b = {r["id"]: r for r in pass_b}
    missing = [r["id"] for r in pass_a if r["id"] not in by_b]
    if missing or len(pass_a) != len(pass_b):
        raise ValueError(f"the passes cover different units (first missing: {missing[:1]})")
    rows = [(a, by_b[a["id"]]) for a in pass_a]
    per_group: dict[str, list] = defaultdict(list)
    for a, b in rows:
        per_group[slant[a["doc_id"]]].append((a, b))
    result = {
        "overall": figures(rows),
        "per_slant_group": {g: figures(per_group[g]) for g in sorted(per_group)},
    }
    return result, [d for a, b in rows for d in disagreements(a, b)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    annotation = args.corpus / "annotation"
    result, found = compare(
        read_jsonl(annotation / "pass_a.jsonl"),
        read_jsonl(annotation / "pass_b.jsonl"),
        groups(args.corpus),
    )
    (annotation / "agreement.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    with (annotation / "disagreements.jsonl").open("w", encoding="utf-8") as handle:
        for d in found:
            handle.write(json.dumps(d, ensure_ascii=False) + "\n")
    overall = result["overall"]
    summary = {k: overall[k]["kappa"] for k in ("keep", *FIELDS, "stance")}
    print(f"kappa: {summary}; mentions F1 {overall['mentions']['exact_span_and_actor']['f1']}")
    print(f"{len(found)} disagreements")


if __name__ == "__main__":
    main()
