"""The corpus's part of the dataset card (``training/README.md``): its configs and its section.

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
from training.markdown import table

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


def size_table(built: dict[str, Any]) -> str:
    docs = Counter(d["split"] for d in built["documents"])
    every = [s for split in SPLITS for s in built["splits"][split]]
    rows = [_size_row(s, docs[s], built["splits"][s]) for s in SPLITS]
    rows.append(_size_row("**all**", len(built["documents"]), every))
    seed_docs = len({s["doc_id"] for s in built["seed"]})
    rows.append(_size_row("seed (own config)", seed_docs, built["seed"]))
    header = ["split", "articles", "sentences", "opinion", "reported", "mentions", "pairs"]
    return table(header + list(STANCES), rows)


def group_table(built: dict[str, Any]) -> str:
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
    header = ["slant group", "articles", "sentences", "opinion", "reported", "pairs"]
    return table(header + [f"{x} pairs" for x in STANCES], rows)


def outlet_table(built: dict[str, Any]) -> str:
    count = Counter(s["doc_id"] for split in SPLITS for s in built["splits"][split])
    total = sum(count.values())
    outlets: dict[str, dict[str, Any]] = {}
    for d in built["documents"]:
        o = outlets.setdefault(d["outlet"], {"group": d["slant_group"], "docs": 0, "n": 0})
        o["docs"] += 1
        o["n"] += count[d["doc_id"]]
    rows = [
        [name, GROUP_NAMES.get(o["group"], o["group"]), o["docs"], o["n"], _pct(o["n"], total)]
        for name, o in sorted(outlets.items(), key=lambda kv: (-kv[1]["n"], kv[0]))
    ]
    return table(["outlet", "slant group", "articles", "sentences", "share"], rows)


def actor_table(built: dict[str, Any], lexicon: ActorLexicon) -> str:
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
    header = ["actor", "mentions", "name/loaded/reference", "pairs", *STANCES]
    return table(header, rows)


def speaker_line(built: dict[str, Any]) -> str:
    every = [s for split in SPLITS for s in built["splits"][split]]
    speakers = Counter(s["speaker"] for s in every if s["reported"])
    return ", ".join(f"`{k}` {v}" for k, v in speakers.most_common())


def agreement_tables(corpus: Path = CORPUS) -> str:
    path = corpus / "annotation" / "agreement.json"
    if not path.is_file():
        return "Agreement has not been measured yet."
    a = json.loads(path.read_text("utf-8"))

    def row(name: str, f: dict[str, Any]) -> list[Any]:
        cells = [f"{f[t]['kappa']:.3f} (n={f[t]['n']})" if f[t]["n"] else "–" for t in TASKS]
        found = f["mentions"]
        f1 = [f"{found[k]['f1']:.3f}" for k in ("exact_span_and_actor", "unit_and_actor")]
        return [GROUP_NAMES.get(name, name), f["units"], *cells, *f1]

    rows = [row("**all**", a["overall"])]
    rows += [row(g, f) for g, f in a["per_slant_group"].items()]
    header = ["slant group", "units", *(f"{t} κ" for t in TASKS)]
    return table([*header, "mention F1 (span, actor)", "mention F1 (unit, actor)"], rows)


def recall_table(built: dict[str, Any], lexicon: ActorLexicon) -> str:
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
    return table(["slant group", *SPLITS, "all"], rows)


def terms_table(built: dict[str, Any]) -> str:
    terms = Counter(
        "redistributable: " + d["terms"] if d["redistributable"] else "not redistributable"
        for d in built["documents"]
    )
    return table(["terms of the text", "articles"], [[t, n] for t, n in terms.most_common()])


def section(built: dict[str, Any], corpus: Path = CORPUS) -> str:
    """The card's section on the corpus (``built``: :func:`load`), every figure computed from the
    built data."""
    lexicon = ActorLexicon.load()
    every = [s for split in SPLITS for s in built["splits"][split]]
    docs = built["documents"]
    redistributable = sum(d["redistributable"] for d in docs)
    adjudicated = read_jsonl(corpus / "annotation" / "disagreements.jsonl")
    return SECTION.format(
        n_docs=len(docs),
        n_outlets=len({d["outlet"] for d in docs}),
        n_groups=len({d["slant_group"] for d in docs}),
        n_opinion_docs=sum(d["genre"] == "opinion" for d in docs),
        n_sentences=len(every),
        n_pairs=len(_pairs(every)),
        n_dropped=len(built["dropped"]),
        n_disagreements=len(adjudicated),
        n_batches=len(json.loads((corpus / "annotation" / "batches" / "index.json").read_text())),
        n_redistributable=redistributable,
        dates=f"{min(d['date'] for d in docs if d['date'])} to "
        f"{max(d['date'] for d in docs if d['date'])}",
        sizes=size_table(built),
        groups=group_table(built),
        outlets=outlet_table(built),
        actors=actor_table(built, lexicon),
        speakers=speaker_line(built),
        agreement=agreement_tables(corpus),
        recall=recall_table(built, lexicon),
        terms=terms_table(built),
    )


SECTION = """
## The framing corpus

Configs `corpus`, `corpus_mentions`, `corpus_documents` (in a checkout of the repository only,
see *Terms of use*), `seed` and `seed_mentions`.

{n_docs} real news pages about Iran and its neighbours in 2024–2025 (the Iran–Iraq security
memorandum, the June 2025 war and the strikes on nuclear sites, sanctions, the PMF law, Hezbollah's
disarmament, the ceasefires), from {n_outlets} outlets in {n_groups} slant groups, {n_opinion_docs}
of them opinion or commentary, dated {dates}. Each text is kept verbatim as stored, site chrome
included (`corpus/articles/`), because that is what users feed `framing`. {n_sentences} sentences
and {n_pairs} sentence–actor stance pairs are labelled under the same guidelines as the five seed
articles (revised for the cases real coverage raises); {n_dropped} units the segmenter found were
marked by the annotators as not the article's own content (chrome, bylines, captions, related
links: `corpus/data/dropped.jsonl`).

