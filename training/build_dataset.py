"""Build the released annotated set in ``training/data`` from the annotation files.

    python -m training.build_dataset [--labels training/annotation/adjudicated.jsonl]

Inputs (``training/annotation``): ``segmentation.jsonl`` (gold sentences and boilerplate spans)
and the adjudicated labels (one record per sentence: mode, reported, mentions, stances). Outputs
(``training/data``): ``sentences.jsonl`` (with the sentence text derived from the offsets, the
mention offsets in that text, and the frames computed by :func:`framing.labels.frames`),
``mentions.jsonl`` (one row per mention) and ``boilerplate.jsonl``. Every record is checked on the
way; the first problem stops the build with the file, record and field named.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.annotated import clean_span, read_jsonl
from framing.labels import MODES, STANCES, frames
from framing.text.rules import CleanConfig

ROOT = Path(__file__).resolve().parent
# every kind cleaning can remove (the stored set was made before the page-noise kinds existed)
BOILERPLATE_KINDS = CleanConfig.KINDS


def build(segmentation: Path, labels: Path, data: Path, lexicon: ActorLexicon) -> dict[str, int]:
    spans = read_jsonl(segmentation)
    by_id = {r["id"]: r for r in read_jsonl(labels)}
    raws = {
        d["doc_id"]: (data / d["file"]).read_text(encoding="utf-8")
        for d in read_jsonl(data / "documents.jsonl")
    }
    per_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for span in spans:
        if span["doc_id"] not in raws:
            raise ValueError(f"{segmentation}: unknown doc_id {span['doc_id']!r}")
        per_doc[span["doc_id"]].append(span)

    sentences, mentions, boilerplate = [], [], []
    for doc_id in sorted(per_doc):
        raw = raws[doc_id]
        doc_spans = per_doc[doc_id]
        noise = [s for s in doc_spans if s["type"] == "boilerplate"]
        for b in noise:
            if b["kind"] not in BOILERPLATE_KINDS:
                raise ValueError(
                    f"{segmentation}: {doc_id} {b['start']}: unknown kind {b['kind']!r}"
                )
            if raw[b["start"] : b["end"]] != b["text"]:
                raise ValueError(
                    f"{segmentation}: {doc_id} {b['start']}: text differs from the article"
                )
            boilerplate.append({k: b[k] for k in ("doc_id", "start", "end", "kind", "text")})
        for index, s in enumerate(x for x in doc_spans if x["type"] == "sentence"):
            sid = f"{doc_id}:{index:03d}"
            where = f"{labels}: {sid}"
            label = by_id.get(sid)
            if label is None:
                raise ValueError(f"{where}: no labels for this sentence")
            if (label["start"], label["end"]) != (s["start"], s["end"]):
                raise ValueError(f"{where}: span differs from the segmentation")
            holes = [(b["start"], b["end"]) for b in noise if s["start"] <= b["start"] < s["end"]]
            text, offsets = clean_span(raw, s["start"], s["end"], holes)
            position = {raw_i: i for i, raw_i in enumerate(offsets)}
            if label["mode"] not in MODES:
                raise ValueError(f"{where}: mode {label['mode']!r} not in {MODES}")
            if not isinstance(label["reported"], bool):
                raise ValueError(f"{where}: reported must be true or false")
            sentence_mentions = []
            for m in sorted(label["mentions"], key=lambda m: (m["start"], m["actor"])):
                if m["actor"] not in lexicon.ids:
                    raise ValueError(f"{where}: actor {m['actor']!r} is not in the lexicon")
                if raw[m["start"] : m["end"]] != m["text"]:
                    raise ValueError(f"{where}: mention {m['text']!r} differs from the article")
                if m["start"] not in position or m["end"] - 1 not in position:
                    raise ValueError(f"{where}: mention {m['text']!r} is outside the sentence text")
                sentence_mentions.append(
                    {
                        "start": m["start"],
                        "end": m["end"],
                        "actor": m["actor"],
                        "text": m["text"],
                        "text_start": position[m["start"]],
                        "text_end": position[m["end"] - 1] + 1,
                    }
                )
            stances = label["stances"]
            if set(stances) != {m["actor"] for m in sentence_mentions}:
                raise ValueError(f"{where}: stances must cover exactly the mentioned actors")
            for actor, stance in stances.items():
                if stance not in STANCES:
                    raise ValueError(f"{where}: stance {stance!r} toward {actor} not in {STANCES}")
            record = {
                "id": sid,
                "doc_id": doc_id,
                "start": s["start"],
                "end": s["end"],
                "text": text,
                "mode": label["mode"],
                "reported": label["reported"],
                "mentions": sentence_mentions,
                "stances": [{"actor": a, "stance": stances[a]} for a in sorted(stances)],
                "frames": frames(label["mode"], label["reported"], stances),
            }
            sentences.append(record)
            for m in sentence_mentions:
                mentions.append(
                    {
                        "id": sid,
                        "doc_id": doc_id,
                        "text": text,
                        "mention_start": m["text_start"],
                        "mention_end": m["text_end"],
                        "mention": m["text"],
                        "actor": m["actor"],
                        "stance": stances[m["actor"]],
                        "start": m["start"],
                        "end": m["end"],
                        "mode": label["mode"],
                        "reported": label["reported"],
                    }
                )
    extra = set(by_id) - {r["id"] for r in sentences}
    if extra:
        raise ValueError(
            f"{labels}: labels for sentences not in the segmentation: {sorted(extra)[:3]}"
        )
    for name, records in (
        ("sentences.jsonl", sentences),
        ("mentions.jsonl", mentions),
        ("boilerplate.jsonl", boilerplate),
    ):
        with (data / name).open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"sentences": len(sentences), "mentions": len(mentions), "boilerplate": len(boilerplate)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--segmentation", type=Path, default=ROOT / "annotation" / "segmentation.jsonl"
    )
    parser.add_argument("--labels", type=Path, default=ROOT / "annotation" / "adjudicated.jsonl")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    counts = build(args.segmentation, args.labels, args.data, ActorLexicon.load())
    print(f"wrote {args.data}: {counts}")


if __name__ == "__main__":
    main()
