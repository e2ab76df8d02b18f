"""Write ``training/README.md``, the Hugging Face dataset card, from the data it describes.

    python -m training.make_card

Every number in the card (sizes, label distributions, majority-class rates, agreement) is
computed here from ``training/data``, ``training/annotation/agreement*.json`` and the built corpus
(:mod:`training.corpus_card`); the prose is
the template below. Run it after ``python -m training.build_dataset``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from framing.actors import ActorLexicon
from framing.data.annotated import features, read_jsonl
from framing.labels import FRAMES, MODES, STANCES
from training import corpus_card
from training.markdown import share, table

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
ANNOTATION = ROOT / "annotation"

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


def agreement_section() -> str:
    first = ANNOTATION / "agreement.json"  # python -m training.agreement pass_a pass_b
    if not first.is_file():
        return "Agreement has not been measured yet."
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
    text = table(["measure", "first round", "raw agreement"], rows)
    revised = ANNOTATION / "agreement_revised.json"
    if revised.is_file():
        r = json.loads(revised.read_text())
        text += (
            "\n\nAfter one round of guideline revision, two further annotators, who had seen no"
            f" earlier labels, re-labelled the {r['sentences']} disputed sentences independently"
            " from the revised guidelines (`annotation/round2_c.jsonl`, `round2_d.jsonl`):\n\n"
            + table(
                ["measure", "on the disputed sentences, after revision"],
                [
                    ["mode (Cohen's κ)", r["mode"]["kappa"]],
                    ["reported (Cohen's κ)", r["reported"]["kappa"]],
                    ["stance (Cohen's κ)", r["stance"]["kappa"]],
                    [
                        "mentions, exact span and actor (F1)",
                        r["mentions"]["exact_span_and_actor"]["f1"],
                    ],
                ],
            )
        )
    return text


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
    corpus = corpus_card.configs(built)
    card = "---\n" + yaml.safe_dump(
        metadata(counts, sizes, corpus), sort_keys=False, allow_unicode=True
    )
    card += "---\n"
    card += TEMPLATE.format(
        n_sentences=len(sentences),
        n_mentions=len(mentions),
        n_pairs=len(pairs),
        n_boilerplate=len(boilerplate),
        documents=table(
            ["doc_id", "outlet", "genre", "description"],
            [
                [d["doc_id"], d["outlet"] or "not shown", d["genre"], d["description"]]
                for d in documents
            ],
        ),
        labels=table(["task", "label", "count (share)"], label_rows),
        majority=table(["task", "majority class and rate"], majority_rows),
        actors=table(["actor", "mentions", "sentence–actor pairs", *STANCES], actor_rows),
        articles=table(
            [
                "article",
                "outlet",
                "genre",
                "sentences",
                "opinion",
                "reported",
                "mentions",
                "neutral/supportive/critical",
                "boilerplate spans",
            ],
            article_rows,
        ),
        kinds=", ".join(f"{k} {v}" for k, v in kinds.most_common()),
        agreement=agreement_section(),
        n_corpus=len(built["documents"]),
        corpus=corpus_card.section(built),
    )
    return card, counts


def main() -> None:
    card, counts = render()
    (ROOT / "README.md").write_text(card, encoding="utf-8")
    print(f"wrote {ROOT / 'README.md'}: {counts}")


TEMPLATE = """
# framing annotated set: coverage of the 2025 Iran–Iraq security memorandum

