from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

from framing.models import ModelError
from framing.models.card import AGREEMENT, card_from, model_card
from framing.models.loading import BUNDLED_NAMES

BUNDLED = BUNDLED_NAMES["tfidf"]  # a run with cross-validation and public benchmarks

BUNDLED_METRICS = json.loads((BUNDLED / "metrics.json").read_text(encoding="utf-8"))
BUNDLED_META = json.loads((BUNDLED / "framing.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(tiny_run: Path) -> Path:
    return tiny_run


def test_the_card_round_trips_with_the_numbers_of_metrics_json(run: Path) -> None:
    text = model_card(run, repo_id="me/framing-tfidf")
    card = ModelCard(text)
    metrics = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    data = card.data.to_dict()
    assert data["library_name"] == "framing" and data["license"] == "apache-2.0"
    assert data["language"] == "en" and data["pipeline_tag"] == "text-classification"
    results = {r.metric_name: r.metric_value for r in card.data.eval_results}
    for task in ("stance", "mode"):
        value = metrics["tasks"][task]["tfidf"]["macro_f1"]["value"]
        assert results[f"{task} macro-F1"] == pytest.approx(value, abs=5e-5)
    for system in metrics["systems"]:  # every model and baseline, with its interval
        entry = metrics["tasks"]["stance"][system]["macro_f1"]
        low, high = entry["ci"]
        assert f"| {system} | {entry['value']:.3f} [{low:.3f}, {high:.3f}]" in card.text
    for section in (
        "## Intended uses and out-of-scope uses",
        "## How to get started",
        "## Bias, risks and limitations",
        "## Framework versions",
        "## Citation",
        "### Stance per actor",
        "### Stance per article",
    ):
        assert section in card.text
    assert 'framing.load("me/framing-tfidf")' in card.text


def test_the_bundled_card_names_its_public_data_and_benchmarks() -> None:
    card = ModelCard(model_card(BUNDLED, repo_id="me/bundled"))
    metrics = json.loads((BUNDLED / "metrics.json").read_text(encoding="utf-8"))
    assert card.data.to_dict()["datasets"] == ["fhamborg/news_sentiment_newsmtsc"]
    assert card.data.to_dict()["license"] == "apache-2.0"  # no CheckThat! in its training
    names = {r.metric_name: r.metric_value for r in card.data.eval_results}
    rw = metrics["benchmarks"]["newsmtsc/dev_rw"]["f1m"]
    assert names["newsmtsc/dev_rw macro-F1"] == pytest.approx(rw, abs=5e-5)
    subj = metrics["benchmarks"]["checkthat/dev"]["subj_f1"]
    assert f"SUBJ F1 {subj:.3f}" in card.text


def _numbers(value, out: set[str]) -> set[str]:
    """Every float of a JSON value, as the card may print it."""
    if isinstance(value, dict):
        for v in value.values():
            _numbers(v, out)
    elif isinstance(value, list):
        for v in value:
            _numbers(v, out)
    elif isinstance(value, float):
        out.update({f"{value:.3f}", f"{value:.4f}"})
    return out


def test_every_number_of_the_evaluation_comes_from_the_measurements(run: Path) -> None:
    text = ModelCard(model_card(run, repo_id="me/x")).text
    metrics = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    allowed = _numbers(metrics, set())
    if AGREEMENT.is_file():
        allowed |= _numbers(json.loads(AGREEMENT.read_text(encoding="utf-8")), set())
    for task in ("stance", "mode"):  # the label shares, from the gold rows of a confusion matrix
        rows = metrics["tasks"][task]["tfidf"]["confusion_matrix"]["matrix"]
        total = sum(map(sum, rows))
        allowed |= {f"{100 * sum(row) / total:.1f}" for row in rows}
    checked = text[text.index("## Training data") : text.index("## Training procedure")]
    checked += text[text.index("## Evaluation") : text.index("## Bias, risks")]
    found = re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", checked)
    assert len(found) > 30
    assert sorted(set(found) - allowed) == []


def test_a_run_without_evaluation_public_data_or_compute_says_so() -> None:
    metrics = {  # what a run with evaluation.cv none, no data and no benchmark writes
        "schema_version": BUNDLED_METRICS["schema_version"],
        "model": {"family": "tfidf", "path": "model"},
        "data": {"source": "none", "sentences": 0, "mentions": 0, "documents": [], "public": []},
        "evaluation": {"cv": "none", "bootstrap": 0, "confidence": 0.9, "seed": 13},
        "systems": [],
        "notes": [],
    }
    card = card_from(metrics, BUNDLED_META, "me/bare")
    for line in (
        "No leave-one-article-out evaluation in this run (`evaluation.cv: none`).",
        "This model was not scored on public benchmarks.",
        "Not recorded in this run's `metrics.json`.",
        "  - none: the annotated set only",
        "- Agreement: see the dataset card of the training data.",
    ):
        assert line in card.text
    evaluation = card.text[card.text.index("## Evaluation") : card.text.index("### Stance per")]
    assert "(none)" in evaluation and "90%" in evaluation  # the method, from metrics.json
    assert card.data.to_dict()["model-index"] == [{"name": "bare", "results": []}]


def test_training_on_checkthat_makes_the_model_non_commercial() -> None:
    metrics = json.loads(json.dumps(BUNDLED_METRICS))
    metrics["data"]["public"].append(
        {"benchmark": "checkthat", "path": "x/train_en.tsv", "sentences": 830, "mentions": 0}
    )
    card = card_from(metrics, BUNDLED_META, "me/nc")
    assert card.data.license == "other"
    assert "clef-checkthat-subjectivity" in card.data.datasets
    assert "Licence: CheckThat! subjectivity data is CC BY-NC-SA 4.0" in card.text
    assert "  - checkthat: `train_en.tsv`, 830 sentences, 0 target\n    mentions" in card.text


def test_a_metrics_file_without_what_a_card_needs_is_named() -> None:
    broken = {k: v for k, v in BUNDLED_METRICS.items() if k != "evaluation"}
    needle = r"^run/metrics\.json: a missing or malformed entry.*\(evaluation: missing\)"
    with pytest.raises(ModelError, match=needle):
        card_from(broken, BUNDLED_META, "me/x", source="run/metrics.json")


def test_a_malformed_metrics_json_beside_a_model_is_named_with_its_key(tmp_path: Path) -> None:
    """The card reads metrics.json through its record: a value of the wrong type is a
    ModelError naming the file and the dotted key."""
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(BUNDLED, folder)
    metrics = json.loads(json.dumps(BUNDLED_METRICS))
    metrics["tasks"]["stance"]["tfidf"]["per_class"]["critical"]["support"] = "many"
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    key = r"tasks\.stance\.tfidf\.per_class\.critical\.support: expected an integer"
    with pytest.raises(ModelError, match=rf"^{re.escape(str(folder / 'metrics.json'))}: .*{key}"):
        model_card(folder, repo_id="me/x")
    metrics["tasks"]["stance"]["tfidf"]["per_class"]["critical"]["support"] = 3
    metrics["tasks"]["mode"]["tfidf"]["recall"] = 0.5  # a key no run writes
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    with pytest.raises(ModelError, match=r"tasks\.mode\.tfidf: unknown key 'recall'"):
        model_card(folder, repo_id="me/x")
