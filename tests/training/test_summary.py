"""Tests of :mod:`framing.training.summary`: a run ends with its scores in words and a flag for
every score below a baseline."""

from __future__ import annotations

import json
from pathlib import Path

from framing.records import Metrics, from_dict
from framing.training.summary import below_baselines, summary

BUNDLED = Path(__file__).resolve().parents[2] / "framing" / "resources" / "tfidf" / "metrics.json"


def metrics(change=None) -> Metrics:
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    return from_dict(Metrics, data)


def test_every_score_below_a_baseline_is_flagged() -> None:
    def set_scores(data: dict) -> None:
        tasks = data["tasks"]
        tasks["mode"]["tfidf"]["macro_f1"]["value"] = 0.50
        tasks["mode"]["keyword"]["macro_f1"]["value"] = 0.60
        tasks["mode"]["majority"]["macro_f1"]["value"] = 0.30
        tasks["documents"]["tfidf"].update(genre_accuracy=0.4, stance_share_mae=0.3)
        tasks["documents"]["majority"].update(genre_accuracy=0.8, stance_share_mae=0.2)
        tasks["documents"]["keyword"].update(genre_accuracy=0.4, stance_share_mae=0.4)

    flags = below_baselines(metrics(set_scores))
    assert "mode macro-F1 0.500 is below keyword's 0.600" in flags
    assert not any("mode macro-F1 0.500 is below majority" in f for f in flags)
    assert "document genre accuracy 0.40 is below majority's 0.80" in flags
    assert "document stance-share error 0.300 is above majority's 0.200 (lower is better)" in flags
    assert not any("keyword's 0.40" in f or "keyword's 0.400" in f for f in flags)


def test_the_summary_names_the_run_the_scores_and_the_flags() -> None:
    record = metrics()
    text = summary(record, Path("outputs/bundled"))
    stance = record.tasks.stance["tfidf"].macro_f1
    assert "Run written to outputs/bundled" in text
    assert f"stance {stance.value:.3f} [{stance.ci[0]:.3f}, {stance.ci[1]:.3f}]" in text
    assert "baseline keyword:" in text and "baseline majority:" in text
    flags = below_baselines(record)
    assert f"Below a baseline ({len(flags)}):" in text
    assert all(f"  - {flag}" in text for flag in flags)


def test_a_run_without_cross_validation_says_so() -> None:
    def no_cv(data: dict) -> None:
        data.pop("tasks")
        data["evaluation"]["cv"] = "none"

    text = summary(metrics(no_cv), Path("run"))
    assert "no scores" in text
    assert below_baselines(metrics(no_cv)) == []
