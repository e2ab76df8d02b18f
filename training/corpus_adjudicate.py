"""Apply the adjudicator's decisions to the two passes over the corpus: the final labels.

    python -m training.corpus_adjudicate [--corpus training/corpus]

Every disagreement in ``annotation/disagreements.jsonl`` must have one decision in
``annotation/decisions/bNN.jsonl`` (same ``id``, ``field``, and ``actor``/``span`` where the field
has them) with a ``value`` and a ``reason``; the adjudicator writes them from the batch's sheet
(``python -m training.corpus_sheets``):

- ``keep``: ``value`` true or false; when true, ``side`` (``"a"`` or ``"b"``) names the pass
  whose labels the unit takes; when false, ``kind``;
- ``mode``, ``reported``, ``speaker``, ``mention_type``: the value;
- ``mention``: true (the mention stays or is added) or false (it goes);
- ``stance``: the stance toward ``actor`` (ignored when the actor ends with no mention).

Labels start from pass A (from pass B for a unit whose ``keep`` decision takes B's side), then the
decisions apply; an actor that gains a mention takes pass B's stance unless a decision says
otherwise. Writes ``annotation/adjudicated.jsonl`` and ``annotation/adjudication.md``.
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

from framing.data.annotated import read_jsonl
from framing.labels import STANCES
from training.corpus_units import CORPUS


def key(item: dict[str, Any]) -> tuple:
    span = tuple(item["span"]) if item.get("span") is not None else None
    return item["id"], item["field"], item.get("actor"), span


def apply(
    pass_a: list[dict], pass_b: list[dict], found: list[dict], decisions: list[dict]
) -> list[dict[str, Any]]:
    by_key = {}
    for d in decisions:
        if "reason" not in d or not str(d["reason"]).strip():
            raise ValueError(f"decision {key(d)} has no reason")
        by_key[key(d)] = d
    undecided = [key(d) for d in found if key(d) not in by_key]
    if undecided:
        raise ValueError(
            f"{len(undecided)} disagreement(s) without a decision, first {undecided[0]}"
        )
    b_of = {r["id"]: r for r in pass_b}
    per_unit: dict[str, list[tuple[dict, dict]]] = {}
    for d in found:
        per_unit.setdefault(d["id"], []).append((d, by_key[key(d)]))
    final = []
    for a in pass_a:
        uid = a["id"]
        b = b_of[uid]
        record = copy.deepcopy(a)
        for d, decision in per_unit.get(uid, []):
            field, value = d["field"], decision["value"]
            if field == "keep":
                if value:
                    record = copy.deepcopy(b if decision.get("side") == "b" else a)
                    if not record["keep"]:
                        raise ValueError(
                            f"{uid}: keep decided true, but side {decision.get('side')} dropped it"
                        )
                else:
                    record = {"id": uid, "doc_id": a["doc_id"], "keep": False,
                              "kind": decision.get("kind") or a.get("kind") or b.get("kind"),
                              "note": a.get("note", "")}  # fmt: skip
            elif field in ("mode", "reported", "speaker"):
                record[field] = value
            elif field == "mention":
                wanted = {k: d[k] for k in ("actor", "text", "type")}
                start, end = d["span"]
                source = a if d["only_in"] == "a" else b
                mention = next(
                    (m for m in source["mentions"]
                     if (m["start"], m["end"], m["actor"]) == (start, end, wanted["actor"])),
                    None,
                )  # fmt: skip
                if mention is None:
                    raise ValueError(
                        f"{uid}: the mention {wanted} is no longer in pass {d['only_in']}: "
                        "the passes changed after the disagreements were listed"
                    )
                present = [
                    m for m in record["mentions"]
                    if (m["start"], m["end"], m["actor"]) == (start, end, wanted["actor"])
                ]  # fmt: skip
                if value and not present:
                    record["mentions"].append(copy.deepcopy(mention))
                if not value:
                    for m in present:
                        record["mentions"].remove(m)
            elif field == "mention_type":
                for m in record["mentions"]:
                    if [m["start"], m["end"]] == d["span"] and m["actor"] == d["actor"]:
                        m["type"] = value
            elif field == "stance":
                if value is not None and value not in STANCES:
                    raise ValueError(f"{uid}: stance decision {value!r} not in {STANCES}")
                record.setdefault("decided", {})[d["actor"]] = value
        if record["keep"]:
            decided = record.pop("decided", {})
            actors = {m["actor"] for m in record["mentions"]}
            stances = {}
            for actor in sorted(actors):
                if actor in decided and decided[actor] is None:
                    raise ValueError(
                        f"{uid}: the stance toward {actor} is decided null, but {actor} keeps a "
                        "mention"
                    )
                stance = (
                    decided.get(actor) or record["stances"].get(actor) or b["stances"].get(actor)
                )
                if stance not in STANCES:
                    raise ValueError(f"{uid}: no stance toward {actor} after adjudication")
                stances[actor] = stance
            record["stances"] = stances
            record["mentions"].sort(key=lambda m: (m["text_start"], m["actor"]))
            if not record["reported"]:
                record["speaker"] = None
        final.append(record)
    return final


def table(found: list[dict], decisions: dict[tuple, dict], units: dict[str, dict]) -> str:
    lines = [
        "# Adjudication of the corpus",
        "",
        "Every disagreement between the two independent passes (`pass_a.jsonl`, `pass_b.jsonl`),",
        "both labels, and the decision with its reason (`decisions/`, applied by",
        "`python -m training.corpus_adjudicate`).",
        "",
        "| unit | field | A | B | decision | reason |",
        "|---|---|---|---|---|---|",
    ]

    def cell(value: Any) -> str:
        return "—" if value is None else str(value).replace("|", "\\|").replace("\n", " ")

    for d in found:
        decision = decisions[key(d)]
        text = units[d["id"]]["text"]
        head = f"{d['id']}: “{text[:60]}{'…' if len(text) > 60 else ''}”"
        if d["field"] == "mention":
            what = f"mention {d['actor']} “{d['text']}”"
            a, b = (d["text"], "—") if d["only_in"] == "a" else ("—", d["text"])
        else:
            what = d["field"] + (f" {d['actor']}" if d.get("actor") else "")
            a, b = d.get("a"), d.get("b")
        lines.append(
            f"| {cell(head)} | {cell(what)} | {cell(a)} | {cell(b)} | {cell(decision['value'])} "
            f"| {cell(decision['reason'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    annotation = args.corpus / "annotation"
    pass_a = read_jsonl(annotation / "pass_a.jsonl")
    found = read_jsonl(annotation / "disagreements.jsonl")
    decisions = [d for path in sorted((annotation / "decisions").glob("b*.jsonl"))
                 for d in read_jsonl(path)]  # fmt: skip
    final = apply(pass_a, read_jsonl(annotation / "pass_b.jsonl"), found, decisions)
    with (annotation / "adjudicated.jsonl").open("w", encoding="utf-8") as handle:
        for r in final:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    units = {u["id"]: u for u in read_jsonl(annotation / "units.jsonl")}
    by_key = {key(d): d for d in decisions}
    (annotation / "adjudication.md").write_text(table(found, by_key, units), encoding="utf-8")
    print(f"adjudicated {len(final)} units ({len(found)} disagreements decided)")


if __name__ == "__main__":
    main()
