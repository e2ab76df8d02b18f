"""The units the corpus is labelled in, and the batches the annotators get.

    python -m training.corpus_units [--batches 24] [--seed 0] [--add]

A unit is a sentence as framing's own front end finds it in the raw page: :func:`framing.clean`
(site chrome, citations, captions and repeats removed, sentences broken by the layout joined)
then the default segmenter. The five seed articles keep their hand-made sentences
(``training/data/sentences.jsonl``), so that the seed set is re-labelled sentence for sentence.
Each unit records its clean text and how that text maps back to the raw page (``pieces``:
``[text_start, raw_start, length]`` runs), so that labels given on the text land on exact raw
offsets whatever the cleaner does later.

Annotators see, per batch, every article's raw text and its numbered units
(``annotation/batches/bNN.md``); a unit that is not the article's own content (chrome the
cleaner left, a caption, a byline) is marked as such by the annotator, not dropped here.
Batches mix slant groups and hold about the same number of units.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from framing.data.annotated import clean_span, read_jsonl

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
SEED_DATA = ROOT / "data"
SEED_GROUP = "seed"  # the seed articles' slant group in the batches (they have none of their own)


def pieces(offsets: list[int]) -> list[list[int]]:
    """Runs of consecutive raw offsets: ``[text_start, raw_start, length]``."""
    runs: list[list[int]] = []
    for i, raw in enumerate(offsets):
        if runs and raw == runs[-1][1] + runs[-1][2]:
            runs[-1][2] += 1
        else:
            runs.append([i, raw, 1])
    return runs


def raw_offset(unit: dict[str, Any], i: int) -> int:
    """The raw offset of character ``i`` of the unit's text."""
    for text_start, raw_start, length in unit["pieces"]:
        if text_start <= i < text_start + length:
            return raw_start + i - text_start
    raise IndexError(f"{unit['id']}: character {i} outside the unit's text")


def corpus_units(corpus: Path) -> list[dict[str, Any]]:
    import framing

    segmenter = framing.get_segmenter("default")
    units = []
    for doc in read_jsonl(corpus / "documents.jsonl"):
        raw = (corpus / doc["file"]).read_bytes().decode("utf-8")
        cleaned = framing.clean(raw)
        for n, (a, b) in enumerate(segmenter.spans(cleaned.text)):
            offsets = list(cleaned.offsets[a:b])
            units.append(
                {
                    "id": f"{doc['doc_id']}:{n:03d}",
                    "doc_id": doc["doc_id"],
                    "start": offsets[0],
                    "end": offsets[-1] + 1,
                    "text": cleaned.text[a:b],
                    "pieces": pieces(offsets),
                }
            )
    return units


def seed_units(data: Path) -> list[dict[str, Any]]:
    raws = {
        d["doc_id"]: (data / d["file"]).read_text("utf-8")
        for d in read_jsonl(data / "documents.jsonl")
    }
    holes: dict[str, list[tuple[int, int]]] = {}
    for b in read_jsonl(data / "boilerplate.jsonl"):
        holes.setdefault(b["doc_id"], []).append((b["start"], b["end"]))
    units = []
    for s in read_jsonl(data / "sentences.jsonl"):
        inside = [h for h in holes.get(s["doc_id"], []) if s["start"] <= h[0] < s["end"]]
        text, offsets = clean_span(raws[s["doc_id"]], s["start"], s["end"], inside)
        assert text == s["text"], s["id"]
        units.append(
            {
                "id": s["id"],
                "doc_id": s["doc_id"],
                "start": s["start"],
                "end": s["end"],
                "text": text,
                "pieces": pieces(offsets),
            }
        )
    return units


