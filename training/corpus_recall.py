"""How many of the corpus's gold mentions the actor lexicon finds, per slant group and split.

    python -m training.corpus_recall [--corpus training/corpus] [--lexicon configs/actors.yaml]
                                     [--missed FILE]

A gold mention of type ``name`` or ``loaded`` (``reference`` mentions, pronouns and descriptions,
are not the lexicon's to find) counts as found when :meth:`framing.ActorLexicon.find` returns a
mention of the same actor overlapping its span in the sentence text, the sentence read after the
article's sentences before it (as the runtime reads a page, so that labels such as "the regime"
resolve by the names before them). The lexicon is extended from
what the train and dev splits miss; the test split's figure is the one that was not looked at.
Precision is reported beside it: the share of the lexicon's hits that a gold mention of the same
actor (of any type) overlaps. ``--missed`` writes every missed mention of train and dev (text,
actor, sentence id, split); the test split's only with ``--include-test``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.annotated import read_jsonl
from training.corpus_units import CORPUS

COUNTED = ("name", "loaded")


def recall(
    sentences: list[dict], documents: list[dict], lexicon: ActorLexicon
) -> tuple[dict[str, Any], list[dict]]:
    doc = {d["doc_id"]: d for d in documents}
    found: dict[tuple[str, str], Counter] = defaultdict(Counter)
    missed = []
    context: dict[str, str] = {}  # the article's sentences so far: labels resolve by them
    for s in sentences:
        d = doc[s["doc_id"]]
        before = context.get(s["doc_id"], "")
        text = before + s["text"]
        context[s["doc_id"]] = text + "\n"
        at = len(before)
        hits = lexicon.find(text, at, len(text))
        keys = (
            (d["slant_group"], d["split"]),
            ("all", d["split"]),
            (d["slant_group"], "all"),
            ("all", "all"),
        )
        for h in hits:  # precision: a hit is right when a gold mention of its actor overlaps it
            right = any(
                h.actor == m["actor"]
                and h.start - at < m["text_end"]
                and m["text_start"] < h.end - at
                for m in s["mentions"]
            )
            for key in keys:
                found[key]["right" if right else "wrong"] += 1
        for m in s["mentions"]:
            if m["type"] not in COUNTED:
                continue
            ok = any(
                h.actor == m["actor"]
                and h.start - at < m["text_end"]
                and m["text_start"] < h.end - at
                for h in hits
            )
            for key in keys:
                found[key]["found" if ok else "missed"] += 1
            if not ok:
                missed.append(
                    {"id": s["id"], "split": d["split"], "actor": m["actor"], "text": m["text"],
                     "type": m["type"]}
                )  # fmt: skip
    table = {}
    for (group, split), c in sorted(found.items()):
        total, hits = c["found"] + c["missed"], c["right"] + c["wrong"]
        table.setdefault(group, {})[split] = {
            "mentions": total,
            "recall": round(c["found"] / total, 4) if total else None,
            "hits": hits,
            "precision": round(c["right"] / hits, 4) if hits else None,
        }
    return table, missed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--lexicon", type=Path)
    parser.add_argument("--missed", type=Path, help="write the missed mentions of train and dev")
    parser.add_argument(
        "--include-test", action="store_true", help="--missed: the test split's too (final check)"
    )
    args = parser.parse_args(argv)
    data = args.corpus / "data"
    sentences = [
        s
        for split in ("train", "dev", "test")
        for s in read_jsonl(data / split / "sentences.jsonl")
    ]
    table, missed = recall(
        sentences,
        read_jsonl(data / "documents.jsonl"),
        ActorLexicon.load(args.lexicon),
    )
    print(json.dumps(table, indent=1))
    if args.missed:
        with args.missed.open("w", encoding="utf-8") as handle:
            for m in missed:
                if m["split"] == "test" and not args.include_test:
                    continue
                handle.write(json.dumps(m, ensure_ascii=False) + "\n")
    counts = Counter((m["text"], m["actor"]) for m in missed if m["split"] != "test")
    print("most missed in train and dev:", counts.most_common(40))


if __name__ == "__main__":
    main()
