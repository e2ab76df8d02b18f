"""Family ``frozen``: a frozen pretrained encoder and linear heads.

Each sentence is encoded once. The mode and reported heads read the mean of its token vectors;
the stance head reads, for each mention, the mean of the token vectors inside the mention's span
next to the sentence's (target-aware: any span works, not only lexicon actors). Heads are the
calibrated logistic regressions of the ``tfidf`` family; the encoder is not saved, only its name.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.models.base import FramingModel, Scores, split_by_example, stance_targets
from framing.models.encoders import DEFAULT_ENCODER
from framing.models.linear import Heads
from framing.models.params import (
    AT_LEAST_ONE,
    CALIBRATION_FOLDS,
    ENCODER,
    MAX_LENGTH,
    POSITIVE,
    Seeded,
    param,
    validate,
)
from framing.records import Example, as_examples

WEIGHTS = "heads.npz"
# token vectors and offsets of the most recently encoded texts, least recently used first
_CACHE: OrderedDict[tuple[str, int, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
_CACHE_LIMIT = 10_000  # texts; at ~30 tokens x 384 floats each, at most about 0.5 GB
CACHE = True  # keep token vectors of texts seen before (cross-validation re-encodes the same)
_ENCODERS: dict[tuple[str, int, int], Encoder] = {}


class Encoder:
    """Token vectors of texts from a frozen transformers encoder, in length-sorted batches."""

    def __init__(self, name: str, max_length: int = 128, batch_size: int = 32) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from framing.models.encoders import resolve_encoder

        self.name = name
        self.path = resolve_encoder(name)  # a local folder is checked: no pickle, safetensors
        self.max_length = max_length
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        # safetensors only: a pickled pytorch_model.bin never reaches torch.load
        self.model = AutoModel.from_pretrained(self.path, use_safetensors=True).eval()
        for key, weights in self.model.state_dict().items():
            if weights.is_floating_point() and not bool(torch.isfinite(weights).all()):
                raise OSError(
                    f"encoder {name!r} ({self.path}): weights {key!r} hold non-finite numbers "
                    "(NaN or infinity)"
                )
        self.torch = torch

    def encode(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: token vectors (tokens, dim) and character offsets (tokens, 2)."""
        keys = [(self.path, self.max_length, t) for t in texts]
        found = {}
        for key in keys if CACHE else ():
            if key in _CACHE:
                _CACHE.move_to_end(key)  # used: the last to go
                found[key] = _CACHE[key]
        todo = sorted({k[2] for k in keys if k not in found}, key=len)
        for i in range(0, len(todo), self.batch_size):
            batch = todo[i : i + self.batch_size]
            enc = self.tokenizer(
                batch, return_offsets_mapping=True, truncation=True, max_length=self.max_length,
                padding=True, return_tensors="pt",
            )  # fmt: skip
            offsets = enc.pop("offset_mapping").numpy()
            with self.torch.inference_mode():
                hidden = self.model(**enc).last_hidden_state.numpy()
            mask = enc["attention_mask"].numpy().astype(bool)
            for j, text in enumerate(batch):
                keep = mask[j] & (offsets[j][:, 1] > offsets[j][:, 0])  # no special tokens
                key = (self.path, self.max_length, text)
                found[key] = (hidden[j][keep], offsets[j][keep])
                if CACHE:
                    _CACHE[key] = found[key]
                    if len(_CACHE) > _CACHE_LIMIT:
                        _CACHE.popitem(last=False)  # the least recently used text
        return [found[k] for k in keys]


def pool(vectors: np.ndarray, offsets: np.ndarray, start: int | None = None,
         end: int | None = None) -> np.ndarray:  # fmt: skip
    """Mean of the token vectors overlapping ``[start, end)`` (all tokens when no span; the
    sentence mean when the span was truncated away)."""
    if len(vectors) == 0:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    if start is None:
        return vectors.mean(axis=0)
    inside = (offsets[:, 0] < end) & (offsets[:, 1] > start)
    return vectors[inside].mean(axis=0) if inside.any() else vectors.mean(axis=0)


