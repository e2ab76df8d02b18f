"""Each benchmark's official metrics, checked against scikit-learn on hand-counted predictions."""

from __future__ import annotations

from pathlib import Path

import pytest
from public_rows import ANNOTATED, CT_HEADER, target, write_jsonl, write_tsv
from sklearn.metrics import accuracy_score, f1_score

from framing.labels import STANCES
from framing.models.baselines import KeywordBaseline
from framing.public.benchmarks import read_benchmark, score_benchmark


def test_newsmtsc_score_is_macro_f1_over_the_three_classes(tmp_path: Path) -> None:
    rows = [  # KeywordBaseline: a cue word within 8 words of the target decides
        target("Leaders praised Alpha warmly.", "Alpha", 1),  # supportive -> supportive
        target("Critics condemned Beta.", "Beta", -1),  # critical -> critical
        target("Gamma visited the town.", "Gamma", 1),  # supportive -> neutral
        target("Delta met officials.", "Delta", 0),  # neutral -> neutral
        target("Epsilon praised Zeta.", "Epsilon", 0),  # neutral -> supportive
        target("Epsilon praised Zeta.", "Zeta", 1),  # supportive -> supportive
    ]
    examples, _ = read_benchmark("newsmtsc", write_jsonl(tmp_path / "n.jsonl", rows))
    model = KeywordBaseline()
    assert [s for p in model.predict(examples) for s in p.stances] == [
        "supportive", "critical", "neutral", "neutral", "supportive", "supportive",
    ]  # fmt: skip
    gold = ["supportive", "critical", "supportive", "neutral", "neutral", "supportive"]
    pred = ["supportive", "critical", "neutral", "neutral", "supportive", "supportive"]
    result = score_benchmark(model, "newsmtsc", examples, batch_size=2)
    assert result["n"] == 6
    assert result["f1m"] == pytest.approx(f1_score(gold, pred, average="macro"))
    assert result["f1m"] == pytest.approx((2 / 3 + 1 + 0.5) / 3)
    assert result["accuracy"] == pytest.approx(accuracy_score(gold, pred)) == pytest.approx(4 / 6)
    assert result["per_class_f1"] == pytest.approx(
        {"neutral": 0.5, "supportive": 2 / 3, "critical": 1.0}
    )
    # a class absent from gold and predictions counts as 0 in F1m (three classes, always)
    only_two = score_benchmark(model, "newsmtsc", examples[:2])
    assert only_two["f1m"] == pytest.approx(2 / 3) and only_two["accuracy"] == 1.0


def test_checkthat_and_annotated_scores(tmp_path: Path) -> None:
    rows = [
        CT_HEADER[:3],
        ["1", "Leaders should resign.", "SUBJ"],  # -> opinion
        ["2", "The vote was held.", "OBJ"],  # -> news
        ["3", "It is clear they lied.", "OBJ"],  # -> opinion
        ["4", "They lied again.", "SUBJ"],  # -> news
        ["5", "Markets closed lower.", "OBJ"],  # -> news
    ]
    examples, _ = read_benchmark("checkthat", write_tsv(tmp_path / "ct.tsv", rows))
    gold = ["opinion", "news", "news", "opinion", "news"]
    pred = ["opinion", "news", "opinion", "news", "news"]
    model = KeywordBaseline()
    assert [p.mode for p in model.predict(examples)] == pred
    result = score_benchmark(model, "checkthat", examples)
    assert result["n"] == 5
    assert result["macro_f1"] == pytest.approx(f1_score(gold, pred, average="macro"))
    assert result["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 2)
    assert result["subj_f1"] == pytest.approx(f1_score(gold, pred, pos_label="opinion"))
    assert result["subj_f1"] == pytest.approx(0.5)
    assert result["accuracy"] == pytest.approx(0.6)

    both = score_benchmark(model, "annotated", ANNOTATED)
    stance_pred = [s for p in model.predict(ANNOTATED) for s in p.stances]
    stance_gold = [m.stance for ex in ANNOTATED for m in ex.mentions]
    assert stance_pred == ["neutral", "supportive", "neutral", "supportive", "neutral", "neutral"]
    expected = f1_score(stance_gold, stance_pred, labels=list(STANCES), average="macro")
    assert both["stance_macro_f1"] == pytest.approx(expected)
    mode_gold = [ex.mode for ex in ANNOTATED]
    mode_pred = [p.mode for p in model.predict(ANNOTATED)]
    assert both["mode_macro_f1"] == pytest.approx(f1_score(mode_gold, mode_pred, average="macro"))
    assert both["stance"]["n"] == 6 and both["mode"]["n"] == 6
    with pytest.raises(ValueError, match="unknown benchmark 'semeval'"):
        score_benchmark(model, "semeval", examples)
