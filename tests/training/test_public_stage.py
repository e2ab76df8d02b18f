"""``data.public_stage``: a run continues from a first stage saved by an earlier run, and refuses
one of another family or with other settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from extras import TINY_RUN

from framing.training.config import ConfigError, load_config
from framing.training.trainer import Fitter


def _config(*overrides: str):
    return load_config(None, [*TINY_RUN, *overrides])


def test_a_missing_stage_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"data\.public_stage"):
        _config(f"data.public_stage={tmp_path / 'nothing'}")


def test_a_stage_with_the_same_settings_is_read(tiny_run: Path) -> None:
    fitter = Fitter(_config(f"data.public_stage={tiny_run / 'model'}"), [])
    stage = fitter.stage()
    assert stage.family == "tfidf"
    assert fitter.trained_stage is None  # read, not trained here: nothing to save again


def test_a_stage_with_other_settings_is_refused_naming_them(tiny_run: Path) -> None:
    fitter = Fitter(_config(f"data.public_stage={tiny_run / 'model'}", "model.tfidf.C=0.5"), [])
    with pytest.raises(ValueError, match=r"settings differ.*\bC\b"):
        fitter.stage()


def test_a_stage_of_another_family_is_refused(tiny_run: Path) -> None:
    config = _config(f"data.public_stage={tiny_run / 'model'}", "model.family=frozen")
    with pytest.raises(ValueError, match="a tfidf model, not frozen"):
        Fitter(config, []).stage()


def test_a_stage_may_be_continued_with_other_training_settings(
    tiny_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How the continuation trains is the run's own (CONTINUATION_SETTINGS); the rest must be
    the stage's. Shown with the tfidf family's C standing in for such a setting."""
    from framing.training import trainer

    assert {"class_weight", "learning_rate", "epochs"} <= trainer.CONTINUATION_SETTINGS
    assert not {"encoder", "max_length", "encoder_layers"} & trainer.CONTINUATION_SETTINGS
    config = _config(f"data.public_stage={tiny_run / 'model'}", "model.tfidf.C=0.5")
    monkeypatch.setattr(trainer, "CONTINUATION_SETTINGS", frozenset({"C"}))
    assert Fitter(config, []).stage().C == 4.0  # the stage as it was saved
