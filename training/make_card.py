"""Write ``training/README.md``, the Hugging Face dataset card, from the data it describes.

    python -m training.make_card

Every number in the card (sizes, label distributions, majority-class rates, agreement) is
computed here from ``training/data``, ``training/annotation/agreement*.json`` and the built corpus
(:mod:`training.corpus_card`); the prose and the tables' columns are the Jinja template
``training/templates/dataset_card.md``, rendered by ``huggingface_hub.DatasetCard.from_template``.
Run it after ``python -m training.build_dataset``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from huggingface_hub import DatasetCard, DatasetCardData

from framing.actors import ActorLexicon
from framing.data.annotated import features, read_jsonl
from framing.data.corpus import SPLITS
from framing.labels import FRAMES, MODES, STANCES
from training import corpus_card
from training.markdown import share

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
ANNOTATION = ROOT / "annotation"
TEMPLATE = ROOT / "templates" / "dataset_card.md"  # the prose and the tables' columns

CONFIGS = {
    "sentences": "data/sentences.jsonl",
    "mentions": "data/mentions.jsonl",
    "documents": "data/documents.jsonl",
    "boilerplate": "data/boilerplate.jsonl",
}


def arrow_bytes(name: str, path: Path) -> int:
    """The size of a view as an Arrow table, which ``datasets`` records as a split's num_bytes."""
    import datasets

    return int(datasets.Dataset.from_list(read_jsonl(path), features=features(name)).data.nbytes)


def majority(counter: Counter) -> str:
    label, count = counter.most_common(1)[0]
    total = sum(counter.values())
    return f"{label} {100 * count / total:.1f}%"


def metadata(counts: dict[str, int], sizes: dict[str, int], corpus: tuple) -> dict[str, Any]:
    corpus_configs, corpus_infos = corpus
    return {
        "pretty_name": "framing: Iran–Iraq security memorandum coverage, annotated",
        "license": "other",
        "license_name": "annotations-cc-by-4.0-articles-third-party",
        "license_details": (
            "The annotations (labels, spans, guidelines) are CC BY 4.0. The five articles are "
            "third-party news texts included verbatim for research on their framing; their "
            "copyright stays with their publishers."
        ),
        "language": ["en"],
        "task_categories": ["text-classification", "token-classification"],
        "tags": ["stance-detection", "subjectivity", "framing", "news", "target-dependent"],
        "size_categories": ["1K<n<10K"],
        "annotations_creators": ["machine-generated"],
        "language_creators": ["found"],
        "multilinguality": ["monolingual"],
        "source_datasets": ["original"],
        "configs": [
            {
                "config_name": name,
                "data_files": [{"split": "train", "path": path}],
                **({"default": True} if name == "sentences" else {}),
            }
            for name, path in CONFIGS.items()
        ]
        + corpus_configs,
        "dataset_info": [
            {
                "config_name": name,
                # the serialisation datasets itself uses for dataset_info in cards
                "features": features(name)._to_yaml_list(),
                "splits": [
                    {"name": "train", "num_bytes": sizes[name], "num_examples": counts[name]}
                ],
            }
            for name in CONFIGS
        ]
        + corpus_infos,
    }


def agreement() -> tuple[list[list[Any]] | None, dict[str, Any] | None]:
    """The rows of the first round's agreement table (None before it is measured), and the
    revision round's sentence count and rows (None without one)."""
    first = ANNOTATION / "agreement.json"  # python -m training.agreement pass_a pass_b
    if not first.is_file():
        return None, None
    a = json.loads(first.read_text())
    rows = [
        ["mode (Cohen's κ)", a["mode"]["kappa"], a["mode"]["agreement"]],
        ["reported (Cohen's κ)", a["reported"]["kappa"], a["reported"]["agreement"]],
        [
            f"stance (Cohen's κ, {a['stance']['pairs_both_found']} sentence–actor pairs "
            "both found)",
            a["stance"]["kappa"],
            a["stance"]["agreement"],
        ],
        [
            "mentions, exact span and actor (F1 of B against A)",
            a["mentions"]["exact_span_and_actor"]["f1"],
            "",
        ],
        ["mentions, sentence and actor (F1)", a["mentions"]["sentence_and_actor"]["f1"], ""],
    ]
    revised = ANNOTATION / "agreement_revised.json"
    if not revised.is_file():
        return rows, None
    r = json.loads(revised.read_text())
    return rows, {
        "sentences": r["sentences"],
        "rows": [
            ["mode (Cohen's κ)", r["mode"]["kappa"]],
            ["reported (Cohen's κ)", r["reported"]["kappa"]],
            ["stance (Cohen's κ)", r["stance"]["kappa"]],
            ["mentions, exact span and actor (F1)", r["mentions"]["exact_span_and_actor"]["f1"]],
        ],
    }


