"""framing's classification metric for `evaluate`: macro-F1, per-class precision, recall and F1,
F_avg, accuracy and the confusion matrix, with percentile-bootstrap confidence intervals.

Load it offline with ``evaluate.load(framing.evaluation.METRIC_PATH)``, or with the path of this
folder.

F_avg is the mean F1 of the classes named in ``f_avg_labels`` (SemEval-2016 Task 6 stance uses
the two non-neutral classes: ``["supportive", "critical"]``).
"""

from __future__ import annotations

import datasets
import evaluate
import numpy as np

_DESCRIPTION = __doc__

_KWARGS = """
Args:
    predictions (list of str): predicted labels.
    references (list of str): gold labels.
    labels (list of str, optional): the label set, in the order of the confusion matrix; by default
        the sorted union of predictions and references. Macro-F1 averages over all of it (a
        label absent from both counts as F1 0, as in scikit-learn with ``labels=``).
    f_avg_labels (list of str, optional): the classes averaged in F_avg.
    bootstrap (int): number of bootstrap resamples for the confidence intervals (0: none).
    confidence (float): confidence level of the intervals, 0.95 by default.
    seed (int): seed of the resampling.
Returns:
    macro_f1, accuracy, f_avg (when f_avg_labels is given), per_class ({label: {precision, recall,
    f1, support}}), confusion_matrix (rows: gold, columns: predicted, in ``labels`` order), labels,
    n, and, with bootstrap > 0, ci ({metric: [low, high]}) for macro_f1, accuracy and f_avg.
"""


def _scores(gold, pred, k, f_avg_idx):
    """Macro-F1, accuracy and F_avg of integer label arrays (k classes)."""
    confusion = np.bincount(gold * k + pred, minlength=k * k).reshape(k, k)
    tp = np.diag(confusion).astype(float)
    predicted = confusion.sum(axis=0)
    actual = confusion.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros(k), where=actual > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros(k), where=denom > 0)
    macro = float(f1.mean()) if k else 0.0  # over every label of the label set
    accuracy = float(tp.sum() / max(len(gold), 1))
    f_avg = float(f1[f_avg_idx].mean()) if len(f_avg_idx) else None
    return confusion, precision, recall, f1, actual, macro, accuracy, f_avg


class Classification(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS,
            features=datasets.Features(
                {"predictions": datasets.Value("string"), "references": datasets.Value("string")}
            ),
        )

    def _compute(
        self,
        predictions,
        references,
        labels=None,
        f_avg_labels=None,
        bootstrap=0,
        confidence=0.95,
        seed=0,
    ):
        labels = list(labels) if labels is not None else sorted(set(predictions) | set(references))
        index = {label: i for i, label in enumerate(labels)}
        unknown = sorted((set(predictions) | set(references)) - set(index))
        if unknown:
            raise ValueError(f"labels {unknown} are not in the label set {labels}")
        k = len(labels)
        gold = np.array([index[r] for r in references], dtype=np.int64)
        pred = np.array([index[p] for p in predictions], dtype=np.int64)
        f_avg_idx = [index[label] for label in (f_avg_labels or []) if label in index]
        confusion, precision, recall, f1, support, macro, accuracy, f_avg = _scores(
            gold, pred, k, f_avg_idx
        )
        result = {
            "macro_f1": macro,
            "accuracy": accuracy,
            "per_class": {
                label: {
                    "precision": float(precision[i]),
                    "recall": float(recall[i]),
                    "f1": float(f1[i]),
                    "support": int(support[i]),
                }
                for label, i in index.items()
            },
            "confusion_matrix": confusion.tolist(),
            "labels": labels,
            "n": len(gold),
        }
        if f_avg_labels:
            result["f_avg"] = f_avg
        if bootstrap and len(gold):
            rng = np.random.default_rng(seed)
            samples = {"macro_f1": [], "accuracy": [], "f_avg": []}
            for _ in range(bootstrap):
                pick = rng.integers(0, len(gold), len(gold))
                *_, m, a, fa = _scores(gold[pick], pred[pick], k, f_avg_idx)
                samples["macro_f1"].append(m)
                samples["accuracy"].append(a)
                if fa is not None:
                    samples["f_avg"].append(fa)
            tail = (1 - confidence) / 2 * 100
            result["ci"] = {
                name: [float(np.percentile(v, tail)), float(np.percentile(v, 100 - tail))]
                for name, v in samples.items()
                if v
            }
            result["confidence"] = confidence
            result["bootstrap"] = bootstrap
        return result
