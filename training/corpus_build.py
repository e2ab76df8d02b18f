"""Build the released corpus in ``training/corpus/data`` from the adjudicated labels.

    python -m training.corpus_build [--corpus training/corpus] [--seed 0]

Outputs: ``documents.jsonl`` (each article's metadata and its split), per split (``train/``,
``dev/``, ``test/``) ``sentences.jsonl`` (one record per kept unit: offsets into the raw article,
the clean text, mode, reported, speaker, mentions with their type, stances, frames) and
``mentions.jsonl`` (one row per mention), and ``dropped.jsonl`` (units the annotators marked as
not the article's own content). The seed articles, labelled in the same passes, are written to
``training/corpus/seed`` in the same form (one set, no split).

Splits are of whole articles and fixed once: ``splits.json`` records each article's split when it
is first built, and an article keeps it whatever is added later (so that a test article stays one
that nothing looked at). Within each (slant group, genre) stratum, the articles new to the
corpus are ordered by the SHA-1 of their id (with ``--seed``) and take the stratum's next
positions, after those of the articles split before them; positions 0 and 5 of every ten go to
``test``, position 3 to ``dev``, the rest to ``train`` (about 20%, 10% and 70%). Every record is
checked on the way; the first problem stops the build, naming it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.annotated import read_jsonl
from framing.labels import MODES, STANCES, frames
from training.corpus_labels import DROP_KINDS, MENTION_TYPES, OTHER_SPEAKER
from training.corpus_units import CORPUS, SEED_DATA

TEST_POSITIONS, DEV_POSITIONS = (0, 5), (3,)
SPLITS = ("train", "dev", "test")


def split_of(
    documents: list[dict[str, Any]], seed: int = 0, taken: dict[tuple[str, str], int] | None = None
) -> dict[str, str]:
    """The split of each article: its position in its (slant group, genre) stratum, counted
    after the ``taken`` positions of articles split before it."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in documents:
        strata[d["slant_group"], d["genre"]].append(d["doc_id"])
    splits = {}
    for stratum, ids in strata.items():
        order = sorted(ids, key=lambda i: hashlib.sha1(f"{seed}:{i}".encode()).hexdigest())
        for position, ident in enumerate(order, (taken or {}).get(stratum, 0)):
            p = position % 10
            splits[ident] = (
                "test" if p in TEST_POSITIONS else "dev" if p in DEV_POSITIONS else "train"
            )
    return splits


def fixed_splits(
    corpus: Path, documents: list[dict[str, Any]], seed: int = 0, *, record: bool = True
) -> dict[str, str]:
    """Every article's split: as recorded in ``splits.json``, new articles continuing their
    strata (:func:`split_of`) and, with ``record``, recorded there."""
    path = corpus / "splits.json"
    try:
        known = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: not a JSON file of article splits ({err})") from None
    if not isinstance(known, dict):
        raise ValueError(f"{path}: expected a JSON object mapping article ids to splits")
    ids = {d["doc_id"] for d in documents}
    gone = sorted(set(known) - ids)
    if gone:
        raise ValueError(f"{path}: articles no longer in the corpus: {gone[:3]}")
    bad = {k: v for k, v in known.items() if v not in SPLITS}
    if bad:
        raise ValueError(f"{path}: unknown split(s) {bad}")
    new = [d for d in documents if d["doc_id"] not in known]
    taken = Counter((d["slant_group"], d["genre"]) for d in documents if d["doc_id"] in known)
    splits = {**known, **split_of(new, seed, dict(taken))}
    if new and record:
        path.write_text(json.dumps(dict(sorted(splits.items())), indent=1) + "\n", "utf-8")
    return splits


def check(record: dict[str, Any], unit: dict[str, Any], raw: str, actors: set[str]) -> None:
    where = f"{record['id']}"
    if record["keep"] is False:
        if record.get("kind") not in DROP_KINDS:
            raise ValueError(f"{where}: unknown kind {record.get('kind')!r}")
        return
    if record["mode"] not in MODES or not isinstance(record["reported"], bool):
        raise ValueError(f"{where}: mode or reported out of their label sets")
    speaker = record["speaker"]
    if speaker is not None and speaker not in actors and speaker != OTHER_SPEAKER:
        raise ValueError(f"{where}: speaker {speaker!r} is neither an actor nor {OTHER_SPEAKER!r}")
    for m in record["mentions"]:
        if m["actor"] not in actors or m["type"] not in MENTION_TYPES:
            raise ValueError(f"{where}: mention {m} has an unknown actor or type")
        if unit["text"][m["text_start"] : m["text_end"]] != m["text"]:
            raise ValueError(f"{where}: mention {m['text']!r} differs from the unit's text")
        if " ".join(raw[m["start"] : m["end"]].split()) != " ".join(m["text"].split()):
            raise ValueError(f"{where}: mention {m['text']!r} differs from the raw article")
    if set(record["stances"]) != {m["actor"] for m in record["mentions"]}:
        raise ValueError(f"{where}: stances must cover exactly the mentioned actors")
    if any(s not in STANCES for s in record["stances"].values()):
        raise ValueError(f"{where}: a stance out of {STANCES}")


