"""Family ``tfidf``: TF-IDF word and character n-grams with class-weighted, calibrated logistic
regression; the stance head reads the sentence with its target marked and the words around it.

The sentence view adds *cues* of reported content (:func:`cue_text`: a reporting verb, "according
to", quotation marks, a bare quotation, "he said", a source noun), words of code rather than of
the data, which the mode and reported heads read beside the n-grams. A folder saved before them
(no ``cue`` view in ``vocabulary.json``) is read without them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.models.base import (
    FramingModel,
    Scores,
    marked,
    split_by_example,
    stance_targets,
    window,
)
from framing.models.linear import Heads, TextFeatures
from framing.models.params import (
    AT_LEAST_ONE,
    CALIBRATION_FOLDS,
    NGRAM_RANGE,
    POSITIVE,
    Seeded,
    param,
    validate,
)
from framing.records import Example, as_examples

CUE_VIEW = "cue"

WEIGHTS = "tfidf.npz"
VOCABULARY = "vocabulary.json"


@dataclass(eq=False)
class TfidfModel(FramingModel, Seeded):
    """TF-IDF + logistic regression for mode, reported and target stance.

    Args:
        word_ngrams: the shortest and longest word n-grams, ``[low, high]``.
        char_ngrams: the shortest and longest character n-grams (within words).
        min_df: the fewest sentences a term must occur in to be kept.
        max_features: the most terms kept per view (the most frequent).
        C: the inverse regularisation strength of the logistic regressions.
        calibration_folds: folds of the sigmoid calibration (0: none).
        seed: seeds the calibration folds.

    Example:
        >>> model = TfidfModel().fit(examples)  # doctest: +SKIP
        >>> model.predict([Example("Tehran slammed Washington.", [
        ...     Target(15, 25, actor="united_states")])])  # doctest: +SKIP
    """

    family = "tfidf"
    files = (WEIGHTS, VOCABULARY)

    word_ngrams: list[int] = param(factory=lambda: [1, 2], rule=NGRAM_RANGE)
    char_ngrams: list[int] = param(factory=lambda: [2, 5], rule=NGRAM_RANGE)
    min_df: int = param(1, rule=AT_LEAST_ONE)
    max_features: int = param(50_000, rule=AT_LEAST_ONE)
    C: float = param(4.0, rule=POSITIVE)
    calibration_folds: int = param(3, rule=CALIBRATION_FOLDS)

    def __post_init__(self) -> None:
        # a tuple is taken as before; framing.json holds a list
        if isinstance(self.word_ngrams, tuple):
            self.word_ngrams = list(self.word_ngrams)
        if isinstance(self.char_ngrams, tuple):
            self.char_ngrams = list(self.char_ngrams)
        validate(self)
        self._build()

    def _build(self) -> None:
        word = {
            "analyzer": "word",
            "ngram_range": tuple(self.word_ngrams),
            "min_df": self.min_df,
            "max_features": self.max_features,
            "sublinear_tf": True,
            "lowercase": True,
            "token_pattern": r"(?u)\[/?T\]|\b\w+\b",
        }
        char = {
            "analyzer": "char_wb",
            "ngram_range": tuple(self.char_ngrams),
            "min_df": self.min_df,
            "max_features": self.max_features,
            "sublinear_tf": True,
        }
        cue = {"analyzer": "word", "lowercase": False, "sublinear_tf": True}
        self.cues = True  # False for a folder saved before the cue view
        self.sentence_features = TextFeatures({"word": word, "char": char, CUE_VIEW: cue})
        self.target_features = TextFeatures({"word": word, "char": char, "window": word})
        self.heads = Heads(self.modes, self.stance_labels, C=self.C,
                           calibration_folds=self.calibration_folds, seed=self.seed)  # fmt: skip

    def _sentence_views(self, examples: Sequence[Example]) -> dict[str, list[str]]:
        texts = [ex.text for ex in examples]
        views = {"word": texts, "char": texts}
        if self.cues:
            views[CUE_VIEW] = [cue_text(text) for text in texts]
        return views

    @staticmethod
    def _target_views(examples: Sequence[Example]) -> dict[str, list[str]]:
        targets = stance_targets(examples)
        full = [marked(examples[i].text, m.start, m.end) for i, m in targets]
        near = [window(examples[i].text, m.start, m.end) for i, m in targets]
        return {"word": full, "char": full, "window": near}

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> TfidfModel:
        examples = as_examples(examples)
        self._build()
        X = self.sentence_features.fit_transform(self._sentence_views(examples))
        targets = stance_targets(examples)
        T = self.target_features.fit_transform(self._target_views(examples)) if targets else None
        self.heads.fit(X, T, examples)
        self.fit_speaker(examples)
        return self

    @property
    def notes(self) -> list[str]:
        return self.heads.notes

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        examples = as_examples(examples)
        X = self.sentence_features.transform(self._sentence_views(examples))
        targets = stance_targets(examples)
        T = None
        if targets and self.heads.stance.classes:
            T = self.target_features.transform(self._target_views(examples))
        mode, reported, rows = self.heads.proba(X, T, len(targets))
        return Scores(mode=mode, reported=reported, stances=split_by_example(rows, examples),
                      speaker=self.speaker_scores(examples))  # fmt: skip

    def _save(self, directory: Path) -> None:
        features = [("sentence", self.sentence_features)]
        if self.heads.stance.classes:  # trained on at least one mention
            features.append(("target", self.target_features))
        arrays = self.heads.to_arrays()
        for name, part in features:
            arrays.update(part.to_arrays(name))
        np.savez_compressed(directory / WEIGHTS, **arrays)
        vocabulary = {name: part.to_json() for name, part in features}
        (directory / VOCABULARY).write_text(
            json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8"
        )

    def _load(self, directory: Path) -> None:
        """Read ``tfidf.npz`` and ``vocabulary.json``, checked against each other.

        Raises:
            framing.ModelError: a file that cannot be read, is truncated, holds non-finite
                weights, or whose arrays do not fit the vocabulary and labels (named).
        """
        from framing.models.errors import ModelError
        from framing.models.files import read_json, read_npz

        self._build()
        weights, vocabulary_file = directory / WEIGHTS, directory / VOCABULARY
        arrays = read_npz(weights)
        vocabulary = read_json(vocabulary_file)
        sentence = vocabulary.get("sentence") if isinstance(vocabulary, dict) else None
        if isinstance(sentence, dict) and CUE_VIEW not in sentence:  # saved before the cues
            specs = {k: v for k, v in self.sentence_features.specs.items() if k != CUE_VIEW}
            self.sentence_features, self.cues = TextFeatures(specs), False
        problem = _vocabulary_problem(vocabulary, self.sentence_features, self.target_features)
        if problem:
            raise ModelError(f"{vocabulary_file}: {problem}")
        stance = "stance.classes" in arrays or "stance.coef" in arrays
        if stance != ("target" in vocabulary):
            raise ModelError(
                f"{weights}: {'a' if stance else 'no'} stance head, but {VOCABULARY} has "
                f"{'no' if stance else 'a'} 'target' vocabulary: the two files do not belong "
                "together"
            )
        try:
            self.sentence_features.load(vocabulary["sentence"], arrays, "sentence")
            mentions = None
            if "target" in vocabulary:
                self.target_features.load(vocabulary["target"], arrays, "target")
                mentions = self.target_features.width
            self.heads.from_arrays(arrays, self.sentence_features.width, mentions)
        except ValueError as err:
            raise ModelError(f"{weights}: {err}") from None


def _vocabulary_problem(vocabulary: dict[str, Any], *features: TextFeatures) -> str | None:
    """What is wrong with ``vocabulary.json``: a part or view missing or unknown, or a view that
    is not a list of distinct strings; None when nothing is."""
    parts = {"sentence": features[0], "target": features[1]}
    unknown = sorted(set(vocabulary) - set(parts))
    if unknown or "sentence" not in vocabulary:
        return f"expected the parts 'sentence' and, optionally, 'target'; got {sorted(vocabulary)}"
    for part, views in vocabulary.items():
        expected = sorted(parts[part].specs)
        if not isinstance(views, dict) or sorted(views) != expected:
            got = sorted(views) if isinstance(views, dict) else type(views).__name__
            return f"part {part!r} must hold the views {expected}, got {got}"
        for view, terms in views.items():
            if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
                return f"{part}.{view} must be a list of strings"
            if len(set(terms)) != len(terms):
                return f"{part}.{view} repeats terms"
    return None


def cue_text(text: str) -> str:
    """The cue words of a sentence, for the sentence view's ``cue`` column: ``cueverb`` (a
    reporting verb), ``cueaccording`` ("according"), ``cuequote`` (a quotation mark),
    ``cuequoteonly`` (a bare quotation), ``cuepronounverb`` ("he said"), ``cuesource`` (an
    analyst, a newspaper); ``cuenone`` when none holds.

    Example:
        >>> cue_text("“We will not,” he said.")
        'cueverb cuequote cuepronounverb'
    """
    from framing.models import speaker_cues

    words = speaker_cues._words(text)
    cues = [
        ("cueverb", any(w in speaker_cues.REPORTING_VERBS for w in words)),
        ("cueaccording", "according" in words),
        ("cuequote", any(q in text for q in '"“”‘’')),
        ("cuequoteonly", speaker_cues._quote_only(text)),
        ("cuepronounverb", speaker_cues._pronoun_verb(words)),
        ("cuesource", any(w in speaker_cues.SOURCE_NOUNS for w in words)),
    ]
    return " ".join(name for name, holds in cues if holds) or "cuenone"