```python
from datasets import load_dataset

import framing.data.corpus
import framing.data.annotated

# from a checkout, offline
train = load_dataset("training", "corpus", split="train")
pairs = load_dataset("training", "corpus_mentions", split="dev")
seed = load_dataset("training", "seed", split="train")  # the seed articles, same passes

# the same through framing (and as training data: data.source: corpus, data.split: train)
dev = framing.data.corpus.load_corpus_sentences(split="dev")
pairs = framing.data.load_pairs(config="corpus", split="dev")  # framing.data serves both too
train_pairs = framing.data.corpus.load_corpus_pairs(split="train")
folds = list(framing.data.corpus.article_folds(train_pairs, k=5))
```

Records: `corpus`/`seed` as the annotated set's `sentences` plus `speaker` (who voices reported
content: an actor id, `other` for a person or body outside the lexicon, or null) and each
mention's `type` (`name`, `loaded` or `reference`, guidelines section 5.1);
`corpus_mentions`/`seed_mentions` one row per mention with `mention_type` and `speaker`;
`corpus_documents` one row per article: `url`, `outlet`, `slant_group`, `date`, `genre`,
`title`, `topic`, the search `query` it was found with, `terms`, `redistributable`, `split`.

### Splits

Whole articles, fixed once by their ids: within each (slant group, genre) stratum the articles are
ordered by the SHA-1 of their id, and positions 0 and 5 of every ten go to `test`, position 3 to
`dev`, the rest to `train` (`python -m training.corpus_build`). The test split is for the final
score only: no choice of model, feature, threshold or lexicon entry looks at it.
`framing.data.corpus.article_folds` gives grouped k-fold cross-validation by article.

{sizes}

### Collection

Stored copies of public news pages, found by searching for the story world's events from every
side (`corpus/documents.jsonl` records each page's URL, outlet, slant group, date, genre and the
search query; `python -m training.corpus_collect`). A stored copy often holds only the first couple
of thousand characters of a page. Where one wire story appeared on several sites, one copy is kept,
under the outlet that wrote it. The first round (184 pages) gave fewer supportive pairs than
the corpus needs (about one in twelve); a second round looked, in every slant group, for pages in
which the writer or the people quoted praise, defend or welcome an actor (25 pages). Balance comes
from choosing whole pages: no sentence is ever dropped for its label.

Per outlet (sentences kept after annotation):

{outlets}

### Labels per slant group

{groups}

Per actor (mentions by type; stance per sentence–actor pair):

{actors}

Speakers of reported sentences: {speakers}.

### Annotation and adjudication

The units are `framing`'s own front end's sentences of each page (`corpus/annotation/units.jsonl`,
with the pieces that map each unit's text back to the raw page); the seed articles' units are the
annotated set's sentences. They were dealt into {n_batches} batches mixing slant groups
(`corpus/annotation/batches/`; the last two hold the pages of the second collection round).
Every unit was labelled in two independent passes (`corpus/annotation/pass_a/`, `pass_b/`):
each pass over a batch by a separate annotator who saw only the guidelines, the actor lexicon
and the batch's raw pages, never the other pass, older labels or any model output; the two
passes over one batch were always by different annotators. The guidelines' section 10 (open
questions the annotators raised) was added after the first 24 batches were labelled; it changes
no rule.
{n_disagreements} disagreements (`corpus/annotation/disagreements.jsonl`) were each decided by an
adjudicator who saw the guidelines, the pages and both passes, and recorded with a reason
(`corpus/annotation/decisions/`, `adjudication.md`; `python -m training.corpus_adjudicate`).

**Who annotated.** Every pass and every adjudication was done by separate LLM-based annotation
agents (helper sessions of the framing project's coding agent), not by people. Two instances of one
model share blind spots, so their agreement overstates what two human annotators would reach, and
errors they share do not show up as disagreement.

Cohen's κ before adjudication, overall and per slant group (`keep` over every unit; `mode`,
`reported`, `speaker` over the units both passes kept; stance over the sentence–actor pairs both
found; mentions as the F1 of pass B against pass A):

{agreement}

### Mention recall of the lexicon

Recall: the share of gold mentions of type `name` or `loaded` that `framing`'s actor lexicon
(`configs/actors.yaml`) finds (same actor, overlapping span, each sentence read after its article's
earlier ones); precision: the share of the lexicon's hits that a gold mention of the same actor
overlaps; in brackets the gold mentions (`python -m training.corpus_recall`). The lexicon was
first extended from the issue's list and general knowledge of the office-holders and institutions
(before any recall was measured), then from what the train and dev splits missed and from the
precision of each alias on them. No alias was taken from the test split's text or misses (one
spelling that had been seen in a test page was removed); the test column's totals were printed
alongside during that work, so read it as nearly, not perfectly, unseen.

{recall}

### Terms of use

{terms}

{n_redistributable} texts may be redistributed (US government works in the public domain, UK
government statements under the Open Government Licence, pages under CC BY 4.0). The others are
stored copies of pages whose copyright stays with their publishers, kept in the repository for
research on their framing. None of the corpus is in the `framing` wheel, and
`python -m framing.publish --dataset` leaves the `corpus*` configs and their files out of the Hub
copy of this card (the `seed` configs, which hold only the five seed articles' sentences, go with
it). The labels, guidelines and tools are CC BY 4.0 like the annotated set's.
"""