def batches(docs: list[tuple[str, str, int]], count: int, seed: int) -> list[list[str]]:
    """``docs`` as (doc_id, group, units) dealt into ``count`` batches: each group's articles in
    turn to the batch with the fewest units so far, so that batches mix groups and sizes."""
    rng = random.Random(seed)
    order = sorted(docs)
    rng.shuffle(order)
    order.sort(key=lambda d: d[1])  # groups together, shuffled inside: dealt round the batches
    bins: list[list[str]] = [[] for _ in range(count)]
    sizes = [0] * count
    for ident, _, units in order:
        k = min(range(count), key=lambda i: (sizes[i], len(bins[i])))
        bins[k].append(ident)
        sizes[k] += units
    return bins


def render(
    batch: str, doc_ids: list[str], units: dict[str, list[dict]], raws: dict[str, str]
) -> str:
    total = sum(len(units[d]) for d in doc_ids)
    lines = [
        f"# Batch {batch}: {len(doc_ids)} articles, {total} units",
        "",
        "For each article: its raw text exactly as stored (between the ~~~ fences), then its "
        "units, one per line: the unit id, then the unit's text. Label every unit.",
        "",
    ]
    for doc_id in doc_ids:
        lines += [
            f"## Article {doc_id}",
            "",
            "~~~",
            raws[doc_id].rstrip("\n"),
            "~~~",
            "",
            "Units:",
            "",
        ]
        lines += [f"- `{u['id']}` {u['text']}" for u in units[doc_id]]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--batches", type=int, default=24)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--add",
        action="store_true",
        help="keep the units and batches there are; deal articles new to the corpus into "
        "--batches new batches",
    )
    args = parser.parse_args(argv)
    annotation = args.corpus / "annotation"
    (annotation / "batches").mkdir(parents=True, exist_ok=True)
    documents = read_jsonl(args.corpus / "documents.jsonl")
    seeds = read_jsonl(SEED_DATA / "documents.jsonl")
    raws = {d["doc_id"]: (args.corpus / d["file"]).read_bytes().decode("utf-8") for d in documents}
    raws.update({d["doc_id"]: (SEED_DATA / d["file"]).read_text("utf-8") for d in seeds})
    all_units = corpus_units(args.corpus) + seed_units(SEED_DATA)
    by_doc: dict[str, list[dict]] = {}
    for u in all_units:
        by_doc.setdefault(u["doc_id"], []).append(u)
    groups = {d["doc_id"]: d["slant_group"] for d in documents}
    groups.update({d["doc_id"]: SEED_GROUP for d in seeds})
    index: dict[str, list[str]] = {}
    first = 1
    if args.add:  # the units and batches there are stay as they were labelled
        index = json.loads((annotation / "batches" / "index.json").read_text("utf-8"))
        known = {d for ids in index.values() for d in ids}
        old = read_jsonl(annotation / "units.jsonl")
        if {u["doc_id"] for u in old} != known:
            raise ValueError("units.jsonl and batches/index.json disagree on the articles")
        all_units = old + [u for u in all_units if u["doc_id"] not in known]
        by_doc = {d: us for d, us in by_doc.items() if d not in known}
        first = len(index) + 1
    docs = [(d, groups[d], len(us)) for d, us in by_doc.items()]
    plan = batches(docs, args.batches, args.seed)
    with (annotation / "units.jsonl").open("w", encoding="utf-8") as handle:
        for u in all_units:
            handle.write(json.dumps(u, ensure_ascii=False) + "\n")
    for k, doc_ids in enumerate(plan, first):
        name = f"b{k:02d}"
        doc_ids = sorted(doc_ids)
        index[name] = doc_ids
        (annotation / "batches" / f"{name}.md").write_text(
            render(name, doc_ids, by_doc, raws), encoding="utf-8"
        )
    (annotation / "batches" / "index.json").write_text(
        json.dumps(index, indent=1) + "\n", encoding="utf-8"
    )
    sizes = {f"b{k:02d}": len(ids) for k, ids in enumerate(plan, first)}
    print(f"{len(all_units)} units; new batches (articles): {sizes}")


if __name__ == "__main__":
    main()
