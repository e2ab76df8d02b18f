"""Linear heads and TF-IDF features that save as plain arrays (npz and JSON), never pickle."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.labels import BOOLEAN
from framing.models.counting import CachedCounter
from framing.records import Example

logger = logging.getLogger(__name__)


class LinearHead:
    """Class-weighted logistic regression with sigmoid-calibrated probabilities.

    Calibration (Platt scaling per class, scikit-learn's ``CalibratedClassifierCV`` with
    ``ensemble=False``) is fitted on out-of-fold decisions of the training data only. With fewer
    examples of a class than calibration folds the head stays uncalibrated; with a single class in
    training it predicts that class (both are logged in :attr:`notes`).
    """

    def __init__(self, labels: Sequence[str], *, C: float = 1.0, calibration_folds: int = 3,
                 seed: int = 0) -> None:  # fmt: skip
        self.labels = list(labels)
        self.C = C
        self.calibration_folds = calibration_folds
        self.seed = seed
        self.notes: list[str] = []
        self.classes: list[str] = []
        self.coef = np.zeros((0, 0))
        self.intercept = np.zeros(0)
        self.cal_a: np.ndarray | None = None
        self.cal_b: np.ndarray | None = None

    def fit(self, X: Any, y: Sequence[str]) -> LinearHead:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        counts = {label: list(y).count(label) for label in self.labels}
        self.classes = [label for label in self.labels if counts[label]]
        if not self.classes:
            raise ValueError("no training examples for this head")
        if len(self.classes) == 1:
            self.notes.append(f"single class {self.classes[0]!r} in training: constant prediction")
            logger.warning(self.notes[-1])
            return self
        lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=5000)
        smallest = min(counts[c] for c in self.classes)
        if smallest >= self.calibration_folds >= 2:
            folds = StratifiedKFold(self.calibration_folds, shuffle=True, random_state=self.seed)
            calibrated = CalibratedClassifierCV(lr, method="sigmoid", cv=folds, ensemble=False)
            calibrated.fit(X, list(y))
            inner = calibrated.calibrated_classifiers_[0]
            estimator = inner.estimator
            self.cal_a = np.array([c.a_ for c in inner.calibrators], dtype=np.float64)
            self.cal_b = np.array([c.b_ for c in inner.calibrators], dtype=np.float64)
        else:
            self.notes.append(
                f"{smallest} example(s) of the rarest class: probabilities left uncalibrated"
            )
            estimator = lr.fit(X, list(y))
        assert list(estimator.classes_) == sorted(self.classes)
        self.classes = [str(c) for c in estimator.classes_]
        self.coef = np.asarray(estimator.coef_, dtype=np.float64)
        self.intercept = np.asarray(estimator.intercept_, dtype=np.float64)
        return self

    def proba(self, X: Any) -> np.ndarray:
        """Probabilities over :attr:`labels` (zero for classes absent from training)."""
        from scipy.special import expit, softmax

        n = X.shape[0]
        if not self.classes:  # never fitted: no training example had this task's labels
            return np.full((n, len(self.labels)), 1.0 / len(self.labels))
        out = np.zeros((n, len(self.labels)))
        columns = [self.labels.index(c) for c in self.classes]
        if len(self.classes) == 1:
            out[:, columns[0]] = 1.0
            return out
        decision = np.asarray(X @ self.coef.T) + self.intercept
        if self.cal_a is not None:
            p = expit(-(self.cal_a * decision + self.cal_b))
            if len(self.classes) == 2:
                p = np.hstack([1 - p, p])
            else:
                total = p.sum(axis=1, keepdims=True)
                p = np.divide(p, total, out=np.full_like(p, 1 / p.shape[1]), where=total > 0)
        elif len(self.classes) == 2:
            p1 = expit(decision)
            p = np.hstack([1 - p1, p1])
        else:
            p = softmax(decision, axis=1)
        out[:, columns] = p
        return out

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays = {
            f"{prefix}.coef": self.coef,
            f"{prefix}.intercept": self.intercept,
            f"{prefix}.classes": np.array(self.classes, dtype=str),
        }
        if self.cal_a is not None:
            arrays[f"{prefix}.cal_a"] = self.cal_a
            arrays[f"{prefix}.cal_b"] = self.cal_b
        return arrays

    def from_arrays(self, arrays: Any, prefix: str, features: int | None = None) -> LinearHead:
        """Read the head back from :meth:`to_arrays`'s arrays, checked: its classes are distinct
        labels of this head, and the weights have the shapes those classes and ``features``
        (the width of the inputs, when known) need.

        Raises:
            ValueError: a missing array or a wrong shape, dtype or label (the array named).
        """
        classes = _array(arrays, f"{prefix}.classes", "U", 1)
        self.classes = [str(c) for c in classes]
        unknown = [c for c in self.classes if c not in self.labels]
        if unknown or len(set(self.classes)) != len(self.classes):
            raise ValueError(
                f"array '{prefix}.classes' is {self.classes}: expected distinct labels of "
                f"{self.labels}"
            )
        if len(self.classes) < 2:  # constant or uniform: the weights are not used
            self.coef, self.intercept = np.zeros((0, 0)), np.zeros(0)
            return self
        rows = 1 if len(self.classes) == 2 else len(self.classes)
        self.coef = _array(arrays, f"{prefix}.coef", "fi", 2).astype(np.float64)
        self.intercept = _array(arrays, f"{prefix}.intercept", "fi", 1).astype(np.float64)
        width = self.coef.shape[1] if features is None else features
        _shape(self.coef, f"{prefix}.coef", (rows, width))
        _shape(self.intercept, f"{prefix}.intercept", (rows,))
        calibrated = [f"{prefix}.cal_a" in arrays, f"{prefix}.cal_b" in arrays]
        if any(calibrated) and not all(calibrated):
            raise ValueError(f"arrays '{prefix}.cal_a' and '{prefix}.cal_b' come in pairs")
        if all(calibrated):
            self.cal_a = _array(arrays, f"{prefix}.cal_a", "fi", 1).astype(np.float64)
            self.cal_b = _array(arrays, f"{prefix}.cal_b", "fi", 1).astype(np.float64)
            _shape(self.cal_a, f"{prefix}.cal_a", (rows,))
            _shape(self.cal_b, f"{prefix}.cal_b", (rows,))
        return self


def _array(arrays: Any, key: str, kinds: str, ndim: int) -> np.ndarray:
    """``arrays[key]``, of a dtype kind in ``kinds`` and ``ndim`` dimensions.

    Raises:
        ValueError: missing, or another dtype or number of dimensions.
    """
    if key not in arrays:
        raise ValueError(f"array {key!r} is missing")
    array = np.asarray(arrays[key])
    if array.dtype.kind not in kinds or array.ndim != ndim:
        kind = "text" if kinds == "U" else "numbers"
        raise ValueError(
            f"array {key!r} is {array.dtype} of shape {array.shape}: expected {ndim}-D {kind}"
        )
    return array


def _shape(array: np.ndarray, key: str, shape: tuple[int, ...]) -> None:
    if array.shape != shape:
        raise ValueError(f"array {key!r} has shape {array.shape}, expected {shape}")


class TextFeatures:
    """Several TF-IDF vectorizers side by side, one per input view.

    Fitting is scikit-learn's; ``transform`` counts terms with :class:`CachedCounter` (the same
    matrix, several times faster on character n-grams).
    """

    def __init__(self, specs: dict[str, dict[str, Any]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.specs = specs
        self.vectorizers = {name: TfidfVectorizer(**spec) for name, spec in specs.items()}
        self.counters: dict[str, CachedCounter] = {}

    def fit_transform(self, views: dict[str, list[str]]) -> Any:
        from scipy.sparse import hstack

        matrix = hstack([self.vectorizers[n].fit_transform(views[n]) for n in self.specs]).tocsr()
        self._count_fast()
        return matrix

    def transform(self, views: dict[str, list[str]]) -> Any:
        from scipy.sparse import hstack

        parts = [
            self.counters[n].transform(views[n])
            if n in self.counters
            else self.vectorizers[n].transform(views[n])
            for n in self.specs
        ]
        return hstack(parts, format="csr")

    def _count_fast(self) -> None:
        self.counters = {
            name: CachedCounter(v)
            for name, v in self.vectorizers.items()
            if CachedCounter.supports(v)
        }

    def to_json(self) -> dict[str, Any]:
        return {
            name: list(map(str, v.get_feature_names_out())) for name, v in self.vectorizers.items()
        }

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.{name}.idf": v.idf_ for name, v in self.vectorizers.items()}

    @property
    def width(self) -> int:
        """The number of features (the columns of :meth:`transform`)."""
        return sum(len(v.vocabulary_) for v in self.vectorizers.values())

    def load(self, vocabularies: dict[str, list[str]], arrays: Any, prefix: str) -> TextFeatures:
        """Read the features back from :meth:`to_json` and :meth:`to_arrays`, checked.

        Raises:
            ValueError: a view missing from ``vocabularies``, or an idf array that is missing or
                does not match its vocabulary (named).
        """
        from sklearn.feature_extraction.text import TfidfVectorizer

        for name, spec in self.specs.items():
            if name not in vocabularies:
                raise ValueError(f"no {prefix!r} vocabulary of the {name!r} view")
            terms = vocabularies[name]
            vocabulary = {term: i for i, term in enumerate(terms)}
            idf = _array(arrays, f"{prefix}.{name}.idf", "fi", 1).astype(np.float64)
            if idf.shape != (len(terms),):
                raise ValueError(
                    f"array '{prefix}.{name}.idf' has {idf.size} numbers, but the vocabulary "
                    f"has {len(terms)} {prefix}.{name} terms"
                )
            vectorizer = TfidfVectorizer(**spec, vocabulary=vocabulary)
            vectorizer.idf_ = idf
            self.vectorizers[name] = vectorizer
        self._count_fast()
        return self


class Heads:
    """The three heads of the linear families: mode and reported over sentence features, stance
    over mention features; fitted, scored and saved together."""

    def __init__(self, modes: Sequence[str], stances: Sequence[str], **head: Any) -> None:
        self.mode = LinearHead(modes, **head)
        self.reported = LinearHead(BOOLEAN, **head)
        self.stance = LinearHead(stances, **head)

    @property
    def notes(self) -> list[str]:
        return self.mode.notes + self.reported.notes + self.stance.notes

    def fit(self, sentences: Any, mentions: Any, examples: Sequence[Example]) -> None:
        """``sentences`` has a row per example, ``mentions`` a row per mention (or is None when
        the examples have no mention).

        Examples from a public benchmark may lack a label (``mode`` or ``reported`` is None):
        each head is fitted on the rows that have its label, and left unfitted (uniform
        probabilities) when none has.
        """
        for head, key in ((self.mode, "mode"), (self.reported, "reported")):
            rows = [i for i, ex in enumerate(examples) if getattr(ex, key) is not None]
            if not rows:
                head.notes.append(f"no {key} labels in training: {key} predicted uniform")
                continue
            labels = [getattr(examples[i], key) for i in rows]
            if key == "reported":
                labels = [str(label).lower() for label in labels]
            head.fit(sentences if len(rows) == len(examples) else sentences[rows], labels)
        labels = [m.stance for ex in examples for m in ex.mentions]
        if labels:
            self.stance.fit(mentions, labels)
        else:
            self.stance.notes.append("no mentions in training: stance predicted uniform")

    def proba(self, sentences: Any, mentions: Any, n_mentions: int):
        """Mode probabilities, reported probability and per-mention stance probabilities (uniform
        when no stance was seen in training)."""
        if mentions is None or not self.stance.classes:
            stance = np.full((n_mentions, len(self.stance.labels)), 1.0 / len(self.stance.labels))
        else:
            stance = self.stance.proba(mentions)
        return self.mode.proba(sentences), self.reported.proba(sentences)[:, 1], stance

    def to_arrays(self) -> dict[str, np.ndarray]:
        arrays = {**self.mode.to_arrays("mode"), **self.reported.to_arrays("reported")}
        if self.stance.classes:
            arrays.update(self.stance.to_arrays("stance"))
        return arrays

    def from_arrays(
        self, arrays: Any, sentences: int | None = None, mentions: int | None = None
    ) -> Heads:
        """Read the heads back, checked against the widths of the sentence and mention
        features (when known).

        Raises:
            ValueError: a missing array or a wrong shape, dtype or label (the array named).
        """
        self.mode.from_arrays(arrays, "mode", sentences)
        self.reported.from_arrays(arrays, "reported", sentences)
        if "stance.classes" in arrays or "stance.coef" in arrays:
            self.stance.from_arrays(arrays, "stance", mentions)
        return self