Five scraped English-language news articles about the August 2025 Iran–Iraq border-security
memorandum of understanding and Ali Larijani's visits to Baghdad and Beirut, labelled sentence by
sentence for **mode** (opinion or news), **reported** speech, **actor mentions** and the
**stance** of each sentence toward each actor it mentions, with the frames derived from them.
{n_sentences} sentences, {n_mentions} mentions, {n_pairs} sentence–actor stance labels,
{n_boilerplate} boilerplate spans. It is the in-domain training and evaluation set of the
`framing` package. The framing corpus, {n_corpus} real pages from outlets of every side labelled the
same way, is described [below](#the-framing-corpus).

```python
from datasets import load_dataset

import framing.data.annotated

# from a checkout, offline
sentences = load_dataset("training", "sentences", split="train")
mentions = load_dataset("training", "mentions", split="train")

# from an installed package
sentences = framing.data.load_sentences()
pairs = framing.data.load_pairs()
folds = list(framing.data.loao_folds(pairs))
```

## Dataset structure

- `sentences` (default): `id`, `doc_id`, `start`, `end` (character offsets into the raw article;
  a sentence broken by the page layout spans the noise between its parts), `text` (the sentence
  with boilerplate inside it removed and whitespace collapsed), `mode`, `reported`, `mentions`
  (`start`, `end` in the article, `text_start`, `text_end` in `text`, `actor`, `text`),
  `stances` (one `actor`/`stance` per mentioned actor), `frames` (`supportive_of_iran`,
  `critical_of_us`, `neutral_reporting`).
- `mentions`: one row per mention: the sentence `text`, `mention_start`/`mention_end` in it,
  `mention`, `actor`, `stance` toward that actor in that sentence, `mode`, `reported`, and the
  mention's `start`/`end` in the article.
- `documents`: `doc_id`, `file` (the raw article, `data/articles/`), `outlet`, `genre`,
  `description`.
- `boilerplate`: `doc_id`, `start`, `end`, `kind`, `text` for every span of the raw articles that
  is not a sentence ({kinds}).

There is one split, `train`: the set is meant for leave-one-article-out cross-validation
(`framing.data.loao_folds`), never for a random sentence split, since sentences of one article
share its outlet, voice and topic.

## Dataset creation

### Curation rationale

Users of `framing` analyse state-media and partisan coverage of Middle East diplomacy. Public
stance and subjectivity corpora (NewsMTSC, CheckThat!) are general news; this set measures the
models on the coverage they are built for, including its noise.

### Source data

The five seed articles, verbatim (`data/articles/`, the raw text is the reference for every
offset): Iranian state-media-derived and aggregator write-ups, a Kurdish outlet's report, rewritten
wire copy and an opinion column, scraped with their site chrome, citation markers, captions,
repeated headlines and pull-quotes, and sentences broken by the layout.

{documents}

### Annotation process

The labels follow [`GUIDELINES.md`](GUIDELINES.md) (definitions, decision rules and real examples
for every label, including reported speech, loaded and hedged wording, opposite stances toward two
actors in one sentence, rhetorical statements, headlines and captions). The actor list and alias
lexicon are `configs/actors.yaml`, the same file the `framing` runtime uses.

1. Segmentation: an annotator who had not seen `framing`'s segmenter segmented the raw articles
   into sentences and boilerplate spans following section 1 of the guidelines
   (`annotation/segmentation.jsonl`).
2. Labels, twice: two annotators labelled every sentence independently (`annotation/pass_a.jsonl`,
   `annotation/pass_b.jsonl`), each from the guidelines and the raw articles alone, neither seeing
   the other's labels.
3. Adjudication: every disagreement was resolved against the guidelines and recorded with the
   decision in `annotation/adjudication.md`; `annotation/adjudicated.jsonl` holds the final labels.
   Every occurrence of a lexicon alias is a mention by rule; both passes found all of them, and
   the build and the tests check it.
4. Where a disagreement showed the guidelines unclear, they were revised (passages marked
   "Revised after round 1"), and the disputed sentences were labelled again, independently, by two
   further annotators from the revised guidelines; what that round showed was adjudicated and
   clarified the same way ("Clarified after round 2").
5. Consistency: the revised rules were then checked against all 103 sentences, not only the
   disputed ones; the 9 labels that broke them were changed, each recorded in
   `annotation/adjudication.md` (round 3).

**Who annotated.** Every step, segmentation, both label passes, the re-labelling after revision
and the adjudication, was done by separate LLM-based annotation agents of the framing project,
each given only the guidelines and the raw articles (the adjudicator also saw both passes). No
human annotator has labelled or checked this set yet. Two instances of one model share blind
spots, so their agreement overstates what two human annotators would reach; read the figures
below as a check that the guidelines are specific, not as a human reliability estimate.

### Agreement

{agreement}

## Label distribution

{labels}

Majority-class rate of each task (read every F1 against it):

{majority}

Per actor (mentions; stance labels per sentence–actor pair):

{actors}

Per article:

{articles}

## Limitations and bias

- Five articles about one event, all in English, published within days of each other: scores
  measured on this set say little about other topics, periods or languages.
- The label scheme has a perspective built in: its frames (`supportive_of_iran`, `critical_of_us`,
  `neutral_reporting`) are the questions the project's users ask of this coverage, not neutral
  categories, and "supportive" and "critical" are judgements a reader makes, which other readers
  may make differently.
- Stance is labelled toward actors as the sentence presents them, whoever voices it; the set does
  not say who holds a view, and it says nothing about the people or outlets themselves.
- Small sample: per-class counts are in the tens, some actors appear a handful of times, and
  confidence intervals on any score computed here are wide.
- The labels were produced by LLM-based annotation agents (see *Who annotated*), not by human
  experts; systematic errors they share would not show up as disagreement.
- Outlets are unevenly represented (one opinion column, one Kurdish outlet, three unattributed
  web write-ups).

{corpus}

## Licence and citation

The annotations are released under CC BY 4.0. The articles are third-party news texts included
verbatim for research on their framing; their copyright stays with the publishers.

```bibtex
@misc{{framing_annotated_2026,
  title  = {{framing annotated set: coverage of the 2025 Iran--Iraq security memorandum}},
  author = {{The framing authors}},
  year   = {{2026}},
  note   = {{Dataset card and guidelines in the framing repository, training/}}
}}
```
"""


if __name__ == "__main__":
    main()
