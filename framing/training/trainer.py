"""Fitting the systems of a run: the model factory, seeding, the fits with the public data, the
folds of articles (leave-one-article-out or grouped k-fold), and the cross-validation loop that
collects every system's out-of-fold predictions."""

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
from framing.training.config import PUBLIC_ONLY, TrainConfig
from framing.training.progress import RunProgress

__all__ = ["Fitter", "article_folds", "build_model", "cross_validate", "predict_rows",
           "seed_everything"]  # fmt: skip

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


# the settings of how a fit trains, which a fit continuing from a stored first stage may change
# (data.public_stage); every other setting (the encoder, its length, its layers, the seed) must
# be the stage's own
CONTINUATION_SETTINGS = frozenset({"epochs", "warm_start", "class_weight", "learning_rate",
                                   "weight_decay", "warmup_ratio", "batch_size",
                                   "group_by_length"})  # fmt: skip


class Fitter:
    """Fits the systems of a run, with the public data (``data.public``) in every fit.

    The configured family sees the public examples in every fit: a family that continues
    training (``warm_start``, the fine-tuned one) is trained on them once, and each fit continues
    from a copy of that model; the linear families train on the public and the fold's examples
    together. The baselines see only the fold's examples of ``data.source``, but
    ``public_only``, the family trained on the public examples alone (the same model in every
    fold, trained once: for the fine-tuned family its first stage).
    """

    def __init__(self, config: TrainConfig, public: list[Example]) -> None:
        self.config = config
        self.public = public
        self._stage: Any = None
        self._public_only: Any = None
        self.progress: RunProgress | None = None  # counts the family's epochs when set

    def units(self) -> tuple[int, int]:
        """Progress steps of one fit of the family and of its first stage: epochs for a family
        that trains by epochs (``warm_start``), else one step per fit and no stage."""
        import math

        probe = build_model(self.config)
        if not hasattr(probe, "warm_start"):
            return 1, 0
        epochs = math.ceil(getattr(self.config.model, self.config.model.family).epochs)
        stage = math.ceil(self.config.data.public_epochs) if self.public else 0
        return epochs, stage

    def _fit(self, model, examples: list[Example]):
        """``model.fit(examples)``, its epochs counted by the run's progress bar."""
        if self.progress is None:
            return model.fit(examples)
        from framing.models.network import epoch_callback

        model.callbacks = [epoch_callback(self.progress.step)]
        try:
            return model.fit(examples)
        finally:
            del model.callbacks  # not copied with the model, nor saved

    def stage(self):
        """The family trained on the public data alone: trained on first use, or read from
        ``data.public_stage`` (a folder an earlier run wrote, with the same settings)."""
        if self._stage is None and self.config.data.public_stage:
            self._stage = self._stored_stage(self.config.data.public_stage)
        if self._stage is None:
            model = build_model(self.config)
            model.epochs = self.config.data.public_epochs
            seed_everything(self.config.seed)
            logger.info("first stage: %d public examples", len(self.public))
            self._stage = self._fit(model, self.public)
        return self._stage

    @property
    def trained_stage(self):
        """The first stage when this run trained it (None when read from a folder or unused)."""
        return None if self.config.data.public_stage else self._stage

    def _stored_stage(self, folder: str):
        """The first stage saved in ``folder``, refused when its settings are not the config's
        (those of :data:`CONTINUATION_SETTINGS` aside: they shape only the fit that continues).

        Raises:
            ValueError: another family or other settings, naming them.
        """
        from framing.models import load_model

        model = load_model(folder)
        expected = build_model(self.config)
        if model.family != expected.family:
            raise ValueError(
                f"data.public_stage {folder}: a {model.family} model, not {expected.family}"
            )
        ignored = CONTINUATION_SETTINGS
        got, want = model.params(), expected.params()
        differ = sorted(k for k in want if k not in ignored and got.get(k) != want[k])
        if differ:
            raise ValueError(
                f"data.public_stage {folder}: settings differ from the config's: "
                + ", ".join(f"{k} {got.get(k)!r} != {want[k]!r}" for k in differ)
            )
        logger.info("first stage: read from %s", folder)
        return model

    def fit(self, system: str, examples: list[Example]):
        """``system`` (the family or a baseline) trained on ``examples``."""
        config = self.config
        seed_everything(config.seed)
        if system == PUBLIC_ONLY:
            if not self.public:
                raise ValueError(f"baseline {PUBLIC_ONLY} needs data.public, which is empty")
            if self._public_only is None:
                probe = build_model(config)
                self._public_only = (
                    self.stage() if hasattr(probe, "warm_start") else probe.fit(self.public)
                )
            return self._public_only
        if system != config.model.family:
            return build_model(config, system).fit(examples)
        if not self.public:
            return self._fit(build_model(config), examples)
        probe = build_model(config)
        if not hasattr(probe, "warm_start"):
            return probe.fit(self.public + examples)
        if not examples:
            return self.stage()
        model = copy.deepcopy(self.stage())
        model.warm_start = True
        settings = getattr(config.model, system)
        for name in sorted(CONTINUATION_SETTINGS - {"warm_start"}):  # how this fit trains
            if hasattr(settings, name):
                setattr(model, name, getattr(settings, name))
        seed_everything(config.seed)
        self._fit(model, examples)
        model.warm_start = False  # saved as a model that a later fit() trains afresh
        return model


