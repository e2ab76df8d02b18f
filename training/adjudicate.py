"""Apply the adjudication decisions to the first pass and write the final labels.

    python -m training.adjudicate

Reads ``annotation/pass_a.jsonl`` and ``annotation/pass_b.jsonl``, checks that every disagreement
between them has a decision in ``annotation/decisions.jsonl``, applies the decisions to pass A and
writes ``annotation/adjudicated.jsonl`` and ``annotation/adjudication.md`` (every disagreement,
both labels, the decision and its reason).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from framing.data.annotated import read_jsonl
from training.agreement import compare

ANNOTATION = Path(__file__).resolve().parent / "annotation"


def key(item: dict[str, Any]) -> tuple:
    span = tuple(item["span"]) if "span" in item else (item.get("start"), item.get("end"))
    return (
        item["id"],
        item["field"],
        item.get("actor"),
        span if item["field"] == "mention" else None,
    )


def apply(labels: list[dict[str, Any]], decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {r["id"]: copy.deepcopy(r) for r in labels}
    for d in decisions:
        record = by_id[d["id"]]
        if d["field"] in ("mode", "reported"):
            record[d["field"]] = d["value"]
        elif d["field"] == "stance":
            record["stances"][d["actor"]] = d["value"]
        elif d["field"] == "mention":
            mention = {k: d[k] for k in ("start", "end", "actor", "text")}
            present = mention in record["mentions"]
            if d["action"] == "add" and not present:
                record["mentions"].append(mention)
                record["stances"].setdefault(d["actor"], d.get("stance", "neutral"))
            elif d["action"] == "remove" and present:
                record["mentions"].remove(mention)
            elif d["action"] == "keep" and not present:
                raise ValueError(f"{d['id']}: decision keeps a mention pass A lacks: {mention}")
            record["mentions"].sort(key=lambda m: (m["start"], m["actor"]))
        else:
            raise ValueError(f"{d['id']}: unknown field {d['field']!r}")
    return [by_id[r["id"]] for r in labels]


def main() -> None:
    pass_a = read_jsonl(ANNOTATION / "pass_a.jsonl")
    pass_b = read_jsonl(ANNOTATION / "pass_b.jsonl")
    decisions = read_jsonl(ANNOTATION / "decisions.jsonl")
    _, disagreements = compare(pass_a, pass_b)
    decided = {key(d) for d in decisions}
    undecided = [x for x in disagreements if key(x) not in decided]
    if undecided:
        raise SystemExit(
            f"{len(undecided)} disagreement(s) without a decision, first: {undecided[0]}"
        )
    final = apply(pass_a, decisions)
    with (ANNOTATION / "adjudicated.jsonl").open("w", encoding="utf-8") as handle:
        for record in final:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    units = {u["id"]: u["text"] for u in read_jsonl(ANNOTATION / "units.jsonl")}
    lines = [
        "# Adjudication",
        "",
        "Every disagreement between the two independent passes (`pass_a.jsonl`, `pass_b.jsonl`),",
        "both labels, and the decision with its reason (`decisions.jsonl`, applied by",
        "`python -m training.adjudicate`). Decisions that changed the guidelines say so.",
        "",
        "| sentence | field | A | B | decision | reason |",
        "|---|---|---|---|---|---|",
    ]
    for x in disagreements:
        if x["field"] == "mention":
            a = x["text"] if x["only_in"] == "a" else "—"
            b = x["text"] if x["only_in"] == "b" else "—"
            label = f"mention {x['actor']} [{x['span'][0]}, {x['span'][1]})"
        else:
            a, b = x["a"], x["b"]
            label = x["field"] + (f" {x['actor']}" if "actor" in x else "")
        d = next(d for d in decisions if key(d) == key(x))
        value = d.get("value", d.get("action"))
        if d["field"] == "mention":
            value = f"{d['action']} “{d['text']}”"
        lines.append(
            f"| {x['id']}: “{units[x['id']][:80]}…” | {label} | {a} | {b} | {value} "
            f"| {d['reason']} |"
        )
    headings = {
        2: (
            "Decisions after the re-labelling of the disputed sentences (round 2)",
            "Two further annotators re-labelled the disputed sentences from the revised guidelines "
            "(`round2_c.jsonl`, `round2_d.jsonl`). Where they disagreed with each other, or both "
            "with the adjudicated label, the decision is recorded here.",
        ),
        3: (
            "Consistency pass (round 3)",
            "The rules revised after round 1 and clarified after round 2 were checked against all "
            "103 sentences, not only the disputed ones, by an adjudicator who proposed changes; "
            "each accepted change is recorded here.",
        ),
    }
    for round_number, (title, text) in headings.items():
        later = [d for d in decisions if d.get("round", 1) == round_number]
        if not later:
            continue
        lines += [
            "",
            f"## {title}",
            "",
            text,
            "",
            "| sentence | field | decision | reason |",
            "|---|---|---|---|",
        ]
        for d in later:
            label = d["field"] + (f" {d['actor']}" if "actor" in d else "")
            lines.append(f"| {d['id']} | {label} | {d.get('value')} | {d['reason']} |")
    (ANNOTATION / "adjudication.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"adjudicated {len(final)} sentences, {len(disagreements)} disagreements decided")


if __name__ == "__main__":
    main()
