"""The corpus's part of the dataset card (``training/README.md``): its configs and the values of
its section (the prose is in ``training/templates/dataset_card.md``).

Every figure is computed from ``training/corpus`` (the built data, ``annotation/agreement.json``
and the lexicon's recall of the gold mentions); :mod:`training.make_card` puts them in the card.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.annotated import read_jsonl
from framing.data.corpus import SPLITS, corpus_features
from framing.labels import STANCES
from training.corpus_recall import recall
from training.corpus_units import CORPUS

# config -> (view, {split: path under training/})
CONFIGS: dict[str, tuple[str, dict[str, str]]] = {
    "corpus": ("sentences", {s: f"corpus/data/{s}/sentences.jsonl" for s in SPLITS}),
    "corpus_mentions": ("mentions", {s: f"corpus/data/{s}/mentions.jsonl" for s in SPLITS}),
    "corpus_documents": ("documents", {"train": "corpus/data/documents.jsonl"}),
    "seed": ("sentences", {"train": "corpus/seed/sentences.jsonl"}),
    "seed_mentions": ("mentions", {"train": "corpus/seed/mentions.jsonl"}),
}
TASKS = ("keep", "mode", "reported", "speaker", "stance")
GROUP_NAMES = {
    "iranian_state": "Iranian state media",
    "iranian_opposition": "Iranian opposition media",
    "arab_gulf": "Arab and Gulf media",
    "iraqi_kurdish": "Iraqi and Kurdish media",
    "israeli": "Israeli media",
    "western": "Western wires and papers",
    "government": "US and other government statements",
    "think_tank": "Think tanks",
    "seed": "Seed articles",
}


def _pct(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "–"


def load(corpus: Path = CORPUS) -> dict[str, Any]:
    """The built corpus: documents (with split), sentences per split, the seed sentences."""
    data = corpus / "data"
    return {
        "documents": read_jsonl(data / "documents.jsonl"),
        "splits": {s: read_jsonl(data / s / "sentences.jsonl") for s in SPLITS},
        "mentions": {s: read_jsonl(data / s / "mentions.jsonl") for s in SPLITS},
        "dropped": read_jsonl(data / "dropped.jsonl"),
        "seed": read_jsonl(corpus / "seed" / "sentences.jsonl"),
        "seed_mentions": read_jsonl(corpus / "seed" / "mentions.jsonl"),
    }


def _arrow_bytes(view: str, rows: list[dict]) -> int:
    import datasets

    return int(datasets.Dataset.from_list(rows, features=corpus_features(view)).data.nbytes)


def configs(built: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """The card's ``configs`` and ``dataset_info`` entries of the corpus and the seed set."""
    rows = {
        "corpus": built["splits"],
        "corpus_mentions": built["mentions"],
        "corpus_documents": {"train": built["documents"]},
        "seed": {"train": built["seed"]},
        "seed_mentions": {"train": built["seed_mentions"]},
    }
    entries, infos = [], []
    for name, (view, files) in CONFIGS.items():
        entries.append(
            {
                "config_name": name,
                "data_files": [{"split": s, "path": p} for s, p in files.items()],
            }
        )
        infos.append(
            {
                "config_name": name,
                "features": corpus_features(view)._to_yaml_list(),
                "splits": [
                    {
                        "name": s,
                        "num_bytes": _arrow_bytes(view, rows[name][s]),
                        "num_examples": len(rows[name][s]),
                    }
                    for s in files
                ],
            }
        )
    return entries, infos


def _pairs(sentences: list[dict]) -> list[tuple[dict, str, str]]:
    return [(s, x["actor"], x["stance"]) for s in sentences for x in s["stances"]]


def _size_row(name: str, docs: int, sentences: list[dict]) -> list[Any]:
    stance = Counter(st for _, _, st in _pairs(sentences))
    return [
        name,
        docs,
        len(sentences),
        sum(s["mode"] == "opinion" for s in sentences),
        sum(s["reported"] for s in sentences),
        sum(len(s["mentions"]) for s in sentences),
        sum(stance.values()),
        *(stance[x] for x in STANCES),
    ]


def size_rows(built: dict[str, Any]) -> list[list[Any]]:
    """Per split (then all, then the seed set): articles, sentences, labels and stance pairs."""
    docs = Counter(d["split"] for d in built["documents"])
    every = [s for split in SPLITS for s in built["splits"][split]]
    rows = [_size_row(s, docs[s], built["splits"][s]) for s in SPLITS]
    rows.append(_size_row("**all**", len(built["documents"]), every))
    seed_docs = len({s["doc_id"] for s in built["seed"]})
    rows.append(_size_row("seed (own config)", seed_docs, built["seed"]))
    return rows


def group_rows(built: dict[str, Any]) -> list[list[Any]]:
    """Per slant group: articles, sentences, shares of opinion and reported, stance shares."""
    group = {d["doc_id"]: d["slant_group"] for d in built["documents"]}
    by: dict[str, list[dict]] = defaultdict(list)
    for split in SPLITS:
        for s in built["splits"][split]:
            by[group[s["doc_id"]]].append(s)
    rows = []
    for g in sorted(by, key=lambda g: -len(by[g])):
        sentences = by[g]
        pairs = _pairs(sentences)
        stance = Counter(st for _, _, st in pairs)
        rows.append(
            [
                GROUP_NAMES.get(g, g),
                sum(1 for d in built["documents"] if d["slant_group"] == g),
                len(sentences),
                _pct(sum(s["mode"] == "opinion" for s in sentences), len(sentences)),
                _pct(sum(s["reported"] for s in sentences), len(sentences)),
                len(pairs),
                *(_pct(stance[x], len(pairs)) for x in STANCES),
            ]
        )
    return rows


