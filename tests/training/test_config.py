from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framing.text.clean import CleanConfig, clean
from framing.training.config import ConfigError, TrainConfig, load_config

REPO = Path(__file__).resolve().parents[2]


def test_every_shipped_config_loads() -> None:
    for path in sorted((REPO / "configs").glob("*.yaml")):
        if path.name in ("actors.yaml", "cleaning.yaml"):
            continue
        config = load_config(path)
        assert config.model.family in ("tfidf", "frozen", "finetune"), path


def test_default_config_and_overrides() -> None:
    config = load_config()
    assert config.model.family == "finetune"
    changed = config.override(
        ["model.family=frozen", "model.finetune.learning_rate=3e-5", "seed=7"]
    )
    assert changed.model.family == "frozen"
    assert changed.model.finetune.learning_rate == pytest.approx(3e-5)  # YAML reads it as a string
    assert changed.seed == 7
    assert config.seed == 0  # the original is untouched


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"model": {"famliy": "tfidf"}}, "unknown key 'model.famliy'"),
        ({"model": {"family": "bert"}}, "'model.family' must be one of tfidf, frozen, finetune"),
        ({"model": {"tfidf": {"C": "strong"}}}, "'model.tfidf.C' must be a number, got 'strong'"),
        ({"model": {"tfidf": {"min_df": 1.5}}}, "'model.tfidf.min_df' must be an integer"),
        ({"model": {"tfidf": {"min_df": True}}}, "'model.tfidf.min_df' must be an integer"),
        ({"model": {"tfidf": {"word_ngrams": 2}}}, "'model.tfidf.word_ngrams' must be a list"),
        ({"model": {"tfidf": {"word_ngrams": [1, "2"]}}}, r"'model.tfidf.word_ngrams\[1\]'"),
        ({"segmenter": "nltk"}, "unknown segmenter 'nltk'"),
        ({"evaluation": {"baselines": ["random"]}}, "unknown baseline 'random'"),
        ({"evaluation": {"confidence": 95}}, "'evaluation.confidence' must lie in"),
        ({"data": {"source": "./nowhere.jsonl"}}, "no such file or folder './nowhere.jsonl'"),
        ({"data": {"lexicon": "missing.yaml"}}, "no such file 'missing.yaml'"),
        ({"data": "annotated"}, "'data' must be a mapping"),
        ({"data": {"source": "corpus", "split": "test"}}, "which is for final scores only"),
        ({"data": {"source": "corpus", "split": "all"}}, "set 'data.use_test: true'"),
        ({"data": {"source": "corpus", "split": "validation"}}, "not a split of the corpus"),
        ({"data": {"source": "seed", "split": "dev"}}, "not a split of the seed"),
    ],
)
def test_invalid_values_name_the_key(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        TrainConfig.from_dict(data, source="mine.yaml")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("nope=1", "unknown key 'nope'"),
        ("model.tfidf=1", "must be a mapping"),
        ("seed", "key=value"),
    ],
)
def test_bad_overrides(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(overrides=[override])


def test_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
    good = tmp_path / "good.yaml"
    good.write_text("model:\n  family: frozen\n", encoding="utf-8")
    assert load_config(good).model.family == "frozen"


def test_round_trip() -> None:
    config = load_config()
    assert TrainConfig.from_dict(config.to_dict()) == config


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("model.tfidf.word_ngrams=[1]", r"'model.tfidf.word_ngrams' must be \[low, high\]"),
        ("model.tfidf.char_ngrams=[5, 2]", "'model.tfidf.char_ngrams' must be"),
        ("model.tfidf.C=-1", "'model.tfidf.C' must be > 0"),
        ("model.finetune.epochs=0", "'model.finetune.epochs' must be > 0"),
        ("model.finetune.warmup_ratio=1.5", "'model.finetune.warmup_ratio' must be below 1"),
        ("model.frozen.calibration_folds=1", "must be 0 \\(no calibration\\) or at least 2"),
        (
            "model.finetune.encoder_layers=0",
            "'model.finetune.encoder_layers' must be a positive integer or null, got 0",
        ),
        (
            "model.finetune.encoder_layers=7",
            "'model.finetune.encoder_layers' is 7, but the encoder has 6 layers",
        ),
        ("model.finetune.class_weight=balanced", "model.finetune.class_weight"),
    ],
)
def test_out_of_range_values_name_the_key(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(overrides=[override])


def test_unavailable_encoder_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ConfigError, match=r"'model\.frozen\.encoder'"):
        load_config(overrides=["model.family=frozen", "model.frozen.encoder=nobody/nomodel"])


def test_the_corpus_test_split_needs_saying_so() -> None:
    config = TrainConfig.from_dict(
        {"data": {"source": "corpus", "split": "test", "use_test": True}}
    )
    assert config.data.split == "test" and config.data.use_test
    assert TrainConfig.from_dict({"data": {"source": "corpus"}}).data.split == "train"


def test_the_text_front_end_is_recorded_for_the_model() -> None:
    assert load_config().preprocessing() == {"segmenter": "default", "cleaning": None}
    rules_file = REPO / "configs" / "cleaning.yaml"
    config = load_config(overrides=["segmenter=punkt", f"cleaning={rules_file}"])
    front = config.preprocessing()
    assert front == {
        "segmenter": "punkt",
        "cleaning": yaml.safe_load(rules_file.read_text(encoding="utf-8")),
    }
    # the recorded rules are the file's: extra chrome removed, as the Analyzer will do
    rules = CleanConfig.from_dict(front["cleaning"])
    assert clean("Newsletter sign-up\nIran and Iraq signed a pact.", rules).text == (
        "Iran and Iraq signed a pact."
    )
    assert TrainConfig.from_dict(config.to_dict()) == config
    assert load_config(overrides=["cleaning=null"]).cleaning is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file '.*absent.yaml' \\(key 'cleaning'\\)"),
        ("colour: red\n", "key 'cleaning': .*rules.yaml: unknown key 'colour'"),
        ("patterns:\n  chrome: ['(']\n", "key 'cleaning': .*rules.yaml: invalid regex"),
        ("patterns: [\n", "key 'cleaning': .*rules.yaml: not valid YAML"),
        ("- chrome\n", "key 'cleaning': .*rules.yaml: expected a mapping"),
    ],
)
def test_bad_cleaning_rules_name_the_key_and_the_file(
    tmp_path: Path, content: str | None, message: str
) -> None:
    rules = tmp_path / ("absent.yaml" if content is None else "rules.yaml")
    if content is not None:
        rules.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        TrainConfig.from_dict({"cleaning": str(rules)}, source="mine.yaml")
    assert str(caught.value).startswith("mine.yaml: ") and "\n" not in str(caught.value)
