"""Models trained on public examples that carry only some labels (stance without mode, mode
without stance)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from public_rows import ANNOTATED, CHECKTHAT_TRAIN, PUBLIC, TEST, public_mode

from framing.labels import MODES, STANCES
from framing.models import load_model
from framing.models.baselines import MajorityBaseline
from framing.models.linear import Heads, LinearHead
from framing.models.tfidf import TfidfModel


def test_heads_fit_each_task_on_the_rows_that_have_its_label() -> None:
    examples = [*ANNOTATED, *PUBLIC]
    rng = np.random.default_rng(0)
    sentences = rng.normal(size=(len(examples), 5))
    n_mentions = sum(len(ex.mentions) for ex in examples)
    mentions = rng.normal(size=(n_mentions, 4))
    heads = Heads(MODES, STANCES, calibration_folds=0)
    heads.fit(sentences, mentions, examples)
    mode_rows = [i for i, ex in enumerate(examples) if ex.mode is not None]
    assert mode_rows == [0, 1, 2, 3, 4, 5, 10, 11]
    alone = LinearHead(MODES, calibration_folds=0).fit(
        sentences[mode_rows], [examples[i].mode for i in mode_rows]
    )
    np.testing.assert_allclose(heads.mode.coef, alone.coef)
    reported = LinearHead(["false", "true"], calibration_folds=0).fit(
        sentences[:6], [str(ex.reported).lower() for ex in ANNOTATED]
    )
    np.testing.assert_allclose(heads.reported.coef, reported.coef)
    assert heads.stance.classes == ["critical", "neutral", "supportive"]


def check_predictions(model, examples: list[dict]) -> list[dict]:
    proba = model.predict_proba(examples)
    labels = model.predict(examples)
    for p, lab, ex in zip(proba, labels, examples, strict=True):
        assert sum(p.mode.values()) == pytest.approx(1.0)
        assert lab.mode in MODES and isinstance(lab.reported, bool)
        assert len(lab.stances) == len(p.stances) == len(ex.mentions)
        assert set(lab.stances) <= set(STANCES)
    return proba


def flat(proba: list[dict]) -> list[float]:
    """Every probability of ``predict_proba``'s output, in order."""
    values = []
    for p in proba:
        values += [*p.mode.values(), p.reported]
        values += [v for row in p.stances for v in row.values()]
    return values


def test_tfidf_and_majority_on_annotated_and_public_examples(tmp_path: Path) -> None:
    model = TfidfModel(calibration_folds=0).fit([*ANNOTATED, *PUBLIC])
    check_predictions(model, TEST)
    assert model.heads.mode.classes == ["news", "opinion"]
    assert model.heads.reported.classes == ["false", "true"]
    assert model.heads.stance.classes == ["critical", "neutral", "supportive"]
    assert "quimby" in model.target_features.vectorizers["word"].vocabulary_
    assert model.predict([{"text": "Tehran should quit.", "mentions": []}])[0].mode == "opinion"

    # modes: 4 news, 3 opinion; reported: 3 of 5; stances: 2 neutral, 2 supportive, 3 critical
    majority = MajorityBaseline().fit([*ANNOTATED[:5], PUBLIC[0], *PUBLIC[3:]])
    assert (majority.mode, majority.reported) == ("news", 1.0)
    assert majority.stance == "critical"
    assert check_predictions(majority, TEST)[0].stances == [
        {"neutral": 0.0, "supportive": 0.0, "critical": 1.0}
    ]
    only_public = MajorityBaseline().fit([PUBLIC[0], PUBLIC[3]])  # no mode, no reported label
    assert (only_public.mode, only_public.reported, only_public.stance) == ("news", 0.0, "critical")


def test_tfidf_on_checkthat_only_predicts_uniform_stance(tmp_path: Path) -> None:
    examples = [
        public_mode(r[1], {"SUBJ": "opinion", "OBJ": "news"}[r[2]]) for r in CHECKTHAT_TRAIN[1:]
    ]
    model = TfidfModel().fit(examples)
    proba = check_predictions(model, TEST)
    assert proba[0].stances == [pytest.approx({s: 1 / 3 for s in STANCES})]
    assert proba[0].reported == pytest.approx(0.5)
    assert any("no reported labels" in n for n in model.notes)
    assert any("no mentions in training" in n for n in model.notes)
    again = load_model(model.save_pretrained(tmp_path / "ct"))
    assert flat(again.predict_proba(TEST)) == pytest.approx(flat(proba))


def test_tfidf_on_newsmtsc_only_predicts_uniform_mode(tmp_path: Path) -> None:
    model = TfidfModel().fit(PUBLIC[:4])
    proba = check_predictions(model, TEST)
    assert proba[0].mode == pytest.approx({"news": 0.5, "opinion": 0.5})
    assert proba[1].reported == pytest.approx(0.5)
    assert sum(proba[0].stances[0].values()) == pytest.approx(1.0)
    assert any("no mode labels in training" in n for n in model.notes)
    again = load_model(model.save_pretrained(tmp_path / "nm"))
    assert flat(again.predict_proba(TEST)) == pytest.approx(flat(proba))


def test_finetune_loss_ignores_missing_labels() -> None:
    torch = pytest.importorskip("torch")
    from framing.models.network import MISSING
    from framing.models.network import masked_loss as _loss

    logits = torch.tensor([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-1.0, 1.0, 0.0]], requires_grad=True)
    none = _loss(logits, torch.tensor([MISSING, MISSING, MISSING]))
    assert none.item() == 0.0 and none.requires_grad
    none.backward()
    assert torch.equal(logits.grad, torch.zeros_like(logits))

    weight = torch.tensor([1.0, 2.0, 0.5])
    some = _loss(logits, torch.tensor([0, MISSING, 2]), weight)
    expected = torch.nn.functional.cross_entropy(
        logits[[0, 2]], torch.tensor([0, 2]), weight=weight
    )
    assert some.item() == pytest.approx(expected.item())
    full = _loss(logits, torch.tensor([0, 1, 2]))
    assert full.item() == pytest.approx(
        torch.nn.functional.cross_entropy(logits, torch.tensor([0, 1, 2])).item()
    )
    assert _loss(logits[:0], torch.tensor([], dtype=torch.long)).item() == 0.0
