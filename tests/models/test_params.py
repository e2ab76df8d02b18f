"""Each family's parameters are declared once (framing.models.params): the constructor, the
training config's ``model.<family>`` section and the check of a saved ``framing.json`` all read
that declaration, and refuse the same values, naming the parameter and the value."""

from __future__ import annotations

import dataclasses
import inspect
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from framing.models.errors import ModelError
from framing.models.families import FAMILIES, model_class
from framing.models.params import POSITIVE, Seeded, check_params, declared, param
from framing.training.config import ConfigError, TrainConfig, section_class
from framing.training.sections import BASELINES

META = Path("model/framing.json")

# (family, parameter, a value of the right type out of range, or of the wrong type)
REFUSED = [
    ("tfidf", "word_ngrams", [2, 1]),
    ("tfidf", "char_ngrams", [3]),
    ("tfidf", "min_df", 0),
    ("tfidf", "max_features", "many"),
    ("tfidf", "C", 0),
    ("tfidf", "calibration_folds", 1),
    ("frozen", "encoder", " "),
    ("frozen", "max_length", 0),
    ("frozen", "batch_size", 0),
    ("frozen", "C", -1.5),
    ("finetune", "epochs", 0),
    ("finetune", "learning_rate", -1e-5),
    ("finetune", "weight_decay", -0.1),
    ("finetune", "warmup_ratio", 1.0),
    ("finetune", "freeze_embeddings", 1),
    ("finetune", "class_weight", "balanced"),
    ("finetune", "encoder_layers", 0),
]


@pytest.mark.parametrize("family", FAMILIES.names())
def test_the_declaration_is_the_constructor(family: str) -> None:
    cls = model_class(family)
    params = declared(cls)
    assert [p.name for p in params] == list(inspect.signature(cls).parameters)
    defaults = {
        p.name: p.factory() if p.factory else p.default for p in params if p.name != "keywords"
    }
    made = cls().params()
    assert {k: v for k, v in made.items() if k != "keywords"} == defaults
    if family not in BASELINES:  # the config's section: the declaration but the run's settings
        section = section_class(cls)
        names = [f.name for f in dataclasses.fields(section)]
        assert names == [p.name for p in params if p.name not in ("seed", "warm_start")]
        # what the trainer builds from a default config is the family's default model
        built = cls(**vars(section()), seed=0).params()
        assert built == made


@pytest.mark.parametrize(("family", "name", "value"), REFUSED)
def test_a_value_out_of_its_declaration_is_refused_everywhere(
    family: str, name: str, value: object
) -> None:
    cls = model_class(family)
    shown = repr(value).replace("[", r"\[").replace("(", r"\(")
    with pytest.raises(ConfigError, match=rf"'model\.{family}\.{name}' must .*{shown}"):
        TrainConfig.from_dict({"model": {"family": family, family: {name: value}}}, source="x")
    with pytest.raises(ModelError, match=rf"parameter '{name}' of the {family} family must"):
        check_params(cls, {name: value}, META)
    with pytest.raises(ValueError, match=rf"{name} must .*{shown}"):
        cls(**{name: value})


@pytest.mark.parametrize("family", ["tfidf", "frozen", "finetune"])
def test_unknown_parameters_are_refused_naming_the_key(family: str) -> None:
    with pytest.raises(ConfigError, match=rf"unknown key 'model\.{family}\.crystal_ball'"):
        TrainConfig.from_dict({"model": {family: {"crystal_ball": 1}}})
    with pytest.raises(ConfigError, match=rf"unknown key 'model\.{family}\.seed'"):
        TrainConfig.from_dict({"model": {family: {"seed": 1}}})  # the run's, not the family's
    with pytest.raises(ModelError, match="'crystal_ball'"):
        check_params(model_class(family), {"crystal_ball": 1}, META)


def test_json_values_are_checked_strictly() -> None:
    tfidf = model_class("tfidf")
    for params in ({"C": True}, {"C": "4"}, {"seed": 2**32}, {"word_ngrams": [1.0, 2]}):
        with pytest.raises(ModelError, match=rf"{json.dumps(next(iter(params.values())))}"):
            check_params(tfidf, params, META)
    assert check_params(tfidf, {"C": 4, "seed": 2**32 - 1}, META) == {"C": 4, "seed": 2**32 - 1}
    finetune = model_class("finetune")
    assert check_params(finetune, {"encoder_layers": None, "warm_start": True}, META)


def test_the_bundled_model_keeps_loading() -> None:
    from framing.models.loading import BUNDLED

    meta = json.loads((BUNDLED / "framing.json").read_text(encoding="utf-8"))
    cls = model_class(meta["family"])
    assert check_params(cls, meta["params"], BUNDLED / "framing.json") == meta["params"]
    assert cls(**meta["params"]).params() == meta["params"]


def test_a_registered_family_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.models.baselines import MajorityBaseline

    @dataclass(eq=False)
    class Damped(MajorityBaseline, Seeded):
        family = "damped"
        damping: float = param(0.5, rule=POSITIVE)

    monkeypatch.setattr(FAMILIES, "_entries", {**FAMILIES._entries, "damped": Damped})
    config = TrainConfig.from_dict({"model": {"family": "damped", "damped": {"damping": "2e-1"}}})
    assert config.model.damped.damping == pytest.approx(0.2)
    assert Damped(**vars(config.model.damped), seed=3).params() == {"damping": 0.2, "seed": 3}
    assert config.override(["model.damped.damping=1"]).model.damped.damping == 1.0
    with pytest.raises(ConfigError, match=r"'model\.damped\.damping' must be > 0, got -1\.0"):
        config.override(["model.damped.damping=-1"])
    with pytest.raises(ModelError, match="'damping'"):
        check_params(Damped, {"damping": 0}, META)
