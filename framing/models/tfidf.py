"""Family ``tfidf``: TF-IDF word and character n-grams with class-weighted, calibrated logistic
regression; the stance head reads the sentence with its target marked and the words around it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .base import FramingModel, Scores, marked, split_by_example, stance_targets, window
from .linear import LinearHead, TextFeatures

WEIGHTS = "tfidf.npz"
VOCABULARY = "vocabulary.json"


class TfidfModel(FramingModel):
    """TF-IDF + logistic regression for mode, reported and target stance.

    Example:
        >>> model = TfidfModel().fit(examples)  # doctest: +SKIP
        >>> model.predict([{"text": "Tehran slammed Washington.", "mentions": [
        ...     {"start": 15, "end": 25, "actor": "united_states"}]}])  # doctest: +SKIP
    """

    family = "tfidf"

    def __init__(self, word_ngrams: Sequence[int] = (1, 2), char_ngrams: Sequence[int] = (2, 5),
                 min_df: int = 1, max_features: int = 50_000, C: float = 4.0,
                 calibration_folds: int = 3, seed: int = 0) -> None:  # fmt: skip
        self.word_ngrams = list(word_ngrams)
        self.char_ngrams = list(char_ngrams)
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.calibration_folds = calibration_folds
        self.seed = seed
        self._build()

    def params(self) -> dict[str, Any]:
        return {
            "word_ngrams": self.word_ngrams,
            "char_ngrams": self.char_ngrams,
            "min_df": self.min_df,
            "max_features": self.max_features,
            "C": self.C,
            "calibration_folds": self.calibration_folds,
            "seed": self.seed,
        }

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
        self.sentence_features = TextFeatures({"word": word, "char": char})
        self.target_features = TextFeatures({"word": word, "char": char, "window": word})
        head = {"C": self.C, "calibration_folds": self.calibration_folds, "seed": self.seed}
        self.mode_head = LinearHead(self.modes, **head)
        self.reported_head = LinearHead(["false", "true"], **head)
        self.stance_head = LinearHead(self.stance_labels, **head)

    @staticmethod
    def _sentence_views(examples: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
        texts = [ex["text"] for ex in examples]
        return {"word": texts, "char": texts}

    @staticmethod
    def _target_views(examples: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
        targets = stance_targets(examples)
        full = [marked(examples[i]["text"], m["start"], m["end"]) for i, m in targets]
        near = [window(examples[i]["text"], m["start"], m["end"]) for i, m in targets]
        return {"word": full, "char": full, "window": near}

    def fit(self, examples: Sequence[dict[str, Any]]) -> TfidfModel:
        self._build()
        X = self.sentence_features.fit_transform(self._sentence_views(examples))
        self.mode_head.fit(X, [ex["mode"] for ex in examples])
        self.reported_head.fit(X, [str(ex["reported"]).lower() for ex in examples])
        targets = stance_targets(examples)
        if targets:
            T = self.target_features.fit_transform(self._target_views(examples))
            self.stance_head.fit(T, [m["stance"] for _, m in targets])
        else:
            self.stance_head.notes.append("no mentions in training: stance predicted uniform")
        return self

    @property
    def notes(self) -> list[str]:
        return self.mode_head.notes + self.reported_head.notes + self.stance_head.notes

    def scores(self, examples: Sequence[dict[str, Any]]) -> Scores:
        X = self.sentence_features.transform(self._sentence_views(examples))
        mode = self.mode_head.proba(X)
        reported = self.reported_head.proba(X)[:, 1]
        targets = stance_targets(examples)
        if targets and self.stance_head.classes:
            views = self._target_views(examples)
            rows = self.stance_head.proba(self.target_features.transform(views))
        else:  # no mentions, or no stance seen in training: uniform
            rows = np.full((len(targets), len(self.stance_labels)), 1 / len(self.stance_labels))
        return Scores(mode=mode, reported=reported, stances=split_by_example(rows, examples))

    def _save(self, directory: Path) -> None:
        heads = [("mode", self.mode_head), ("reported", self.reported_head)]
        features = [("sentence", self.sentence_features)]
        if self.stance_head.classes:  # trained on at least one mention
            heads.append(("stance", self.stance_head))
            features.append(("target", self.target_features))
        arrays = {}
        for name, part in heads + features:
            arrays.update(part.to_arrays(name))
        np.savez_compressed(directory / WEIGHTS, **arrays)
        vocabulary = {name: part.to_json() for name, part in features}
        (directory / VOCABULARY).write_text(
            json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8"
        )

    def _load(self, directory: Path) -> None:
        self._build()
        with np.load(directory / WEIGHTS, allow_pickle=False) as arrays:
            arrays = dict(arrays)
        vocabulary = json.loads((directory / VOCABULARY).read_text(encoding="utf-8"))
        self.sentence_features.load(vocabulary["sentence"], arrays, "sentence")
        self.mode_head.from_arrays(arrays, "mode")
        self.reported_head.from_arrays(arrays, "reported")
        if "target" in vocabulary:
            self.target_features.load(vocabulary["target"], arrays, "target")
            self.stance_head.from_arrays(arrays, "stance")
