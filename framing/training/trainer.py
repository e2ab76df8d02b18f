"""Fitting the systems of a run: the model factory, seeding, the fits with the public data, and
the leave-one-article-out loop that collects every system's out-of-fold predictions."""

from __future__ import annotations

import copy
import logging
import random
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.labels import MODES, STANCES
from framing.records import Example
from framing.training.config import TrainConfig

__all__ = ["Fitter", "build_model", "cross_validate", "seed_everything"]

logger = logging.getLogger("framing.training.train")


def seed_everything(seed: int) -> None:
    """Seed ``random``, numpy and, when it is loaded, torch (``transformers.set_seed``).

    torch is seeded only when something has imported it already: the families that train with
    torch import it themselves (the fine-tuned one also calls ``set_seed`` when it fits), and
    importing transformers and torch only to seed them would cost a scikit-learn run seconds.
    """
    if "torch" in sys.modules:
        from transformers import set_seed

        set_seed(seed)  # random, numpy and torch (every device)
        return
    random.seed(seed)
    np.random.seed(seed)


def build_model(config: TrainConfig, family: str | None = None):
    """The model (or baseline) named ``family`` with its parameters from ``config``."""
    from framing.models import model_class

    family = family or config.model.family
    cls = model_class(family)
    settings = getattr(config.model, family, None)  # the families have a config section
    return cls(**vars(settings), seed=config.seed) if settings is not None else cls()


class Fitter:
    """Fits the systems of a run, with the public data (``data.public``) in every fit.

    The configured family sees the public examples in every fit: a family that continues
    training (``warm_start``, the fine-tuned one) is trained on them once, and each fit continues
    from a copy of that model; the linear families train on the public and the fold's examples
    together. The baselines see only the fold's examples of ``data.source``.
    """

    def __init__(self, config: TrainConfig, public: list[Example]) -> None:
        self.config = config
        self.public = public
        self._stage: Any = None

    def stage(self):
        """The family trained on the public data alone (trained on first use)."""
        if self._stage is None:
            model = build_model(self.config)
            model.epochs = self.config.data.public_epochs
            seed_everything(self.config.seed)
            logger.info("first stage: %d public examples", len(self.public))
            self._stage = model.fit(self.public)
        return self._stage

    def fit(self, system: str, examples: list[Example]):
        """``system`` (the family or a baseline) trained on ``examples``."""
        config = self.config
        seed_everything(config.seed)
        if system != config.model.family or not self.public:
            return build_model(config, system).fit(examples)
        probe = build_model(config)
        if not hasattr(probe, "warm_start"):
            return probe.fit(self.public + examples)
        if not examples:
            return self.stage()
        model = copy.deepcopy(self.stage())
        model.warm_start = True
        model.epochs = getattr(config.model, system).epochs
        seed_everything(config.seed)
        model.fit(examples)
        model.warm_start = False  # saved as a model that a later fit() trains afresh
        return model


def cross_validate(
    examples: list[Example],
    config: TrainConfig,
    systems: Sequence[str],
    fitter: Fitter | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Leave-one-article-out predictions of every system, and notes on degenerate folds.

    Returns:
        Per system, one row per sentence in article order: ``example`` (the gold sentence),
        ``mode`` (probabilities of :data:`~framing.labels.MODES`), ``reported`` (probability)
        and ``stances`` (per mention, probabilities of :data:`~framing.labels.STANCES`); and the
        notes (also logged as warnings).

    Raises:
        ValueError: fewer than two articles.
    """
    from tqdm.auto import tqdm

    fitter = fitter or Fitter(config, [])
    docs = sorted({ex.doc_id for ex in examples})
    if len(docs) < 2:
        raise ValueError(f"leave-one-article-out needs at least 2 articles, got {len(docs)}")
    predictions: dict[str, list[dict[str, Any]]] = {s: [] for s in systems}
    notes: list[str] = []
    # one step per fold, not per fit: the baselines fit in no time, so counting them made the
    # estimate of the time left several times too long
    bar = tqdm(total=len(docs), desc="cross-validation", unit="fold", file=sys.stderr)
    for k, doc in enumerate(docs, 1):
        train = [ex for ex in examples if ex.doc_id != doc]
        test = [ex for ex in examples if ex.doc_id == doc]
        notes += _missing_labels(doc, train)
        for system in systems:
            bar.set_postfix_str(f"fold {k}/{len(docs)}, {system}, test {doc}")
            model = fitter.fit(system, train)
            notes += [f"fold {doc}, {system}: {n}" for n in getattr(model, "notes", [])]
            scores = model.scores(test)
            for i, ex in enumerate(test):
                predictions[system].append(
                    {
                        "example": ex,
                        "mode": scores.mode[i],
                        "reported": float(scores.reported[i]),
                        "stances": scores.stances[i],
                    }
                )
        bar.update()
    bar.close()
    for note in notes:
        logger.warning(note)
    return predictions, notes


def _missing_labels(doc: str, train: list[Example]) -> list[str]:
    """Notes on the labels of which a fold has no training example."""
    seen = {
        "mode": {ex.mode for ex in train},
        "stance": {m.stance for ex in train for m in ex.mentions},
    }
    notes = []
    for task, labels in (("mode", MODES), ("stance", STANCES)):
        missing = [label for label in labels if label not in seen[task]]
        if missing:
            notes.append(f"fold {doc}: no training example of {task} {missing}")
    return notes