def rows(
    labels: list[dict], units: dict[str, dict], raws: dict[str, str], actors: set[str]
) -> tuple[list[dict], list[dict], list[dict]]:
    sentences, mentions, dropped = [], [], []
    for r in labels:
        unit = units[r["id"]]
        check(r, unit, raws[r["doc_id"]], actors)
        base = {"id": r["id"], "doc_id": r["doc_id"], "start": unit["start"], "end": unit["end"]}
        if not r["keep"]:
            dropped.append({**base, "kind": r["kind"], "text": unit["text"]})
            continue
        sentence_mentions = [
            {k: m[k] for k in ("start", "end", "actor", "text", "text_start", "text_end", "type")}
            for m in r["mentions"]
        ]
        sentences.append(
            {
                **base,
                "text": unit["text"],
                "mode": r["mode"],
                "reported": r["reported"],
                "speaker": r["speaker"],
                "mentions": sentence_mentions,
                "stances": [{"actor": a, "stance": s} for a, s in sorted(r["stances"].items())],
                "frames": frames(r["mode"], r["reported"], r["stances"]),
            }
        )
        for m in sentence_mentions:
            mentions.append(
                {
                    "id": r["id"],
                    "doc_id": r["doc_id"],
                    "text": unit["text"],
                    "mention_start": m["text_start"],
                    "mention_end": m["text_end"],
                    "mention": m["text"],
                    "mention_type": m["type"],
                    "actor": m["actor"],
                    "stance": r["stances"][m["actor"]],
                    "start": m["start"],
                    "end": m["end"],
                    "mode": r["mode"],
                    "reported": r["reported"],
                    "speaker": r["speaker"],
                }
            )
    return sentences, mentions, dropped


def write(folder: Path, name: str, records: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")


def build(corpus: Path, seed: int = 0) -> dict[str, Any]:
    annotation = corpus / "annotation"
    documents = read_jsonl(corpus / "documents.jsonl")
    seeds = read_jsonl(SEED_DATA / "documents.jsonl")
    raws = {d["doc_id"]: (corpus / d["file"]).read_bytes().decode("utf-8") for d in documents}
    raws.update({d["doc_id"]: (SEED_DATA / d["file"]).read_text("utf-8") for d in seeds})
    units = {u["id"]: u for u in read_jsonl(annotation / "units.jsonl")}
    labels = read_jsonl(annotation / "adjudicated.jsonl")
    if set(units) != {r["id"] for r in labels}:
        raise ValueError("the adjudicated labels do not cover exactly the units")
    actors = set(ActorLexicon.load().ids)
    seed_ids = {d["doc_id"] for d in seeds}
    counts = {}
    splits = fixed_splits(corpus, documents, seed, record=False)  # recorded once all is checked
    corpus_docs = [{**d, "split": splits[d["doc_id"]]} for d in documents]
    corpus_ids = {d["doc_id"] for d in corpus_docs}
    sentences, mentions, dropped = rows(
        [r for r in labels if r["doc_id"] in corpus_ids], units, raws, actors
    )
    data = corpus / "data"
    write(data, "documents.jsonl", corpus_docs)
    write(data, "dropped.jsonl", dropped)
    for split in SPLITS:
        docs = {d["doc_id"] for d in corpus_docs if d["split"] == split}
        part = [s for s in sentences if s["doc_id"] in docs]
        write(data / split, "sentences.jsonl", part)
        write(data / split, "mentions.jsonl", [m for m in mentions if m["doc_id"] in docs])
        counts[f"corpus/{split}"] = {"articles": len(docs), "sentences": len(part)}
    counts["corpus"] = {"articles": len(corpus_docs), "sentences": len(sentences),
                        "mentions": len(mentions), "dropped": len(dropped)}  # fmt: skip
    part = [r for r in labels if r["doc_id"] in seed_ids]
    sentences, mentions, dropped = rows(part, units, raws, actors)
    fixed_splits(corpus, documents, seed)
    folder = corpus / "seed"
    write(folder, "documents.jsonl", seeds)
    write(folder, "sentences.jsonl", sentences)
    write(folder, "mentions.jsonl", mentions)
    write(folder, "dropped.jsonl", dropped)
    counts["seed"] = {"articles": len(seeds), "sentences": len(sentences),
                      "mentions": len(mentions), "dropped": len(dropped)}  # fmt: skip
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(build(args.corpus, args.seed), indent=2))


if __name__ == "__main__":
    main()