class CardData(DatasetCardData):
    """``DatasetCardData`` that keeps its keys in the order they are given (the card's order:
    name and licence first), where ``DatasetCardData`` would put its own fields first."""

    def __init__(self, **fields: Any) -> None:
        super().__init__(**fields)
        # the same reordering CardData.to_yaml(original_order=...) does, once for every dump
        order = [*fields, *self.__dict__]
        self.__dict__ = {key: self.__dict__[key] for key in order if key in self.__dict__}


def render() -> tuple[str, dict[str, int]]:
    """The card's text and the counts it declares, computed from the data."""
    documents = read_jsonl(DATA / "documents.jsonl")
    sentences = read_jsonl(DATA / "sentences.jsonl")
    mentions = read_jsonl(DATA / "mentions.jsonl")
    boilerplate = read_jsonl(DATA / "boilerplate.jsonl")
    lexicon = ActorLexicon.load()
    counts = {
        "sentences": len(sentences),
        "mentions": len(mentions),
        "documents": len(documents),
        "boilerplate": len(boilerplate),
    }
    pairs = [(s, x["actor"], x["stance"]) for s in sentences for x in s["stances"]]
    mode = Counter(s["mode"] for s in sentences)
    reported = Counter(s["reported"] for s in sentences)
    stance = Counter(st for _, _, st in pairs)
    frame_counts = {f: Counter(s["frames"][f] for s in sentences) for f in FRAMES}

    label_rows = [["mode", m, share(mode[m], len(sentences))] for m in MODES]
    label_rows += [
        ["reported", str(v).lower(), share(reported[v], len(sentences))] for v in (True, False)
    ]
    label_rows += [
        ["stance (sentence–actor pairs)", st, share(stance[st], len(pairs))] for st in STANCES
    ]
    label_rows += [["frame", f, share(frame_counts[f][True], len(sentences))] for f in FRAMES]
    majority_rows = [
        ["mode", majority(mode)],
        ["reported", majority(Counter(str(v).lower() for v in reported.elements()))],
        ["stance (sentence–actor pairs)", majority(stance)],
        ["stance (mention rows)", majority(Counter(m["stance"] for m in mentions))],
    ] + [
        [f"frame {f}", majority(Counter(str(v).lower() for v in frame_counts[f].elements()))]
        for f in FRAMES
    ]

    per_actor: dict[str, Counter] = defaultdict(Counter)
    mention_count = Counter(m["actor"] for m in mentions)
    for _, actor, st in pairs:
        per_actor[actor][st] += 1
    actor_rows = [
        [lexicon.actor(a).name, mention_count[a], sum(per_actor[a].values())]
        + [per_actor[a][st] for st in STANCES]
        for a in lexicon.ids
        if mention_count[a]
    ]
    article_rows = []
    for d in documents:
        own = [s for s in sentences if s["doc_id"] == d["doc_id"]]
        own_pairs = [p for p in pairs if p[0]["doc_id"] == d["doc_id"]]
        st = Counter(p[2] for p in own_pairs)
        article_rows.append(
            [
                d["doc_id"],
                d["outlet"] or "not shown",
                d["genre"],
                len(own),
                sum(s["mode"] == "opinion" for s in own),
                sum(s["reported"] for s in own),
                sum(len(s["mentions"]) for s in own),
                "/".join(str(st[x]) for x in STANCES),
                sum(b["doc_id"] == d["doc_id"] for b in boilerplate),
            ]
        )
    kinds = Counter(b["kind"] for b in boilerplate)

    sizes = {name: arrow_bytes(name, DATA / Path(path).name) for name, path in CONFIGS.items()}
    built = corpus_card.load()
    first, revised = agreement()
    card = DatasetCard.from_template(
        CardData(**metadata(counts, sizes, corpus_card.configs(built))),
        template_path=str(TEMPLATE),
        stances=list(STANCES),
        splits=list(SPLITS),
        n_sentences=len(sentences),
        n_mentions=len(mentions),
        n_pairs=len(pairs),
        n_boilerplate=len(boilerplate),
        n_corpus=len(built["documents"]),
        documents=[
            [d["doc_id"], d["outlet"] or "not shown", d["genre"], d["description"]]
            for d in documents
        ],
        labels=label_rows,
        majority=majority_rows,
        actors=actor_rows,
        articles=article_rows,
        kinds=", ".join(f"{k} {v}" for k, v in kinds.most_common()),
        agreement=first,
        revised=revised,
        corpus=corpus_card.variables(built),
    )
    return str(card), counts


def main() -> None:
    card, counts = render()
    (ROOT / "README.md").write_text(card, encoding="utf-8")
    print(f"wrote {ROOT / 'README.md'}: {counts}")


if __name__ == "__main__":
    main()
