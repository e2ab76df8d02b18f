"""The run's one progress bar: folds, epochs of the fine-tuned family's fits, named phases."""

from __future__ import annotations

import pytest
from extras import TINY_RUN

from framing.training import trainer
from framing.training.config import load_config
from framing.training.progress import RunProgress


def test_the_bar_counts_steps_and_makes_up_the_ones_not_reported() -> None:
    bar = RunProgress(
        2, fit_units=3, stage_units=2, phases=[("final model", 3), ("held-out dev", 1)]
    )
    assert bar.total == 2 * 3 + 2 + 3 + 1
    for _ in range(5):  # the first stage's 2 epochs and the first fold's 3
        bar.step()
    bar.fold_done(1)
    assert bar.done == 5
    bar.fold_done(2)  # a fold whose fits reported nothing (a linear family)
    assert bar.done == 8
    bar.phase("final model")
    bar.step()
    bar.phase_done("final model")
    assert bar.done == 11
    bar.phase_done("held-out dev")
    for _ in range(3):
        bar.step()  # never past the end
    assert bar.done == bar.total == 12
    bar.close()


class EpochModel:
    """A model that trains by epochs (``warm_start``) and calls its Trainer callbacks' epoch end
    once per epoch, as the fine-tuned family's Trainer does."""

    def __init__(self, epochs: float = 2.0) -> None:
        self.epochs = epochs
        self.warm_start = False

    def fit(self, examples):
        import math

        for _ in range(math.ceil(self.epochs)):
            for callback in getattr(self, "callbacks", None) or ():
                callback.on_epoch_end(None, None, None)
        return self


def test_the_fitter_counts_the_epochs_of_the_family(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("transformers")
    family = ["model.family=finetune", "model.finetune.epochs=3", "data.public_epochs=1.5"]
    config = load_config(overrides=[*TINY_RUN, *family])
    monkeypatch.setattr(trainer, "build_model", lambda config, family=None: EpochModel())
    fitter = trainer.Fitter(config, [{}] * 4)
    assert fitter.units() == (3, 2)
    fitter.progress = RunProgress(1, *fitter.units(), disable=True)
    model = fitter.fit("finetune", [{}] * 2)
    # the first stage (EpochModel's own 2 epochs) and the continued fit (3 epochs)
    assert fitter.progress.done == 2 + 3
    assert not hasattr(model, "callbacks") and not hasattr(fitter.stage(), "callbacks")
