from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from framing.data.annotated import load_examples
from framing.models import FAMILIES, load_model, model_class
from framing.models.linear import LinearHead
from framing.records import Example, Prediction, RecordError, to_dict

SAFE_SUFFIXES = {".json", ".npz", ".safetensors", ".txt", ".yaml"}
# a small tfidf model: the same code paths (both views, calibrated heads) in a fraction of the time
SMALL_TFIDF = {"char_ngrams": [3, 3], "max_features": 1000, "calibration_folds": 2}


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    return load_examples()


def split(examples: list[dict], doc: str = "002") -> tuple[list[dict], list[dict]]:
    return [e for e in examples if not e.doc_id.startswith(doc)], [
        e for e in examples if e.doc_id.startswith(doc)
    ]


def check_round_trip(model, test: list[dict], directory: Path) -> None:
    model.save_pretrained(directory)
    assert {p.suffix for p in directory.iterdir()} <= SAFE_SUFFIXES, list(directory.iterdir())
    again = load_model(directory)
    assert type(again) is type(model)
    a, b = model.scores(test), again.scores(test)
    np.testing.assert_allclose(a.mode, b.mode, atol=1e-6)
    np.testing.assert_allclose(a.reported, b.reported, atol=1e-6)
    for x, y in zip(a.stances, b.stances, strict=True):
        np.testing.assert_allclose(x, y, atol=1e-6)


def check_outputs(model, test: list[dict]) -> None:
    proba = model.predict_proba(test)
    labels = model.predict(test)
    assert len(proba) == len(labels) == len(test)
    for p, lab, ex in zip(proba, labels, test, strict=True):
        assert sum(p.mode.values()) == pytest.approx(1.0)
        assert 0.0 <= p.reported <= 1.0
        assert len(p.stances) == len(lab.stances) == len(ex.mentions)
        for row in p.stances:
            assert sum(row.values()) == pytest.approx(1.0)
        assert lab.mode in ("news", "opinion")
        assert set(lab.stances) <= {"neutral", "supportive", "critical"}


@pytest.mark.parametrize(
    ("family", "params"), [("tfidf", SMALL_TFIDF), ("majority", {}), ("keyword", {})]
)
def test_light_families(family: str, params: dict, examples: list[dict], tmp_path: Path) -> None:
    train, test = split(examples)
    model = model_class(family)(**params).fit(train)
    check_outputs(model, test)
    check_round_trip(model, test, tmp_path / family)


def test_frozen_encoder_family(examples: list[dict], tmp_path: Path) -> None:
    train, test = split(examples)
    model = model_class("frozen")().fit(train[:20])  # few sentences: the encoder's time is per text
    check_outputs(model, test[:6])
    check_round_trip(model, test[:6], tmp_path / "frozen")


def test_the_encoder_cache_keeps_the_most_recently_used_texts(monkeypatch) -> None:
    from collections import OrderedDict

    from framing.models import frozen

    encoder = frozen.FrozenEncoderModel().backbone  # loaded once per process (the test above)
    texts = ["Tehran welcomed the pact.", "Washington criticised it.", "Baghdad said nothing."]
    monkeypatch.setattr(frozen, "CACHE", False)
    fresh = encoder.encode(texts)
    monkeypatch.setattr(frozen, "CACHE", True)
    monkeypatch.setattr(frozen, "_CACHE", OrderedDict())
    monkeypatch.setattr(frozen, "_CACHE_LIMIT", 2)
    first = encoder.encode(texts[:2])
    encoder.encode(texts[:1])  # used again: the second text is now the least recently used
    encoder.encode(texts[2:])  # a third text: the second goes
    assert [key[2] for key in frozen._CACHE] == [texts[0], texts[2]]
    again = encoder.encode(texts)
    assert again[0][0] is first[0][0]  # served from the cache
    for (vectors, offsets), (want, want_offsets) in zip(again, fresh, strict=True):
        np.testing.assert_allclose(vectors, want, atol=1e-5)  # other batches, other padding
        np.testing.assert_array_equal(offsets, want_offsets)


@pytest.mark.slow
def test_finetuned_family(examples: list[dict], tmp_path: Path) -> None:
    train, test = split(examples)
    model = model_class("finetune")(epochs=1, batch_size=8).fit(train[:24])
    check_outputs(model, test[:6])
    check_round_trip(model, test[:6], tmp_path / "finetune")


@pytest.mark.slow
def test_finetuned_warm_start_continues_from_public_examples(examples: list[dict]) -> None:
    import torch

    # public-style examples: a stance without mode or reported labels, and a mode without mentions
    public = [
        {
            "text": "Critics attacked Smith over the failed plan.",
            "mode": None,
            "reported": None,
            "mentions": [{"start": 17, "end": 22, "actor": None, "stance": "critical"}],
        },
        {
            "text": "What a disgraceful, shameful decision this is.",
            "mode": "opinion",
            "reported": None,
            "mentions": [],
        },
    ] * 4
    options = {"epochs": 1, "batch_size": 4, "freeze_embeddings": True, "group_by_length": True}
    model = model_class("finetune")(**options).fit(public)
    embeddings = model.network.encoder.get_input_embeddings().weight.detach().clone()
    stage = {k: v.detach().clone() for k, v in model.network.state_dict().items()}
    network = model.network
    model.warm_start = True
    model.fit(examples[:8])
    assert model.network is network  # continued, not rebuilt from the pretrained encoder
    after = model.network.state_dict()
    assert not torch.equal(after["stance_head.weight"], stage["stance_head.weight"])
    torch.testing.assert_close(model.network.encoder.get_input_embeddings().weight, embeddings)
    fresh = model_class("finetune")(**options)
    fresh.fit(examples[:8])
    assert not torch.equal(
        fresh.network.state_dict()["stance_head.weight"], after["stance_head.weight"]
    )