@dataclass(eq=False)
class FrozenEncoderModel(FramingModel, Seeded):
    """Frozen encoder + linear heads for mode, reported and target stance.

    Args:
        encoder: the pretrained encoder, a local folder or a Hub id (not saved with the model).
        max_length: the most tokens of a sentence the encoder reads.
        batch_size: sentences per encoder pass.
        C: the inverse regularisation strength of the logistic regressions.
        calibration_folds: folds of the sigmoid calibration (0: none).
        seed: seeds the calibration folds.
    """

    family = "frozen"
    files = (WEIGHTS,)

    encoder: str = param(DEFAULT_ENCODER, rule=ENCODER)
    max_length: int = param(128, rule=MAX_LENGTH)
    batch_size: int = param(32, rule=AT_LEAST_ONE)
    C: float = param(1.0, rule=POSITIVE)
    calibration_folds: int = param(3, rule=CALIBRATION_FOLDS)

    def __post_init__(self) -> None:
        validate(self)
        self._encoder: Encoder | None = None
        self._weights = WEIGHTS  # the heads' file, named in errors
        self._heads()

    def _heads(self) -> None:
        self.heads = Heads(self.modes, self.stance_labels, C=self.C,
                           calibration_folds=self.calibration_folds, seed=self.seed)  # fmt: skip

    @property
    def backbone(self) -> Encoder:
        """The frozen encoder, loaded once per process and shared (its weights never change)."""
        if self._encoder is None:
            key = (self.encoder, self.max_length, self.batch_size)
            if key not in _ENCODERS:
                _ENCODERS[key] = Encoder(*key)
            encoder = _ENCODERS[key]
            self._check_width(getattr(encoder.model.config, "hidden_size", None), encoder.path)
            self._encoder = encoder
        return self._encoder

    def _check_width(self, hidden: int | None, where: str) -> None:
        """The heads read vectors of the encoder's width (the sentence's; the stance head the
        sentence's and the mention's side by side).

        Raises:
            framing.ModelError: heads of another width (an encoder other than the one trained
                with).
        """
        from framing.models.errors import ModelError

        if not isinstance(hidden, int):
            return
        for head, width in ((self.heads.mode, hidden), (self.heads.reported, hidden),
                            (self.heads.stance, 2 * hidden)):  # fmt: skip
            if len(head.classes) >= 2 and head.coef.shape[1] != width:
                raise ModelError(
                    f"{self._weights}: the heads read vectors of {head.coef.shape[1]} numbers, "
                    f"but the encoder {self.encoder!r} ({where}) gives {width}: it was trained "
                    "with another encoder"
                )

    def features(self, examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
        """Sentence features (n, d) and mention features (mentions, 2d)."""
        encoded = self.backbone.encode([ex.text for ex in examples])
        sentences = np.stack([pool(v, o) for v, o in encoded])
        rows = [
            np.concatenate([sentences[i], pool(*encoded[i], m.start, m.end)])
            for i, m in stance_targets(examples)
        ]
        mentions = np.stack(rows) if rows else np.zeros((0, 2 * sentences.shape[1]))
        return sentences, mentions

    @property
    def notes(self) -> list[str]:
        return self.heads.notes

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> FrozenEncoderModel:
        examples = as_examples(examples)
        self._heads()
        sentences, mentions = self.features(examples)
        self.heads.fit(sentences, mentions if len(mentions) else None, examples)
        self.fit_speaker(examples)
        return self

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        examples = as_examples(examples)
        sentences, mentions = self.features(examples)
        mode, reported, rows = self.heads.proba(sentences, mentions, len(mentions))
        return Scores(mode=mode, reported=reported, stances=split_by_example(rows, examples),
                      speaker=self.speaker_scores(examples))  # fmt: skip

    def _save(self, directory: Path) -> None:
        np.savez_compressed(directory / WEIGHTS, **self.heads.to_arrays())

    def _load(self, directory: Path) -> None:
        """Read ``heads.npz`` (checked) and resolve the encoder now, not at the first analysis:
        a local encoder folder is checked like a model folder (regular files, no pickle by name
        or contents, safetensors weights), and the heads' width against its ``config.json``.

        Raises:
            framing.ModelError: unreadable, truncated, mis-shaped or non-finite heads, or an
                encoder that cannot be found or is refused (named).
        """
        from framing.models.encoders import resolve_encoder
        from framing.models.errors import ModelError
        from framing.models.files import read_json, read_npz

        self._heads()
        weights = directory / WEIGHTS
        arrays = read_npz(weights)
        try:
            self.heads.from_arrays(arrays)
        except ValueError as err:
            raise ModelError(f"{weights}: {err}") from None
        heads = {"mode": self.heads.mode, "reported": self.heads.reported}
        widths = {k: h.coef.shape[1] for k, h in heads.items() if len(h.classes) >= 2}
        sentence = set(widths.values())
        if len(self.heads.stance.classes) >= 2:
            widths["stance"] = self.heads.stance.coef.shape[1]
            sentence.add(widths["stance"] / 2)
        if len(sentence) > 1:
            raise ModelError(
                f"{weights}: heads of inconsistent widths {widths} (the stance head reads twice "
                "the sentence width)"
            )
        try:
            path = resolve_encoder(self.encoder)
        except OSError as err:
            raise ModelError(f"{directory / 'framing.json'}: encoder: {err}") from None
        self._weights = str(weights)
        config = Path(path) / "config.json"
        if config.is_file():
            self._check_width(read_json(config).get("hidden_size"), path)
