"""framing's classification metric for `evaluate`: macro-F1, per-class precision, recall and F1,
F_avg, accuracy and the confusion matrix (scikit-learn's), with percentile-bootstrap confidence
intervals that resample whole articles (``groups``) with ``scipy.stats.bootstrap``.

Load it offline with ``evaluate.load(str(framing.training.metric.METRIC_PATH))``, or with the path
of this folder. It is :func:`framing.training.metric.classification_scores`, which training calls
directly.

F_avg is the mean F1 of the classes named in ``f_avg_labels`` (SemEval-2016 Task 6 stance uses
the two non-neutral classes: ``["supportive", "critical"]``).
"""

from __future__ import annotations

import datasets
import evaluate

from framing.training.metric import classification_scores

_DESCRIPTION = __doc__

_KWARGS = """
Args:
    predictions (list of str): predicted labels.
    references (list of str): gold labels.
    labels (list of str, optional): the label set, in the order of the confusion matrix; by default
        the sorted union of predictions and references. Macro-F1 averages over all of it (a
        label absent from both counts as F1 0, as in scikit-learn with ``labels=``).
    f_avg_labels (list of str, optional): the classes averaged in F_avg.
    groups (list, optional): the article of each row; a bootstrap resample draws whole articles
        (by default every row is its own group).
    bootstrap (int): number of bootstrap resamples for the confidence intervals (0: none).
    confidence (float): confidence level of the intervals, 0.95 by default.
    seed (int): seed of the resampling.
Returns:
    macro_f1, accuracy, f_avg (when f_avg_labels is given), per_class ({label: {precision, recall,
    f1, support}}), confusion_matrix (rows: gold, columns: predicted, in ``labels`` order), labels,
    n, and, with bootstrap > 0 and two groups or more, ci ({metric: [low, high]}) for macro_f1,
    accuracy and f_avg, with confidence, bootstrap and interval.
"""


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
        groups=None,
        bootstrap=0,
        confidence=0.95,
        seed=0,
    ):
        return classification_scores(
            predictions,
            references,
            labels=labels,
            f_avg_labels=f_avg_labels,
            groups=groups,
            bootstrap=bootstrap,
            confidence=confidence,
            seed=seed,
        )