def outlet_rows(built: dict[str, Any]) -> list[list[Any]]:
    """Per outlet: its slant group, articles, sentences and share of the sentences."""
    count = Counter(s["doc_id"] for split in SPLITS for s in built["splits"][split])
    total = sum(count.values())
    outlets: dict[str, dict[str, Any]] = {}
    for d in built["documents"]:
        o = outlets.setdefault(d["outlet"], {"group": d["slant_group"], "docs": 0, "n": 0})
        o["docs"] += 1
        o["n"] += count[d["doc_id"]]
    return [
        [name, GROUP_NAMES.get(o["group"], o["group"]), o["docs"], o["n"], _pct(o["n"], total)]
        for name, o in sorted(outlets.items(), key=lambda kv: (-kv[1]["n"], kv[0]))
    ]


def actor_rows(built: dict[str, Any], lexicon: ActorLexicon) -> list[list[Any]]:
    """Per actor: mentions (by type) and stance pairs."""
    every = [s for split in SPLITS for s in built["splits"][split]]
    mentions = Counter(m["actor"] for s in every for m in s["mentions"])
    kinds: dict[str, Counter] = defaultdict(Counter)
    for s in every:
        for m in s["mentions"]:
            kinds[m["actor"]][m["type"]] += 1
    stance: dict[str, Counter] = defaultdict(Counter)
    for _, actor, st in _pairs(every):
        stance[actor][st] += 1
    rows = []
    for a in sorted(lexicon.ids, key=lambda a: -mentions[a]):
        if mentions[a]:
            by_type = "/".join(str(kinds[a][t]) for t in ("name", "loaded", "reference"))
            counts = [stance[a][x] for x in STANCES]
            rows.append([lexicon.actor(a).name, mentions[a], by_type, sum(counts), *counts])
    return rows


def speaker_line(built: dict[str, Any]) -> str:
    every = [s for split in SPLITS for s in built["splits"][split]]
    speakers = Counter(s["speaker"] for s in every if s["reported"])
    return ", ".join(f"`{k}` {v}" for k, v in speakers.most_common())


def agreement_rows(corpus: Path = CORPUS) -> list[list[Any]] | None:
    """Cohen's κ per task and the mention F1s, overall and per slant group (None before the
    agreement is measured)."""
    path = corpus / "annotation" / "agreement.json"
    if not path.is_file():
        return None
    a = json.loads(path.read_text("utf-8"))

    def row(name: str, f: dict[str, Any]) -> list[Any]:
        cells = [f"{f[t]['kappa']:.3f} (n={f[t]['n']})" if f[t]["n"] else "–" for t in TASKS]
        found = f["mentions"]
        f1 = [f"{found[k]['f1']:.3f}" for k in ("exact_span_and_actor", "unit_and_actor")]
        return [GROUP_NAMES.get(name, name), f["units"], *cells, *f1]

    return [row("**all**", a["overall"])] + [row(g, f) for g, f in a["per_slant_group"].items()]


def recall_rows(built: dict[str, Any], lexicon: ActorLexicon) -> list[list[Any]]:
    """Per slant group: the lexicon's recall / precision (gold mentions) per split and all."""
    every = [s for split in SPLITS for s in built["splits"][split]]
    found, _ = recall(every, built["documents"], lexicon)
    rows = []
    for g in sorted(found, key=lambda g: (g == "all", g)):
        cells = []
        for split in (*SPLITS, "all"):
            c = found[g].get(split)
            cells.append(
                f"{c['recall']:.3f} / {c['precision']:.3f} ({c['mentions']})" if c else "–"
            )
        rows.append([GROUP_NAMES.get(g, "**all**" if g == "all" else g), *cells])
    return rows


def terms_rows(built: dict[str, Any]) -> list[list[Any]]:
    """Per terms of the text (or not redistributable): how many articles."""
    terms = Counter(
        "redistributable: " + d["terms"] if d["redistributable"] else "not redistributable"
        for d in built["documents"]
    )
    return [[t, n] for t, n in terms.most_common()]


def variables(built: dict[str, Any], corpus: Path = CORPUS) -> dict[str, Any]:
    """The values of the card's section on the corpus (``built``: :func:`load`), every figure
    computed from the built data; the template reads them as ``corpus.<name>``."""
    lexicon = ActorLexicon.load()
    every = [s for split in SPLITS for s in built["splits"][split]]
    docs = built["documents"]
    dates = [d["date"] for d in docs if d["date"]]
    return {
        "n_docs": len(docs),
        "n_outlets": len({d["outlet"] for d in docs}),
        "n_groups": len({d["slant_group"] for d in docs}),
        "n_opinion_docs": sum(d["genre"] == "opinion" for d in docs),
        "n_sentences": len(every),
        "n_pairs": len(_pairs(every)),
        "n_dropped": len(built["dropped"]),
        "n_disagreements": len(read_jsonl(corpus / "annotation" / "disagreements.jsonl")),
        "n_batches": len(
            json.loads((corpus / "annotation" / "batches" / "index.json").read_text())
        ),
        "n_redistributable": sum(d["redistributable"] for d in docs),
        "dates": f"{min(dates)} to {max(dates)}",
        "sizes": size_rows(built),
        "groups": group_rows(built),
        "stance_pair_columns": [f"{x} pairs" for x in STANCES],
        "outlets": outlet_rows(built),
        "actors": actor_rows(built, lexicon),
        "speakers": speaker_line(built),
        "agreement": agreement_rows(corpus),
        "kappa_columns": [f"{t} κ" for t in TASKS],
        "recall": recall_rows(built, lexicon),
        "terms": terms_rows(built),
    }