def article_folds(examples: list[Example], config: TrainConfig) -> list[list[str]]:
    """The articles of each fold of ``evaluation.cv``: one article each for
    leave-one-article-out (in id order), or the ``evaluation.folds`` folds of
    :func:`framing.data.corpus.fold_of` (seeded by the run's seed) for grouped k-fold.

    Raises:
        ValueError: fewer than two articles, or fewer articles than folds.
    """
    docs = sorted({ex.doc_id for ex in examples})
    if config.evaluation.cv != "grouped_kfold":
        if len(docs) < 2:
            raise ValueError(f"leave-one-article-out needs at least 2 articles, got {len(docs)}")
        return [[doc] for doc in docs]
    from framing.data.corpus import fold_of

    k = config.evaluation.folds
    try:
        folds = fold_of(docs, k, config.seed)
    except ValueError as err:
        raise ValueError(f"grouped k-fold (evaluation.folds {k}): {err}") from None
    return [[doc for doc in docs if folds[doc] == i] for i in range(k)]


def predict_rows(model, examples: list[Example]) -> list[dict[str, Any]]:
    """A model's prediction rows of ``examples``: ``example`` (the gold sentence), ``mode``
    (probabilities of :data:`~framing.labels.MODES`), ``reported`` (probability), ``stances``
    (per mention, probabilities of :data:`~framing.labels.STANCES`) and ``speaker`` (a
    {speaker: probability} mapping, or None for a model that predicts no speaker)."""
    scores = model.scores(examples)
    speakers = getattr(scores, "speaker", None)
    return [
        {
            "example": ex,
            "mode": scores.mode[i],
            "reported": float(scores.reported[i]),
            "stances": scores.stances[i],
            "speaker": speakers[i] if speakers is not None else None,
        }
        for i, ex in enumerate(examples)
    ]


def cross_validate(
    examples: list[Example],
    config: TrainConfig,
    systems: Sequence[str],
    fitter: Fitter | None = None,
    folds: list[list[str]] | None = None,
    progress: RunProgress | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Out-of-fold predictions of every system, and notes on degenerate folds.

    Args:
        examples: the sentences of ``data.source``.
        config: the run's config.
        systems: the family and the baselines.
        fitter: fits the systems (with the public data); one without public data by default.
        folds: the articles of each fold (:func:`article_folds`; by default as the config says).
        progress: the run's bar (by default a bar of its own, a step per fold).

    Returns:
        Per system, the prediction rows (:func:`predict_rows`) of every sentence, fold by fold
        in article order; and the notes (also logged as warnings).

    Raises:
        ValueError: fewer than two articles (or fewer than the folds).
    """
    fitter = fitter or Fitter(config, [])
    folds = folds if folds is not None else article_folds(examples, config)
    predictions: dict[str, list[dict[str, Any]]] = {s: [] for s in systems}
    notes: list[str] = []
    # a step per fold (or per epoch of the family's fits), not per fit: the baselines fit in no
    # time, so counting them made the estimate of the time left several times too long
    bar = progress or RunProgress(len(folds))
    for k, held in enumerate(folds, 1):
        held_set = set(held)
        name = held[0] if len(held) == 1 else f"{k}"
        train = [ex for ex in examples if ex.doc_id not in held_set]
        test = sorted((ex for ex in examples if ex.doc_id in held_set), key=lambda e: e.doc_id)
        notes += _missing_labels(name, train)
        for system in systems:
            bar.show(f"fold {k}/{len(folds)}, {system}, test {_named(held)}")
            model = fitter.fit(system, train)
            notes += [f"fold {name}, {system}: {n}" for n in getattr(model, "notes", [])]
            predictions[system] += predict_rows(model, test)
        bar.fold_done(k)
    if progress is None:
        bar.close()
    for note in notes:
        logger.warning(note)
    return predictions, notes


def _named(held: list[str]) -> str:
    return held[0] if len(held) == 1 else f"{len(held)} articles"


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
