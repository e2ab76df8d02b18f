from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from framing.training.metric import INTERVAL, METRIC_PATH, _summary, classification_scores

LABELS = ["neutral", "supportive", "critical"]


def sample(n: int = 200, seed: int = 1) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    gold = rng.choice(LABELS, n, p=[0.7, 0.2, 0.1])
    pred = np.where(rng.random(n) < 0.6, gold, rng.choice(LABELS, n))
    return list(pred), list(gold)


def articles(n_articles: int = 8, per_article: int = 25, seed: int = 2):
    """Rows that hang together by article, as the sentences of one article do: each article is
    mostly right or mostly wrong."""
    rng = np.random.default_rng(seed)
    pred, gold, docs = [], [], []
    for a in range(n_articles):
        right = 0.9 if a % 2 else 0.3
        g = rng.choice(LABELS, per_article, p=[0.6, 0.25, 0.15])
        p = np.where(rng.random(per_article) < right, g, rng.choice(LABELS, per_article))
        pred += list(p)
        gold += list(g)
        docs += [f"doc{a}"] * per_article
    return pred, gold, docs


def test_scores_are_scikit_learns() -> None:
    pred, gold = sample()
    result = classification_scores(pred, gold, labels=LABELS,
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
    assert "ci" not in result  # no bootstrap asked for


def test_the_bootstrap_statistic_agrees_with_scikit_learn() -> None:
    """The statistic scores a resample from summed confusion matrices: on any confusion matrix
    it must give scikit-learn's macro-F1, accuracy and F_avg of the rows behind it."""
    for seed in range(5):
        pred, gold = sample(n=60, seed=seed)
        pred[:3] = ["neutral"] * 3  # and a class that may go unpredicted
        cm = confusion_matrix(gold, pred, labels=LABELS).astype(float)
        macro, accuracy, f_avg = _summary(cm[None], [1, 2])
        f = f1_score(gold, pred, labels=LABELS, average=None, zero_division=0)
        assert macro[0] == pytest.approx(f.mean(), abs=1e-12)
        assert accuracy[0] == pytest.approx(accuracy_score(gold, pred), abs=1e-12)
        assert f_avg[0] == pytest.approx(f[1:].mean(), abs=1e-12)


def test_intervals_are_seeded_and_bracket_the_estimate() -> None:
    pred, gold, docs = articles()
    a = classification_scores(pred, gold, LABELS, groups=docs, bootstrap=300, seed=3)
    b = classification_scores(pred, gold, LABELS, groups=docs, bootstrap=300, seed=3)
    assert a["ci"] == b["ci"] and a["interval"] == INTERVAL
    low, high = a["ci"]["macro_f1"]
    assert low < a["macro_f1"] < high
    narrow = classification_scores(pred, gold, LABELS, groups=docs, bootstrap=300,
                                   confidence=0.5, seed=3)  # fmt: skip
    assert narrow["ci"]["macro_f1"][0] > low and narrow["ci"]["macro_f1"][1] < high
    other = classification_scores(pred, gold, LABELS, groups=docs, bootstrap=300, seed=4)
    assert other["ci"] != a["ci"]


def test_resampling_articles_widens_intervals_of_correlated_rows() -> None:
    """Rows of one article are right or wrong together: drawing whole articles shows that
    spread, drawing rows one by one hides it."""
    pred, gold, docs = articles()
    by_article = classification_scores(pred, gold, LABELS, groups=docs, bootstrap=500, seed=0)
    by_row = classification_scores(pred, gold, LABELS, bootstrap=500, seed=0)
    for name in ("macro_f1", "accuracy"):
        width_articles = np.diff(by_article["ci"][name])[0]
        width_rows = np.diff(by_row["ci"][name])[0]
        assert width_articles > 1.5 * width_rows


def test_a_resample_scores_every_row_of_the_articles_drawn() -> None:
    """Two articles, one all right and one all wrong: a resample draws {A, A}, {A, B} or
    {B, B}, so accuracy takes only the values 1, 1/2 and 0, in proportions about 1:2:1."""
    pred = ["news"] * 5 + ["news"] * 3
    gold = ["news"] * 5 + ["opinion"] * 3
    docs = ["a"] * 5 + ["b"] * 3
    result = classification_scores(pred, gold, ["news", "opinion"], groups=docs,
                                   bootstrap=400, seed=0)  # fmt: skip
    assert result["ci"]["accuracy"] == [0.0, 1.0]
    # a row bootstrap of the same 8 rows almost never reaches 0 or 1
    rows = classification_scores(pred, gold, ["news", "opinion"], bootstrap=400, seed=0)
    assert rows["ci"]["accuracy"][0] > 0.0 and rows["ci"]["accuracy"][1] < 1.0


def test_articles_alike_give_a_point_interval_at_the_estimate() -> None:
    """Four copies of one article: every resample holds the same mix of rows, so every
    resample's score is the full sample's, scikit-learn's."""
    pred, gold = sample(n=30)
    result = classification_scores(pred * 4, gold * 4, LABELS, ["supportive", "critical"],
                                   groups=[g for g in "abcd" for _ in range(30)],
                                   bootstrap=50)  # fmt: skip
    for name in ("macro_f1", "accuracy", "f_avg"):
        assert result["ci"][name] == pytest.approx([result[name]] * 2, abs=1e-12)


def test_one_article_gives_no_interval() -> None:
    result = classification_scores(["news", "opinion"], ["news", "news"], ["news", "opinion"],
                                   groups=["a", "a"], bootstrap=100)  # fmt: skip
    assert "ci" not in result and result["accuracy"] == 0.5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"predictions": ["hostile"], "references": ["neutral"]}, "hostile"),
        ({"predictions": [], "references": []}, "nothing to score"),
        ({"predictions": ["neutral"], "references": ["neutral"] * 2}, "1 predictions for 2"),
        (
            {"predictions": ["neutral"] * 2, "references": ["neutral"] * 2, "groups": ["a"],
             "bootstrap": 10},
            "1 groups for 2 rows",
        ),
    ],
)  # fmt: skip
def test_bad_input_is_named(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classification_scores(labels=LABELS, **kwargs)


def test_macro_f1_averages_over_the_whole_label_set() -> None:
    """A label absent from gold and predictions counts as F1 0, as in scikit-learn."""
    result = classification_scores(["news"] * 4, ["news"] * 4, labels=["news", "opinion"])
    assert result["macro_f1"] == pytest.approx(
        f1_score(["news"] * 4, ["news"] * 4, labels=["news", "opinion"], average="macro",
                 zero_division=0)
    )  # fmt: skip
    assert result["macro_f1"] == pytest.approx(0.5)


@pytest.mark.slow
def test_the_evaluate_module_is_the_same_metric() -> None:
    evaluate = pytest.importorskip("evaluate")
    metric = evaluate.load(str(METRIC_PATH))
    pred, gold, docs = articles()
    kwargs = {"labels": LABELS, "f_avg_labels": ["supportive", "critical"], "bootstrap": 50}
    got = metric.compute(predictions=pred, references=gold, groups=docs, **kwargs)
    assert got == classification_scores(pred, gold, groups=docs, **kwargs)
    with pytest.raises(ValueError, match="hostile"):
        metric.compute(predictions=["hostile"], references=["neutral"], labels=LABELS)


def test_expected_calibration_error_of_a_hand_computed_case() -> None:
    from framing.training.metric import calibration_error, expected_calibration_error

    probs = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.45, 0.55], [1.0, 0.0]]
    gold = [0, 1, 1, 0, 0]
    # 15 bins of width 1/15: 0.9 and 0.8 fall in bins 13 and 11 (0.8 * 15 = 12: (11/15, 12/15]),
    # 0.7 in bin 10, 0.55 in bin 8, 1.0 in the last bin
    # |1 - 0.9| + |0 - 0.8| + |1 - 0.7| + |0 - 0.55| + |1 - 1.0| = 0.1 + 0.8 + 0.3 + 0.55 + 0
    expected = (0.1 + 0.8 + 0.3 + 0.55) / 5
    assert expected_calibration_error(probs, gold) == pytest.approx(expected)
    # two items in one bin: |mean accuracy - mean confidence| weighted by their share
    assert calibration_error([0.62, 0.64], [True, False], bins=2) == pytest.approx(0.13)
    assert expected_calibration_error([[0.5, 0.5]] * 4, [0, 0, 0, 0], bins=15) == 0.5
    with pytest.raises(ValueError, match="gold labels"):
        expected_calibration_error([[0.5, 0.5]], [0, 1])
