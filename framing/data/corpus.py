"""The framing corpus and the re-labelled seed set as ``datasets`` objects, with splits and folds.

The corpus (``training/corpus`` in a checkout) holds real news pages from outlets of every side,
labelled sentence by sentence under ``training/GUIDELINES.md`` in two independent passes and
adjudicated; its articles are split once into ``train``, ``dev`` and ``test`` (whole articles,
stratified by slant group and genre). The ``seed`` config is the five seed articles labelled in the
same passes. Two views of each, as for the annotated set (:mod:`framing.data`):

- :func:`load_corpus_sentences`: one row per sentence: mode, reported, speaker, mentions (with
  their type), stances and frames;
- :func:`load_corpus_pairs`: one row per (sentence, mention), with the stance toward its actor.

The texts of most pages may not be redistributed, so the corpus is not in the wheel: it is read
from a checkout (or from the dataset's Hub repository with ``datasets.load_dataset``).

Example:
    >>> from framing.data.corpus import load_corpus_sentences, article_folds
    >>> dev = load_corpus_sentences(split="dev")  # doctest: +SKIP
    >>> folds = article_folds(load_corpus_sentences(split="train"), k=5)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from framing.data.jsonl import iter_jsonl, read_jsonl
from framing.data.schema import corpus_features

if TYPE_CHECKING:
    import datasets

__all__ = [
    "CONFIGS",
    "SPLITS",
    "article_folds",
    "corpus_dir",
    "corpus_features",
    "corpus_rows",
    "fold_of",
    "load_corpus_documents",
    "load_corpus_pairs",
    "load_corpus_sentences",
]

CONFIGS = ("corpus", "seed")
SPLITS = ("train", "dev", "test")
_REPO = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    """``training/corpus`` of the checkout.

    Raises:
        FileNotFoundError: not a checkout (an installed package has no corpus: its texts' terms
            do not allow shipping them).
    """
    folder = _REPO / "training" / "corpus"
    if not (folder / "data" / "documents.jsonl").is_file():
        raise FileNotFoundError(
            f"the framing corpus is not here ({folder}): it ships with a checkout of the "
            "repository, not in the wheel, because most of its texts may not be redistributed"
        )
    return folder


def _files(config: str, name: str, split: str | None) -> list[Path]:
    if config not in CONFIGS:
        raise ValueError(f"unknown config {config!r}; expected one of {CONFIGS}")
    root = corpus_dir()
    if config == "seed":
        if split not in (None, "train"):
            raise ValueError(f"the seed config has one split, 'train'; got {split!r}")
        return [root / "seed" / name]
    if split == "all":  # as in data.split and the dataset card
        split = None
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS} or all (None)")
    return [root / "data" / s / name for s in ([split] if split else SPLITS)]


def corpus_rows(config: str, split: str | None) -> tuple[list[tuple[str, dict]], str]:
    """(the row's file and line, record) of the sentence view, and which part of the corpus."""
    files = _files(config, "sentences.jsonl", split)
    rows = [(f"{path} row {n}", r) for path in files for n, r in iter_jsonl(path)]
    return rows, f"{config}:{split or 'all'}"


def _dataset(view: str, config: str, split: str | None) -> datasets.Dataset:
    import datasets

    name = "sentences.jsonl" if view == "sentences" else "mentions.jsonl"
    rows = [r for path in _files(config, name, split) for r in read_jsonl(path)]
    return datasets.Dataset.from_list(rows, features=corpus_features(view))


def load_corpus_sentences(config: str = "corpus", split: str | None = None) -> datasets.Dataset:
    """The sentence view of the corpus (``split``: train, dev, test, or None for all) or of the
    re-labelled seed set (``config="seed"``)."""
    return _dataset("sentences", config, split)


def load_corpus_pairs(config: str = "corpus", split: str | None = None) -> datasets.Dataset:
    """The (sentence, mention) view of the corpus or of the re-labelled seed set."""
    return _dataset("mentions", config, split)


def load_corpus_documents() -> datasets.Dataset:
    """One row per corpus article: its URL, outlet, slant group, date, genre, terms and split."""
    import datasets

    rows = read_jsonl(corpus_dir() / "data" / "documents.jsonl")
    return datasets.Dataset.from_list(rows, features=corpus_features("documents"))


def article_folds(
    dataset: datasets.Dataset, *, k: int = 5, seed: int = 0, by: str = "doc_id"
) -> Iterator[tuple[datasets.Dataset, datasets.Dataset]]:
    """Grouped k-fold cross-validation: every article wholly in one fold. Articles are dealt to
    folds in the order of the SHA-1 of ``seed`` and their id, so the folds are fixed."""
    column = dataset[by][:]  # a list: a datasets Column is iterated row by row, slowly
    folds = fold_of(column, k, seed)
    for fold in range(k):
        test = [i for i, d in enumerate(column) if folds[d] == fold]
        train = [i for i, d in enumerate(column) if folds[d] != fold]
        yield dataset.select(train), dataset.select(test)


def fold_of(doc_ids: Iterable[str], k: int, seed: int = 0) -> dict[str, int]:
    """The fold (0 to ``k - 1``) of each article: the distinct ids in the order of the SHA-1 of
    ``f"{seed}:{doc_id}"``, dealt round-robin, so that the folds are fixed by the seed and differ
    in size by at most one article.

    Raises:
        ValueError: ``k`` below 2, or fewer articles than folds.

    Example:
        >>> fold_of(["a", "b", "c", "a"], k=2)
        {'a': 0, 'b': 1, 'c': 0}
    """
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    docs = sorted(set(doc_ids), key=lambda d: hashlib.sha1(f"{seed}:{d}".encode()).hexdigest())
    if len(docs) < k:
        raise ValueError(f"{len(docs)} articles cannot make {k} folds")
    return {doc: i % k for i, doc in enumerate(docs)}
