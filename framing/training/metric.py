"""The classification metric of every evaluation: scikit-learn's scores, with percentile-bootstrap
intervals that resample whole articles.

Macro-F1, per-class precision, recall and F1, F_avg, accuracy and the confusion matrix come from
scikit-learn's metric functions. The intervals come from ``scipy.stats.bootstrap``
(``method="percentile"``) over *groups* of rows: the articles. The sentences of one article, and
the mentions of one sentence, are not independent draws, so resampling rows one by one would give
intervals that are too narrow; a resample here draws articles with replacement and scores all of
their rows together. Without groups every row is its own group (the ordinary bootstrap).

The same metric is an ``evaluate`` module (``framing/metrics/classification``, loaded with
``evaluate.load(str(METRIC_PATH))``), which calls :func:`classification_scores`.

Example:
    >>> scores = classification_scores(
    ...     ["news", "opinion", "news", "news"], ["news", "opinion", "opinion", "news"],
    ...     labels=["news", "opinion"], groups=["a", "a", "b", "b"])
    >>> round(scores["macro_f1"], 3), scores["confusion_matrix"]
    (0.733, [[2, 0], [1, 1]])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "INTERVAL",
    "METRIC_PATH",
    "calibration_error",
    "classification_scores",
    "expected_calibration_error",
]

# the evaluate module that wraps classification_scores (package data of framing)
METRIC_PATH = Path(__file__).resolve().parents[1] / "metrics" / "classification"
# how the intervals are computed, as metrics.json records it
INTERVAL = "percentile bootstrap over articles"
# the metrics that get an interval, in the order of the bootstrap statistic's output
WITH_INTERVAL = ("macro_f1", "accuracy", "f_avg")


def classification_scores(
    predictions: Sequence[str],
    references: Sequence[str],
    labels: Sequence[str] | None = None,
    f_avg_labels: Sequence[str] | None = None,
    groups: Sequence[Any] | None = None,
    bootstrap: int = 0,
    confidence: float = 0.95,
    seed: int = 0,
) -> dict[str, Any]:
    """Scores of predicted against gold labels, with intervals from resampling ``groups``.

    Args:
        predictions: predicted labels, one per row.
        references: gold labels, one per row.
        labels: the label set, in the order of the confusion matrix; by default the sorted union
            of predictions and references. Macro-F1 averages over all of it (a label absent from
            both counts as F1 0, as in scikit-learn with ``labels=``).
        f_avg_labels: the classes averaged in F_avg (SemEval-2016 Task 6 stance averages the
            two non-neutral ones: ``["supportive", "critical"]``).
        groups: the article (any hashable id) of each row; a bootstrap resample draws whole
            groups. By default every row is its own group.
        bootstrap: number of bootstrap resamples (0: no intervals).
        confidence: confidence level of the intervals.
        seed: seed of the resampling.

    Returns:
        ``macro_f1``, ``accuracy``, ``f_avg`` (with ``f_avg_labels``), ``per_class`` ({label:
        {precision, recall, f1, support}}), ``confusion_matrix`` (rows gold, columns predicted,
        in ``labels`` order), ``labels``, ``n``; with ``bootstrap`` > 0 and at least two
        groups, also ``ci`` ({metric: [low, high]} for macro_f1, accuracy and f_avg),
        ``confidence``, ``bootstrap`` and ``interval`` (how the intervals were computed).

    Raises:
        ValueError: no rows, rows of different lengths, or a label outside ``labels`` (named).
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    predictions, references = list(predictions), list(references)
    if len(predictions) != len(references):
        raise ValueError(
            f"{len(predictions)} predictions for {len(references)} references: one each per row"
        )
    if not references:
        raise ValueError("nothing to score: no predictions and references")
    labels = list(labels) if labels is not None else sorted(set(predictions) | set(references))
    unknown = sorted((set(predictions) | set(references)) - set(labels))
    if unknown:
        raise ValueError(f"labels {unknown} are not in the label set {labels}")
    f_avg_idx = [labels.index(label) for label in (f_avg_labels or []) if label in labels]
    precision, recall, f1, support = precision_recall_fscore_support(
        references, predictions, labels=labels, zero_division=0
    )
    result: dict[str, Any] = {
        "macro_f1": float(np.mean(f1)),  # over the whole label set, as f1_score(labels=...)
        "accuracy": float(accuracy_score(references, predictions)),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusion_matrix": confusion_matrix(references, predictions, labels=labels).tolist(),
        "labels": labels,
        "n": len(references),
    }
    if f_avg_labels:
        result["f_avg"] = float(np.mean(f1[f_avg_idx])) if f_avg_idx else None
    if bootstrap:
        groups = list(range(len(references))) if groups is None else list(groups)
        if len(groups) != len(references):
            raise ValueError(f"{len(groups)} groups for {len(references)} rows: one per row")
        ci = _intervals(references, predictions, labels, f_avg_idx, groups,
                        bootstrap, confidence, seed)  # fmt: skip
        if ci is not None:  # None: a single group, nothing to resample
            names = [name for name in WITH_INTERVAL if name in result and result[name] is not None]
            result["ci"] = {name: ci[name] for name in names}
            result.update(confidence=confidence, bootstrap=bootstrap, interval=INTERVAL)
    return result


