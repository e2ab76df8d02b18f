from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

import framing
from framing.hub.publish import main, prepare_folder
from framing.inference.analyzer import BUNDLED
from framing.models.card import model_card


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


def test_the_prepared_folder_loads_back_the_same_model(run: Path, tmp_path: Path) -> None:
    folder = prepare_folder(run, "me/framing-tfidf", tmp_path / "upload")
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "README.md",
        "actors.yaml",
        "framing.json",
        "metrics.json",
        "tfidf.npz",
        "vocabulary.json",
    ]
    text = "Tehran welcomed the pact. Washington criticised it."
    assert (
        framing.load(folder).analyze(text).to_dict()["sentences"]
        == (framing.load(run).analyze(text).to_dict()["sentences"])
    )
    with pytest.raises(ValueError, match="not empty"):
        prepare_folder(run, "me/framing-tfidf", folder)


def test_nothing_broken_or_pickled_is_prepared(run: Path, tmp_path: Path) -> None:
    bad = Path(shutil.copytree(run / "model", tmp_path / "bad"))
    with pytest.raises(FileNotFoundError, match=r"metrics\.json"):
        prepare_folder(bad, "me/x", tmp_path / "out1")
    shutil.copy2(run / "metrics.json", bad / "metrics.json")
    (bad / "weights.pkl").write_bytes(b"\x80\x04")
    with pytest.raises(framing.ModelError, match="pickle"):
        prepare_folder(bad, "me/x", tmp_path / "out2")
    assert not (tmp_path / "out2").exists()


def test_dry_run_prints_the_folder(run: Path, tmp_path: Path, capsys) -> None:
    assert main([str(run), "--repo-id", "me/x", "--dry-run", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"nothing uploaded; the folder for me/x is {tmp_path / 'upload'}" in out
    assert (tmp_path / "upload" / "README.md").is_file()
    assert main([str(tmp_path / "missing"), "--repo-id", "me/x", "--dry-run"]) == 2


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
    import re

    from framing.models.card import AGREEMENT

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
