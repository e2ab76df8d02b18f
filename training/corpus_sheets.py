"""The adjudicator's sheets, one per batch, and the check of the decisions written from them.

    python -m training.corpus_sheets                 # annotation/adjudication/bNN.md
    python -m training.corpus_sheets --check bNN     # annotation/decisions/bNN.jsonl

A sheet lists every unit of the batch on which the two passes disagree: the unit's text, both
passes' labels side by side, and one decision line per disagreement (from
``annotation/disagreements.jsonl``, written by ``python -m training.corpus_agreement``) with its
``value`` and ``reason`` left to fill. The adjudicator copies the lines into
``annotation/decisions/bNN.jsonl`` with a value and a reason each (the values each field takes are
in :mod:`training.corpus_adjudicate`); ``--check`` names every missing, extra or invalid one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.annotated import iter_jsonl, read_jsonl
from framing.labels import MODES, STANCES
from training.corpus_adjudicate import key
from training.corpus_labels import DROP_KINDS, MENTION_TYPES, OTHER_SPEAKER, batch_names
from training.corpus_units import CORPUS

HOW = """\
# Adjudication sheet {batch}

Two annotators labelled these units independently under `training/GUIDELINES.md`; they disagree
where listed. For each decision line, decide by the guidelines and the text (the article's raw text
is in `batches/{batch}.md`), fill `value` and a short `reason`, and write the line to
`annotation/decisions/{batch}.jsonl`. Values: `keep`: true with `"side": "a"` or `"b"` (whose labels
the unit takes), or false with a `kind`; `mode`: news or opinion; `reported`: true or false;
`speaker`: an actor id, `other` or null; `mention`: true (the mention is right) or false;
`mention_type`: name, loaded or reference; `stance`: supportive, critical or neutral (null only
when the actor ends with no mention).
"""


def _labels(record: dict[str, Any]) -> str:
    if not record["keep"]:
        return f"not kept ({record.get('kind')})"
    mentions = ", ".join(
        f"“{m['text']}”@{m['text_start']} {m['actor']} ({m['type']})" for m in record["mentions"]
    )
    stances = ", ".join(f"{a}: {s}" for a, s in record["stances"].items()) or "—"
    return (
        f"{record['mode']}, reported {str(record['reported']).lower()}, speaker "
        f"{record['speaker']}; mentions: {mentions or '—'}; stances: {stances}"
    )


def template(d: dict[str, Any]) -> dict[str, Any]:
    """The decision line of a disagreement, its value and reason to fill."""
    line: dict[str, Any] = {"id": d["id"], "field": d["field"]}
    if d.get("actor") is not None:
        line["actor"] = d["actor"]
    if d.get("span") is not None:
        line["span"] = d["span"]
    line["value"] = None
    if d["field"] == "keep":
        line["side"] = None
        line["kind"] = None
    line["reason"] = ""
    return line


def sheet(batch: str, found: list[dict], units: dict, pass_a: dict, pass_b: dict) -> str:
    per_unit: dict[str, list[dict]] = defaultdict(list)
    for d in found:
        per_unit[d["id"]].append(d)
    lines = [HOW.format(batch=batch), f"{len(found)} decisions in {len(per_unit)} units.", ""]
    for uid, items in per_unit.items():
        lines += [
            f"## `{uid}`",
            "",
            f"> {units[uid]['text']}",
            "",
            f"- A: {_labels(pass_a[uid])}",
            f"- B: {_labels(pass_b[uid])}",
            "",
            "```jsonl",
            *(json.dumps(template(d), ensure_ascii=False) for d in items),
            "```",
            "",
        ]
    return "\n".join(lines)


def check_value(d: dict[str, Any], decision: dict[str, Any], actors: set[str]) -> str | None:
    """What is wrong with a decision, or None."""
    field, value = d["field"], decision.get("value")
    if not str(decision.get("reason") or "").strip():
        return "no reason"
    if field == "keep":
        if value is True and decision.get("side") not in ("a", "b"):
            return "keep true needs side 'a' or 'b'"
        if value is False and decision.get("kind") not in DROP_KINDS:
            return f"keep false needs a kind in {DROP_KINDS}"
        if not isinstance(value, bool):
            return f"keep takes true or false, got {value!r}"
        return None
    allowed: dict[str, Any] = {
        "mode": MODES,
        "reported": (True, False),
        "speaker": (*sorted(actors), OTHER_SPEAKER, None),
        "mention": (True, False),
        "mention_type": MENTION_TYPES,
        "stance": (*STANCES, None),
    }
    if value not in allowed[field] or isinstance(value, bool) != (field in ("reported", "mention")):
        return f"{field} takes one of {allowed[field]}, got {value!r}"
    return None


def check(batch: str, corpus: Path = CORPUS) -> list[str]:
    annotation = corpus / "annotation"
    path = annotation / "decisions" / f"{batch}.jsonl"
    docs = set(json.loads((annotation / "batches" / "index.json").read_text("utf-8"))[batch])
    ids = {u["id"] for u in read_jsonl(annotation / "units.jsonl") if u["doc_id"] in docs}
    found = {key(d): d for d in read_jsonl(annotation / "disagreements.jsonl") if d["id"] in ids}
    actors = set(ActorLexicon.load().ids)
    problems, seen = [], set()
    if not path.is_file():
        return [f"{path}: missing"]
    for number, decision in iter_jsonl(path):
        where = f"{path}:{number}"
        if not isinstance(decision.get("id"), str) or not isinstance(decision.get("field"), str):
            problems.append(f"{where}: a decision needs its 'id' and 'field' from the sheet")
            continue
        k = key({**decision, "span": decision.get("span")})
        if k not in found:
            problems.append(f"{where}: no such disagreement {k}")
        elif k in seen:
            problems.append(f"{where}: {k} decided twice")
        else:
            seen.add(k)
            wrong = check_value(found[k], decision, actors)
            if wrong:
                problems.append(f"{where}: {k}: {wrong}")
    problems += [f"{path}: no decision for {k}" for k in found if k not in seen]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--check", metavar="BATCH", help="check annotation/decisions/BATCH.jsonl")
    args = parser.parse_args(argv)
    annotation = args.corpus / "annotation"
    if args.check:
        problems = check(args.check, args.corpus)
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)" if problems else "all decisions present and valid")
        return 1 if problems else 0
    units = {u["id"]: u for u in read_jsonl(annotation / "units.jsonl")}
    found = read_jsonl(annotation / "disagreements.jsonl")
    pass_a = {r["id"]: r for r in read_jsonl(annotation / "pass_a.jsonl")}
    pass_b = {r["id"]: r for r in read_jsonl(annotation / "pass_b.jsonl")}
    index = json.loads((annotation / "batches" / "index.json").read_text("utf-8"))
    out = annotation / "adjudication"
    out.mkdir(exist_ok=True)
    for batch in batch_names(args.corpus):
        docs = set(index[batch])
        mine = [d for d in found if units[d["id"]]["doc_id"] in docs]
        if mine:
            text = sheet(batch, mine, units, pass_a, pass_b)
            (out / f"{batch}.md").write_text(text, encoding="utf-8")
            print(f"{batch}: {len(mine)} decisions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