def _intervals(
    references: list[str],
    predictions: list[str],
    labels: list[str],
    f_avg_idx: list[int],
    groups: list[Any],
    bootstrap: int,
    confidence: float,
    seed: int,
) -> dict[str, list[float]] | None:
    """Percentile-bootstrap intervals of macro-F1, accuracy and F_avg over resampled groups.

    A resample of groups is scored from the sum of their confusion matrices: a group drawn
    twice counts twice, exactly as if its rows were repeated, and no resample goes back to the
    rows. The matrices are counted once, all groups in one pass (one ``confusion_matrix`` call
    per group costs more than the whole bootstrap); their sum over the groups is
    scikit-learn's confusion matrix of all the rows.
    """
    from scipy.stats import bootstrap as scipy_bootstrap

    ids = {g: i for i, g in enumerate(dict.fromkeys(groups))}  # first appearance: stable order
    if len(ids) < 2:
        return None
    k = len(labels)
    index = {label: i for i, label in enumerate(labels)}
    cells = [
        ids[g] * k * k + index[gold] * k + index[pred]
        for g, gold, pred in zip(groups, references, predictions, strict=True)
    ]
    counts = np.bincount(cells, minlength=len(ids) * k * k).reshape(len(ids), k * k)
    counts = counts.astype(float)

    def statistic(drawn: np.ndarray, axis: int = -1) -> np.ndarray:
        # drawn: (resamples, groups) indices of the groups in each resample
        drawn = np.atleast_2d(drawn)
        resamples = drawn.shape[0]
        # how often each group is drawn in each resample, then the summed confusion matrices
        offsets = np.arange(resamples)[:, None] * len(ids)
        times = np.bincount((offsets + drawn).ravel(), minlength=resamples * len(ids))
        confusion = (times.reshape(resamples, len(ids)) @ counts).reshape(resamples, k, k)
        return np.stack(_summary(confusion, f_avg_idx))

    result = scipy_bootstrap(
        (np.arange(len(ids)),),
        statistic,
        n_resamples=bootstrap,
        confidence_level=confidence,
        method="percentile",
        vectorized=True,
        rng=np.random.default_rng(seed),
    )
    low, high = result.confidence_interval
    return {
        name: [float(low[i]), float(high[i])] for i, name in enumerate(WITH_INTERVAL[: len(low)])
    }


def _summary(confusion: np.ndarray, f_avg_idx: list[int]) -> list[np.ndarray]:
    """Macro-F1, accuracy and (with ``f_avg_idx``) F_avg of a stack of confusion matrices
    ``(..., k, k)``, by scikit-learn's definitions (F1 = 2 tp / (2 tp + fp + fn), 0 when a class
    is neither predicted nor gold, as ``zero_division=0``)."""
    tp = np.diagonal(confusion, axis1=-2, axis2=-1)
    denominator = confusion.sum(axis=-2) + confusion.sum(axis=-1)  # predicted + gold
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    total = confusion.sum(axis=(-2, -1))
    out = [f1.mean(axis=-1), tp.sum(axis=-1) / total]
    if f_avg_idx:
        out.append(f1[..., f_avg_idx].mean(axis=-1))
    return out


def expected_calibration_error(probs: Any, gold_index: Sequence[int], bins: int = 15) -> float:
    """The expected calibration error of predicted distributions: the top-class probability
    (the confidence) against whether the top class is the gold one (:func:`calibration_error`).

    Args:
        probs: ``(n, classes)`` probabilities, one row per item.
        gold_index: the index of each item's gold class.
        bins: equal-width bins of the confidence over [0, 1].

    Example:
        >>> expected_calibration_error([[0.9, 0.1], [0.4, 0.6]], [0, 0], bins=10)
        0.35
    """
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 2 or len(probs) != len(gold_index):
        raise ValueError(f"probabilities of shape {probs.shape} for {len(gold_index)} gold labels")
    correct = probs.argmax(axis=1) == np.asarray(gold_index)
    return calibration_error(probs.max(axis=1), correct, bins)


def calibration_error(confidence: Any, correct: Any, bins: int = 15) -> float:
    """The expected calibration error: items binned by confidence into ``bins`` equal-width
    bins ``(i / bins, (i + 1) / bins]`` (0 in the first), and the mean over the bins, weighted
    by their share of the items, of ``|accuracy - mean confidence|``.

    Raises:
        ValueError: no items, or a different number of confidences and outcomes.
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if len(confidence) != len(correct) or not len(confidence):
        raise ValueError(f"{len(confidence)} confidences for {len(correct)} outcomes")
    which = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    total = 0.0
    for b in np.unique(which):
        inside = which == b
        total += inside.sum() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total / len(confidence))
