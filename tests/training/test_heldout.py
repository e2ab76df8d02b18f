"""Grouped k-fold, held-out sets, the public_only baseline, validity, the speaker task and a run
on the framing corpus judged on its dev split."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from extras import TINY_RUN

from framing.labels import MODES, STANCES
from framing.models.base import Scores
from framing.records import Example, Metrics, Target, from_dict
from framing.training.config import ConfigError, load_config
from framing.training.heldout import read_heldout
from framing.training.scoring import evaluate_predictions
from framing.training.summary import summary
from framing.training.trainer import Fitter, article_folds, predict_rows
from framing.training.validity import net_stance, spearman_interval


@dataclass
class SpokenExample(Example):
    """An example with a gold speaker (whether or not Example has the field yet)."""

    speaker: str | None = None


@dataclass
class SpeakerScores(Scores):
    """Scores with a speaker (whether or not Scores has the field yet)."""

    speaker: list[dict[str, float]] | None = None


class SpeakingModel:
    """A tiny fake model: fixed probabilities, and a speaker for every example."""

    def scores(self, examples):
        n = len(examples)
        return SpeakerScores(
            mode=np.tile([0.8, 0.2], (n, 1)),
            reported=np.full(n, 0.9),
            stances=[np.tile([0.6, 0.3, 0.1], (len(ex.mentions), 1)) for ex in examples],
            speaker=[{"iran": 0.7, "other": 0.3} for _ in examples],
        )


def examples(docs: int = 6, per_doc: int = 3) -> list[SpokenExample]:
    out = []
    for d in range(docs):
        for i in range(per_doc):
            stance = STANCES[(d + i) % 3]
            out.append(
                SpokenExample(
                    text="Iran said the United States erred.",
                    mentions=[Target(0, 4, "iran", stance)],
                    doc_id=f"doc{d}",
                    mode=MODES[i % 2],
                    reported=bool(i % 2 == 0),
                    speaker=["iran", None, "other"][i],
                )
            )
    return out


def config(*extra: str):
    return load_config(overrides=[*TINY_RUN, *extra])


def test_grouped_kfold_deals_every_article_to_one_fold() -> None:
    ex = examples(docs=7)
    folds = article_folds(ex, config("evaluation.cv=grouped_kfold", "evaluation.folds=3"))
    assert len(folds) == 3 and sorted(d for f in folds for d in f) == sorted({e.doc_id for e in ex})
    assert [len(f) for f in folds] in ([3, 2, 2], [2, 3, 2], [2, 2, 3])
    assert folds == article_folds(ex, config("evaluation.cv=grouped_kfold", "evaluation.folds=3"))
    loo = article_folds(ex, config())
    assert loo == [[f"doc{d}"] for d in range(7)]
    with pytest.raises(ValueError, match=r"evaluation.folds 9"):
        article_folds(ex, config("evaluation.cv=grouped_kfold", "evaluation.folds=9"))
    with pytest.raises(ConfigError, match=r"evaluation.folds"):
        config("evaluation.folds=1")


def test_speaker_validity_and_calibration_of_a_fake_model() -> None:
    ex = examples()
    rows = predict_rows(SpeakingModel(), ex)
    assert rows[0]["speaker"] == {"iran": 0.7, "other": 0.3}
    tasks = evaluate_predictions({"fake": rows}, config(), {})
    speaker = tasks["speaker"]["fake"]
    # scored: the reported sentences (i = 0, 2) with a gold speaker (iran, other); i = 1 is not
    # reported; the model always says iran
    assert speaker["n"] == 12 and speaker["accuracy"]["value"] == 0.5
    assert speaker["confusion_matrix"]["labels"] == ["iran", "other"]
    assert speaker["accuracy"]["ci"] is not None
    calibration = tasks["calibration"]["fake"]
    assert 0 <= calibration["stance_ece"] <= 1 and 0 <= calibration["mode_ece"] <= 1
    validity = tasks["validity"]["iran"]["fake"]
    assert validity["spearman"] is None and "constant" in validity["note"]
    assert validity["articles"] == 6
    # a model without a speaker gets no speaker entry
    quiet = [{**row, "speaker": None} for row in rows]
    assert "speaker" not in evaluate_predictions({"quiet": quiet}, config(), {})
    record = from_dict(Metrics, _metrics(tasks), where="metrics.json")
    assert record.tasks.speaker["fake"].n == 12


def _metrics(tasks):
    return {
        "schema_version": 1,
        "model": {"family": "fake", "path": "model"},
        "data": {"source": "x", "sentences": 1, "mentions": 1, "documents": ["doc0"]},
        "evaluation": {"cv": "none", "bootstrap": 0, "confidence": 0.95, "seed": 0},
        "systems": ["fake"],
        "tasks": tasks,
    }


def test_net_stance_and_spearman() -> None:
    assert net_stance(["supportive", "supportive", "critical", "neutral"]) == 0.25
    assert net_stance([]) == 0.0
    gold = [0.5, -0.2, 0.1, 0.9, -0.6, 0.0]
    same = spearman_interval(gold, [2 * g for g in gold], 200, seed=1)
    assert same["value"] == pytest.approx(1.0) and same["ci"] == pytest.approx([1.0, 1.0])
    opposite = spearman_interval(gold, [-g for g in gold], 200, seed=1)
    assert opposite["value"] == pytest.approx(-1.0)
    noisy = spearman_interval(gold, [0.1, 0.3, -0.2, 0.5, -0.1, 0.2], 200, seed=1)
    low, high = noisy["ci"]
    assert -1 <= low <= noisy["value"] <= high <= 1
    assert spearman_interval(gold, [0.0] * 6, 200)["value"] is None
    assert "too few" in spearman_interval([0.1, 0.2], [0.3, 0.4], 200)["note"]


def test_public_only_needs_public_data_and_is_trained_once(shared_dir: Path) -> None:
    with pytest.raises(ConfigError, match=r"'data.public' is empty"):
        config("evaluation.baselines=[majority, public_only]")
    public = shared_dir / "data" / "target-sentiment" / "newsmtsc" / "train.jsonl"
    cfg = config(
        "evaluation.baselines=[public_only]", f"data.public=[{{path: {public}, limit: 80}}]"
    )
    from framing.training.train import _public

    fitter = Fitter(cfg, _public(cfg)[0])
    model = fitter.fit("public_only", examples())
    assert fitter.fit("public_only", []) is model
    assert len(model.scores(examples()[:2]).mode) == 2


def test_heldout_sets_that_overlap_the_training_data_are_refused() -> None:
    with pytest.raises(ConfigError, match=r"held-out set 'test'.*part of the training data"):
        config(
            "data.source=corpus",
            "data.split=all",
            "data.use_test=true",
            "evaluation.heldout=[test]",
        )
    with pytest.raises(ConfigError, match="more than once"):
        config("evaluation.heldout=[seed, seed]")
    with pytest.raises(ConfigError, match=r"evaluation.heldout"):
        config("evaluation.heldout=[train]")
    # the seed articles are the bundled set's: only their documents show the overlap
    from framing.data.annotated import load_examples

    cfg = config("evaluation.heldout=[seed]")
    with pytest.raises(ValueError, match=r"held-out set 'seed'.*shares 5 articles"):
        read_heldout(cfg, None, load_examples("annotated"))


@pytest.mark.slow
def test_a_corpus_run_judged_on_dev(tmp_path: Path) -> None:
    from framing.data.corpus import load_corpus_sentences
    from framing.training import train

    out = tmp_path / "run"
    corpus = ["data.source=corpus", "evaluation.cv=grouped_kfold", "evaluation.folds=2"]
    args = ["--output-dir", str(out), *TINY_RUN, *corpus, "evaluation.heldout=[dev]"]
    assert train.main(args) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["evaluation"]["folds"] == 2 and metrics["evaluation"]["heldout"] == ["dev"]
    dev_docs = set(load_corpus_sentences(split="dev")["doc_id"][:])
    held = metrics["heldout"]["dev"]
    assert set(held["documents"]) == dev_docs
    rows = [json.loads(line) for line in (out / "predictions_dev.jsonl").open()]
    assert {r["doc_id"] for r in rows} == dev_docs
    assert {r["system"] for r in rows} == {"tfidf", "majority", "keyword"}
    assert not dev_docs & set(metrics["data"]["documents"])
    for tasks in (metrics["tasks"], held["tasks"]):
        for system in ("tfidf", "majority", "keyword"):
            low, high = tasks["stance"][system]["macro_f1"]["ci"]
            assert low <= tasks["stance"][system]["macro_f1"]["value"] <= high
            assert set(tasks["calibration"][system]) == {"stance_ece", "mode_ece", "reported_ece"}
        assert set(tasks["groups"]) == {"slant_group", "genre"}
        assert set(tasks["groups"]["genre"]) == {"news", "opinion"}
        group = tasks["groups"]["genre"]["news"]["tfidf"]
        assert group["mode_macro_f1"]["ci"] is not None and group["articles"] >= 2
        assert set(tasks["validity"]) == {"iran", "united_states", "israel"}
        for by_system in tasks["validity"].values():
            for entry in by_system.values():
                if entry["spearman"] is not None:
                    assert -1 <= entry["spearman"]["value"] <= 1
                    low, high = entry["spearman"]["ci"]
                    assert -1 <= low <= high <= 1
                else:
                    assert entry["note"]
    report = (out / "report.md").read_text()
    assert "## Held-out set: dev" in report and "### Outlet-level validity" in report
    record = from_dict(Metrics, metrics, where="metrics.json")
    assert "held-out dev" in summary(record, out)
    log = (out / "train.log").read_text()
    assert "held-out set dev" in log and "final scores only" not in log
