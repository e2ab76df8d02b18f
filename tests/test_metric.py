from __future__ import annotations

import evaluate
import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from framing.training.train import METRIC_PATH

LABELS = ["neutral", "supportive", "critical"]


@pytest.fixture(scope="module")
def metric():
    return evaluate.load(str(METRIC_PATH))


def sample(n: int = 200, seed: int = 1) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    gold = rng.choice(LABELS, n, p=[0.7, 0.2, 0.1])
    pred = np.where(rng.random(n) < 0.6, gold, rng.choice(LABELS, n))
    return list(pred), list(gold)


def test_matches_scikit_learn(metric) -> None:
    pred, gold = sample()
    result = metric.compute(predictions=pred, references=gold, labels=LABELS,
                            f_avg_labels=["supportive", "critical"])  # fmt: skip
    assert result["macro_f1"] == pytest.approx(f1_score(gold, pred, labels=LABELS, average="macro"))
    assert result["accuracy"] == pytest.approx(accuracy_score(gold, pred))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=LABELS, zero_division=0)
    for i, label in enumerate(LABELS):
        assert result["per_class"][label]["precision"] == pytest.approx(p[i])
        assert result["per_class"][label]["recall"] == pytest.approx(r[i])
        assert result["per_class"][label]["f1"] == pytest.approx(f[i])
        assert result["per_class"][label]["support"] == s[i]
    assert result["f_avg"] == pytest.approx((f[1] + f[2]) / 2)
    assert result["confusion_matrix"] == confusion_matrix(gold, pred, labels=LABELS).tolist()


def test_bootstrap_interval_is_seeded_and_brackets_the_estimate(metric) -> None:
    pred, gold = sample()
    a = metric.compute(predictions=pred, references=gold, labels=LABELS, bootstrap=300, seed=3)
    b = metric.compute(predictions=pred, references=gold, labels=LABELS, bootstrap=300, seed=3)
    assert a["ci"] == b["ci"]
    low, high = a["ci"]["macro_f1"]
    assert low < a["macro_f1"] < high
    narrow = metric.compute(predictions=pred, references=gold, labels=LABELS, bootstrap=300,
                            confidence=0.5, seed=3)  # fmt: skip
    assert narrow["ci"]["macro_f1"][0] > low and narrow["ci"]["macro_f1"][1] < high


def test_unknown_label_is_named(metric) -> None:
    with pytest.raises(ValueError, match="hostile"):
        metric.compute(predictions=["hostile"], references=["neutral"], labels=LABELS)


def test_macro_f1_averages_over_the_whole_label_set(metric) -> None:
    """A label absent from gold and predictions counts as F1 0, as in scikit-learn."""
    result = metric.compute(predictions=["news"] * 4, references=["news"] * 4,
                            labels=["news", "opinion"])  # fmt: skip
    assert result["macro_f1"] == pytest.approx(
        f1_score(["news"] * 4, ["news"] * 4, labels=["news", "opinion"], average="macro",
                 zero_division=0)
    )  # fmt: skip
    assert result["macro_f1"] == pytest.approx(0.5)
