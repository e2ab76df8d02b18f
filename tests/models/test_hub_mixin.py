"""FramingModel on ``huggingface_hub.ModelHubMixin``: saving with a card the Hub reads, the card
that ``generate_model_card`` makes, and loading by Hub id from the Hugging Face cache (offline)."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

import framing
from framing.data.annotated import load_examples
from framing.models import ModelError, load_model
from framing.models.baselines import KeywordBaseline, MajorityBaseline
from framing.models.card import model_card
from framing.models.loading import BUNDLED_NAMES

BUNDLED = BUNDLED_NAMES["tfidf"]  # a run with cross-validation and public benchmarks

METRICS = json.loads((BUNDLED / "metrics.json").read_text(encoding="utf-8"))
TEXT = "Tehran welcomed the pact. Washington criticised it."


@pytest.fixture(scope="module")
def majority() -> MajorityBaseline:
    return MajorityBaseline().fit(load_examples())


def test_a_save_with_metrics_writes_a_card_the_hub_reads(
    majority: MajorityBaseline, tmp_path: Path
) -> None:
    folder = majority.save_pretrained(
        tmp_path / "saved", metrics=BUNDLED / "metrics.json", repo_id="me/majority"
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "framing.json",
        "majority.json",
        "metrics.json",
    ]
    assert json.loads((folder / "metrics.json").read_text(encoding="utf-8")) == METRICS
    card = ModelCard.load(folder / "README.md")
    index = card.data.to_dict()["model-index"]
    assert index[0]["name"] == "majority"
    results = {r.metric_name: r.metric_value for r in card.data.eval_results}
    for task in ("stance", "mode"):
        value = METRICS["tasks"][task]["majority"]["macro_f1"]["value"]
        assert results[f"{task} macro-F1"] == round(value, 4)
    assert "majority" in card.data.tags
    assert 'framing.load("me/majority")' in card.text
    # the card is the one framing.models.card makes of the saved folder, and the mixin's hook's
    assert (folder / "README.md").read_text(encoding="utf-8") == model_card(
        folder, repo_id="me/majority"
    )
    generated = majority.generate_model_card(metrics=METRICS, repo_id="me/majority")
    assert str(generated) == model_card(folder, repo_id="me/majority")
    assert type(load_model(folder)) is MajorityBaseline


def test_the_card_names_the_folder_without_a_repo_id(
    majority: MajorityBaseline, tmp_path: Path
) -> None:
    folder = majority.save_pretrained(tmp_path / "my-model", metrics=METRICS)
    assert 'framing.load("my-model")' in ModelCard.load(folder / "README.md").text
    without = majority.save_pretrained(tmp_path / "no-metrics")
    assert not (without / "README.md").exists() and not (without / "metrics.json").exists()


def test_a_card_that_cannot_be_made_is_logged_and_the_model_kept(
    majority: MajorityBaseline, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = {"systems": ["majority"]}  # not what a run writes: no card can be made from it
    with caplog.at_level(logging.WARNING, logger="framing.models.base"):
        folder = majority.save_pretrained(tmp_path / "saved", metrics=broken)
    assert f"{folder}: saved without a model card (ModelError:" in caplog.text
    assert "(schema_version: missing)" in caplog.text  # the first key the record misses
    assert not (folder / "README.md").exists()
    assert json.loads((folder / "metrics.json").read_text(encoding="utf-8")) == broken
    assert majority.predict(load_examples()[:3]) == load_model(folder).predict(load_examples()[:3])
    # a push makes the card first: without a valid one nothing leaves (no Hub is reached)
    with pytest.raises(ModelError, match=r"\(schema_version: missing\)"):
        majority.push_to_hub("me/broken", metrics=broken)
    with pytest.raises(ValueError, match="needs metrics="):
        majority.push_to_hub("me/broken")
    with pytest.raises(TypeError, match=r"model_card_kwargs: unknown \['licence'\]"):
        majority.save_pretrained(tmp_path / "other", model_card_kwargs={"licence": "mit"})
    with pytest.raises(ModelError, match="missing"):
        majority.save_pretrained(tmp_path / "other", metrics=tmp_path / "nothing.json")


def hf_cache(folder: Path, cache: Path, repo_id: str) -> Path:
    """``folder`` as the Hugging Face cache holds a downloaded repository: blobs, a snapshot of
    links to them and ``refs/main`` naming the snapshot's commit."""
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    commit = "1" * 40
    (repo / "blobs").mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    for path in folder.iterdir():
        blob = repo / "blobs" / f"{path.name}-blob"
        shutil.copyfile(path, blob)
        os.symlink(f"../../blobs/{blob.name}", snapshot / path.name)
    return snapshot


def test_from_pretrained_takes_a_hub_id_from_the_cache_offline(
    majority: MajorityBaseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    folder = majority.save_pretrained(tmp_path / "saved", metrics=METRICS, repo_id="me/majority")
    snapshot = hf_cache(folder, tmp_path / "hub", "me/majority")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    loaded = MajorityBaseline.from_pretrained("me/majority")
    assert type(loaded) is MajorityBaseline and not (snapshot / "config.json").exists()
    examples = load_examples()[:5]
    assert loaded.predict(examples) == majority.predict(examples)
    remote = framing.load("me/majority").analyze(TEXT).to_dict()
    assert remote["model"]["source"] == "hub:me/majority"
    assert remote["sentences"] == framing.load(folder).analyze(TEXT).to_dict()["sentences"]
    with pytest.raises(ModelError, match="a 'majority' model, not 'keyword'"):
        KeywordBaseline.from_pretrained("me/majority")
    with pytest.raises(ModelError, match="could not get the model 'me/elsewhere'"):
        MajorityBaseline.from_pretrained("me/elsewhere")
    run = tmp_path / "run"
    shutil.copytree(folder, run / "model")  # a training run: its model/ folder
    assert type(MajorityBaseline.from_pretrained(run)) is MajorityBaseline


def test_from_pretrained_passes_the_hub_options_and_refuses_others(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """token, cache_dir, force_download and local_files_only reach the download; an unknown
    keyword is an error, never ignored."""
    import huggingface_hub

    folder = MajorityBaseline().fit(load_examples()).save_pretrained(tmp_path / "snapshot")
    seen: dict = {}

    def download(repo_id: str, **kwargs) -> str:
        seen.update(kwargs, repo_id=repo_id)
        return str(folder)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", download)
    model = MajorityBaseline.from_pretrained(
        "me/majority", token="hf_x", cache_dir=str(tmp_path), local_files_only=True
    )
    assert isinstance(model, MajorityBaseline)
    assert seen["repo_id"] == "me/majority"
    assert (seen["token"], seen["cache_dir"], seen["local_files_only"]) == (
        "hf_x",
        str(tmp_path),
        True,
    )
    with pytest.raises(TypeError, match="unknown Hub option 'proxies'"):
        MajorityBaseline.from_pretrained("me/majority", proxies={"https": "x"})