def test_stance_takes_any_target_span() -> None:
    """Target-aware: the stance head reads any span, not only lexicon actors."""
    cases = [
        ("Alpha was praised warmly.", "supportive"),
        ("Alpha was condemned.", "critical"),
        ("Alpha met the envoy.", "neutral"),
    ]
    mention = {"start": 0, "end": 5, "actor": "x"}
    train = [
        {
            "doc_id": "a",
            "text": t,
            "mode": "news",
            "reported": False,
            "mentions": [{**mention, "stance": s}],
        }
        for t, s in cases * 4
    ]
    model = model_class("tfidf")(calibration_folds=0).fit(train)
    test = [
        {"text": "Gamma was praised warmly.", "mentions": [{"start": 0, "end": 5, "actor": "y"}]}
    ]
    assert model.predict(test)[0].stances == ["supportive"]


@pytest.mark.parametrize("family", ["tfidf", "majority", "keyword"])
def test_a_mapping_is_read_as_its_record_and_a_bad_one_is_named(
    family: str, examples: list[Example]
) -> None:
    """The model interface reads records; a mapping in the record's JSON form gives the same
    predictions, and one that does not fit is a RecordError naming the example and the key."""
    train, test = split(examples)
    params = SMALL_TFIDF if family == "tfidf" else {}
    model = model_class(family)(**params).fit([to_dict(ex) for ex in train])
    assert model.predict(test) == model.predict([to_dict(ex) for ex in test])
    assert model.predict_proba(test) == model.predict_proba([to_dict(ex) for ex in test])
    assert all(isinstance(p, Prediction) for p in model.predict(test[:2]))
    k = next(i for i, ex in enumerate(test) if ex.mentions and i > 0)
    bad = [to_dict(ex) for ex in test[: k + 1]]
    bad[k]["mentions"][0]["start"] = "0"
    with pytest.raises(RecordError, match=rf"example {k}\.mentions\[0\]\.start: expected an int"):
        model.predict(bad)
    with pytest.raises(RecordError, match=r"example 1: unknown key 'label'"):
        model.fit([to_dict(train[0]), {**to_dict(train[1]), "label": "x"}])


def test_single_class_head_is_constant_and_noted() -> None:
    head = LinearHead(["news", "opinion"]).fit(np.eye(3), ["news"] * 3)
    assert head.notes and "single class" in head.notes[0]
    assert head.proba(np.eye(3)).tolist() == [[1.0, 0.0]] * 3


def test_unknown_family_is_named() -> None:
    with pytest.raises(ValueError, match=r"'bert'.*tfidf"):
        model_class("bert")
    assert set(FAMILIES) >= {"tfidf", "frozen", "finetune", "majority", "keyword"}


def test_loading_refuses_pickles(tmp_path: Path, examples: list[dict]) -> None:
    train, _ = split(examples)
    directory = model_class("tfidf")(**SMALL_TFIDF).fit(train).save_pretrained(tmp_path / "m")
    weights = directory / "tfidf.npz"
    arrays = dict(np.load(weights))
    arrays["evil"] = np.array([{"a": 1}], dtype=object)
    np.savez(weights, **arrays)
    with pytest.raises(ValueError, match="pickle"):
        load_model(directory)


@pytest.mark.slow
def test_finetuned_options_fewer_layers_and_balanced_heads(
    examples: list[dict], tmp_path: Path
) -> None:
    train, test = split(examples)
    model = model_class("finetune")(
        epochs=1, batch_size=8, encoder_layers=2, class_weight="all"
    ).fit(train[:24])
    assert len(model.network.encoder.encoder.layer) == 2
    weights = model.network.class_weights
    assert set(weights) == {"mode", "reported", "stance"}
    modes = [e.mode for e in train[:24]]
    share = modes.count("news") / len(modes)
    # balanced: the rarer class weighs more, in proportion to its rarity
    assert float(weights["mode"][0]) == pytest.approx(1 / (2 * share))
    check_round_trip(model, test[:6], tmp_path / "two-layers")
    assert load_model(tmp_path / "two-layers").network.encoder.config.num_hidden_layers == 2
    with pytest.raises(ValueError, match="encoder_layers must be between 1 and 6"):
        model_class("finetune")(epochs=1, encoder_layers=7).fit(train[:8])
    with pytest.raises(ValueError, match="encoder_layers must be a positive integer"):
        model_class("finetune")(encoder_layers=0)
    with pytest.raises(ValueError, match="class_weight must be"):
        model_class("finetune")(class_weight="balanced")
